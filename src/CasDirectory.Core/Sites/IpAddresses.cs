using System.Net;

namespace CasDirectory.Core.Sites;

/// <summary>Strict parsing of the IP addresses a server is given (dotted IPv4 or IPv6 text).</summary>
public static class IpAddresses
{
    public static IPAddress Parse(string? text, string parameter = "IPAddress")
    {
        var value = text?.Trim() ?? "";
        // IPAddress.TryParse accepts "10.1" or "10"; an address here must be written out in full.
        var ok = IPAddress.TryParse(value, out var address)
                 && (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || value.Count(c => c == '.') == 3);
        return ok ? address!
            : throw new DomainRuleException($"'{text}' is not an IP address for -{parameter}, such as 10.1.0.11.", isMalformedInput: true);
    }
}
