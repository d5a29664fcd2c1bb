using System.Net;
using System.Net.Sockets;

namespace CasDirectory.Core.Sites;

/// <summary>
/// Strict parsing of the IP addresses a server is given: IPv4 as four decimal octets without leading zeros
/// (IPAddress.Parse would read 10.2.0.050 as octal, 10.2.0.40), or IPv6 text.
/// </summary>
public static class IpAddresses
{
    public static IPAddress Parse(string? text, string parameter = "IPAddress") =>
        TryParse(text, out var address) ? address
            : throw new DomainRuleException($"'{text}' is not an IP address for -{parameter}, such as 10.1.0.11 (four decimal octets, no leading zeros).", isMalformedInput: true);

    public static bool TryParse(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        var value = text ?? "";
        if (value.Contains(':'))
            return IPAddress.TryParse(value, out address!) && address.AddressFamily == AddressFamily.InterNetworkV6 && !value.Contains('%');
        var octets = value.Split('.');
        if (octets.Length != 4 || !octets.All(IsOctet))
            return false;
        address = IPAddress.Parse(value);
        return true;
    }

    private static bool IsOctet(string part) =>
        part.Length is >= 1 and <= 3 && part.All(char.IsAsciiDigit) && (part.Length == 1 || part[0] != '0') && int.Parse(part) <= 255;
}
