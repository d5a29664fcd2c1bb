using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CasDirectory.Service.Http;

/// <summary>
/// A listener's address as casdir's settings write it, HttpListener's prefix form: <c>http://127.0.0.1:3899/</c>,
/// <c>http://localhost:3899/</c>, <c>http://[::1]:3899/</c>, or <c>http://+:3899/</c> (<c>*</c> too) for every interface;
/// and how Kestrel listens on it. Kestrel binds addresses, not names: a host name other than localhost is refused.
/// </summary>
public sealed record ListenAddress(string Scheme, string Host, int Port, string PathBase)
{
    public bool IsEveryInterface => Host is "+" or "*";

    public bool IsLocalhost => string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase);

    public bool IsLoopback => IsLocalhost || (IPAddress.TryParse(Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>Parses <c>scheme://host[:port]/[path/]</c>; the path, if any, ends in '/' and the routes are served under it.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ListenAddress? address)
    {
        address = null;
        var schemeEnd = text?.IndexOf("://", StringComparison.Ordinal) ?? -1;
        if (text is null || schemeEnd < 0)
            return false;
        var scheme = text[..schemeEnd].ToLowerInvariant();
        var rest = text[(schemeEnd + 3)..];
        var slash = rest.IndexOf('/');
        if (scheme is not ("http" or "https") || slash < 0 || !rest.EndsWith('/'))
            return false;
        var (authority, path) = (rest[..slash], rest[slash..]);
        // [IPv6]:port, or host:port with the last colon before the port.
        var hostEnd = authority.StartsWith('[') ? authority.IndexOf(']') + 1 : authority.LastIndexOf(':') is var colon and >= 0 ? colon : authority.Length;
        if (hostEnd <= 0)
            return false;
        var (host, portText) = (authority[..hostEnd], authority[hostEnd..]);
        var port = scheme == "https" ? 443 : 80;
        if (portText.Length > 0 && !(portText[0] == ':' && int.TryParse(portText.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535))
            return false;
        if (host is not ("+" or "*") && !string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            && !(IPAddress.TryParse(host.Trim('[', ']'), out var ip) && (host.StartsWith('[') == (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6))))
            return false;
        address = new ListenAddress(scheme, host, port, path.TrimEnd('/'));
        return true;
    }

    /// <summary>Adds the Kestrel endpoint: every interface (IPv6 and IPv4) for + or *, loopback IPv4 and IPv6 for localhost.</summary>
    public void Listen(KestrelServerOptions kestrel, Action<ListenOptions> configure)
    {
        if (IsEveryInterface)
            kestrel.ListenAnyIP(Port, configure);
        else if (IsLocalhost)
            kestrel.ListenLocalhost(Port, configure);
        else
            kestrel.Listen(IPAddress.Parse(Host.Trim('[', ']')), Port, configure);
    }

    public override string ToString() => $"{Scheme}://{Host}:{Port}{PathBase}/";
}
