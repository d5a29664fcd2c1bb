namespace CasDirectory.Ldap.Connection;

/// <summary>Where a directory listens: an <c>ldap://host:port</c> URL.</summary>
public sealed record DirectoryEndpoint(string Host, int Port)
{
    public string Url => $"ldap://{Host}:{Port}";

    public static DirectoryEndpoint Loopback(int port) => new("127.0.0.1", port);

    public static DirectoryEndpoint Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "ldap" || string.IsNullOrEmpty(uri.Host))
            throw new FormatException($"'{url}' is not an LDAP URL such as ldap://127.0.0.1:3890.");
        return new DirectoryEndpoint(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 389 : uri.Port);
    }

    public override string ToString() => Url;
}
