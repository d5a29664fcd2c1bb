using CasDirectory.Core.ClientView;

namespace CasDirectory.PowerShell.Objects;

/// <summary>
/// What Test-OutlookWebServices writes: one connection Outlook makes, with EMS's Id, Type and Message, and what casdir adds:
/// the protocol, the name, the directory object it comes from, and whether the name belongs on the certificate and in
/// external DNS.
/// </summary>
public sealed class OutlookConnection
{
    public OutlookConnection(Core.ClientView.OutlookConnection connection, bool external)
    {
        Id = IdOf(connection.Kind);
        Type = connection.Status.ToString();
        Protocol = connection.Kind.ToString();
        Name = connection.Name;
        Source = connection.Source;
        OnCertificate = connection.OnCertificate;
        ExternalDns = connection.ResolvesExternally;
        // EMS prefixes what concerns the internal URLs [EXCH]- and Outlook Anywhere's [EXPR]-.
        Message = (connection.Kind is OutlookConnectionKind.Autodiscover or OutlookConnectionKind.Profile ? "" : external ? "[EXPR]-" : "[EXCH]-") + connection.Message.Trim();
    }

    /// <summary>EMS 2010's event ids where it has one for the service (Autodiscover 1006, OAB 1015, Availability 1016, RPC/HTTP 1017); casdir's from 1020.</summary>
    private static int IdOf(OutlookConnectionKind kind) => kind switch
    {
        OutlookConnectionKind.Autodiscover => 1006,
        OutlookConnectionKind.OfflineAddressBook => 1015,
        OutlookConnectionKind.WebServices => 1016,
        OutlookConnectionKind.OutlookAnywhere => 1017,
        OutlookConnectionKind.Mailbox => 1020,
        OutlookConnectionKind.Directory => 1021,
        OutlookConnectionKind.PublicFolders => 1022,
        OutlookConnectionKind.WebApp => 1023,
        OutlookConnectionKind.ControlPanel => 1024,
        _ => 1025,
    };

    public int Id { get; }
    public string Type { get; }
    public string Protocol { get; }
    public string? Name { get; }
    public string Source { get; }
    /// <summary>Whether the name belongs on the Client Access servers' certificate (HTTPS names; never the RPC names).</summary>
    public bool OnCertificate { get; }
    /// <summary>Whether the name must resolve in external DNS (what outside clients reach; never the array).</summary>
    public bool ExternalDns { get; }
    public string Message { get; }

    public override string ToString() => $"{Protocol} {Name}";
}
