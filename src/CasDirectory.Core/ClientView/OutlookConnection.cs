namespace CasDirectory.Core.ClientView;

/// <summary>What kind of connection Outlook makes (docs/outlook.md, "A client's-eye view").</summary>
public enum OutlookConnectionKind
{
    Autodiscover,
    Mailbox,
    Directory,
    PublicFolders,
    OutlookAnywhere,
    WebServices,
    OfflineAddressBook,
    WebApp,
    ControlPanel,
    Profile,
}

/// <summary>How a connection stands: fine, worth knowing, or what stops a client.</summary>
public enum OutlookConnectionStatus
{
    Success,
    Information,
    Warning,
    Error,
}

/// <summary>
/// One connection Outlook makes for a mailbox from a client location: to which name, taken from which directory object,
/// and what that name needs: on the Client Access certificate (HTTPS names only; never the RPC names) and in external DNS
/// (only what outside clients reach over HTTPS; never the array, or Outlook tries RPC/TCP to it first and waits).
/// </summary>
public sealed record OutlookConnection(
    OutlookConnectionKind Kind, string? Name, string Source, bool OnCertificate, bool ResolvesExternally, OutlookConnectionStatus Status, string Message);
