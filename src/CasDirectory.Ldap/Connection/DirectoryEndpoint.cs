namespace CasDirectory.Ldap.Connection;

/// <summary>
/// Where a directory listens: <c>ldap://host:port</c>, or <c>ldaps://host:port</c> (TLS from the first byte), with the
/// CA file its certificate must chain to (null: the system's trust store).
/// </summary>
public sealed record DirectoryEndpoint(string Host, int Port, bool Secure = false)
{
    public string Url => $"{(Secure ? "ldaps" : "ldap")}://{Host}:{Port}";

    /// <summary>The CA certificate (PEM) that slapd's certificate must chain to; null for the system store.</summary>
    public string? CaFile { get; init; }

    /// <summary>ldap:// upgraded with StartTLS before the bind (never a bind if the upgrade fails).</summary>
    public bool StartTls { get; init; }

    /// <summary>Whether a password sent to this endpoint is protected: TLS, or a loopback address.</summary>
    public bool ProtectsPasswords => Secure || StartTls || IsLoopback;

    /// <summary>
    /// The other servers of a <c>-DomainController ldaps://a,ldaps://b</c> list. A session reads from whichever answers,
    /// but writes only to the first that answered it and never to another within the session: two servers taking
    /// writes is what breaks the directory's rules (docs/replication.md, "The front end"; failing over writes is the front end's job).
    /// </summary>
    public IReadOnlyList<DirectoryEndpoint> Alternates { get; init; } = [];

    /// <summary>This endpoint and its alternates, in the order given.</summary>
    public IReadOnlyList<DirectoryEndpoint> All => [this with { Alternates = [] }, .. Alternates];

    /// <summary>The server's slapd serverID, when casdir knows it (a local directory's casdir.json): a durable write
    /// need not wait for the server that made it.</summary>
    public int? ServerId { get; init; }

    /// <summary>Set when every write must be on the mirror before it is reported done (docs/replication.md, "Durable writes").</summary>
    public DurableWrites? Durable { get; init; }

    public bool IsLoopback => Host is "127.0.0.1" or "::1" or "[::1]" or "localhost";

    public static DirectoryEndpoint Loopback(int port) => new("127.0.0.1", port);

    public static DirectoryEndpoint LoopbackSecure(int port) => new("127.0.0.1", port, Secure: true);

    public static DirectoryEndpoint Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("ldap" or "ldaps") || string.IsNullOrEmpty(uri.Host))
            throw new FormatException($"'{url}' is not an LDAP URL such as ldap://127.0.0.1:3890 or ldaps://dc.lab.local:636.");
        var secure = uri.Scheme == "ldaps";
        return new DirectoryEndpoint(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? (secure ? 636 : 389) : uri.Port, secure);
    }

    public override string ToString() => Url;
}
