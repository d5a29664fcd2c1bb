namespace CasDirectory.Core.ClientView;

/// <summary>
/// What Autodiscover tells Outlook about one mailbox (docs/outlook.md): the User block, and one entry per protocol. EXCH is
/// RPC inside the firewall (its Server is the database's RpcClientAccessServer: an array's FQDN once the database points at
/// one); EXPR is Outlook Anywhere, present only when it is enabled on a Client Access server of the mailbox's site; WEB is
/// Outlook Web App.
/// </summary>
public sealed record OutlookSettings
{
    public required AutodiscoverUser User { get; init; }
    public required ExchangeRpcProtocol Exch { get; init; }
    public OutlookAnywhereProtocol? Expr { get; init; }
    public WebProtocol? Web { get; init; }

    /// <summary>The FQDN of the Mailbox server that holds the database (InternalMailboxServer), never the array.</summary>
    public required string MailboxServer { get; init; }
    /// <summary>That server's legacyExchangeDN.</summary>
    public required string MailboxServerDN { get; init; }
    /// <summary>The Client Access server whose virtual directories gave the URLs (a 2010 CAS of the mailbox server's site), or null.</summary>
    public string? ClientAccessServer { get; init; }
    /// <summary>The mailbox server's site, where the URLs come from.</summary>
    public string? Site { get; init; }
    /// <summary>Whether EXCH Server names a Client Access array rather than a server.</summary>
    public bool ServerIsArray { get; init; }
    /// <summary>Exchange's version of the Client Access server that answers, as CasVersion shows it (14.2.247.5).</summary>
    public required string CasVersion { get; init; }
}

/// <summary>The User block: DisplayName, LegacyDN (the user's legacyExchangeDN) and DeploymentId (the organisation's GUID).</summary>
public sealed record AutodiscoverUser(string DisplayName, string LegacyDN, Guid DeploymentId, string PrimarySmtpAddress);

/// <summary>EXCH: Exchange RPC, as the KB sample of a 2010 mailbox behind an array shows it.</summary>
public sealed record ExchangeRpcProtocol
{
    /// <summary>The RpcClientAccessServer's FQDN (the array's when the database points at one).</summary>
    public required string Server { get; init; }
    /// <summary>The legacyExchangeDN of that array or server.</summary>
    public required string ServerDN { get; init; }
    public required string ServerVersion { get; init; }
    /// <summary>The database's legacyExchangeDN: ServerDN + /cn=Microsoft Private MDB.</summary>
    public required string MdbDN { get; init; }
    /// <summary>The FQDN of the Mailbox server of the database's default public folder database (never the array), or null.</summary>
    public string? PublicFolderServer { get; init; }
    /// <summary>A domain controller the client may use (the directory's own DNS name).</summary>
    public string? ActiveDirectoryServer { get; init; }
    public ProtocolUrls Urls { get; init; } = new();
}

/// <summary>EXPR: Outlook Anywhere. Server is its external host name; AuthPackage its client authentication method.</summary>
public sealed record OutlookAnywhereProtocol
{
    public required string Server { get; init; }
    public required bool Ssl { get; init; }
    public required string AuthPackage { get; init; }
    public ProtocolUrls Urls { get; init; } = new();
}

/// <summary>The web service URLs of a protocol entry: EWS serves availability (AS), out-of-office (OOF) and EWS itself.</summary>
public sealed record ProtocolUrls
{
    public string? Ews { get; init; }
    public string? Ecp { get; init; }
    public string? Um { get; init; }
    public string? Oab { get; init; }
}

/// <summary>WEB: Outlook Web App inside and outside, with the authentication methods each accepts.</summary>
public sealed record WebProtocol(WebUrl? Internal, WebUrl? External);

public sealed record WebUrl(string Url, string AuthenticationMethods);
