using System.Net;
using System.Net.Sockets;

namespace CasDirectory.Core.Sites;

/// <summary>An AD subnet: a network prefix (named by its CIDR, e.g. 10.1.0.0/16) and the site it belongs to.</summary>
public sealed record AdSubnet(IPNetwork Prefix, string? SiteName)
{
    public string Name => Prefix.ToString();

    /// <summary>Parses a canonical CIDR (strict address, no host bits), as AD requires for a subnet's name.</summary>
    public static IPNetwork ParsePrefix(string? cidr)
    {
        var parts = (cidr ?? "").Split('/');
        if (parts.Length != 2 || !IpAddresses.TryParse(parts[0], out var address) || !IsLength(parts[1], address, out var length))
            throw new DomainRuleException($"'{cidr}' is not a subnet in CIDR form, such as 10.1.0.0/16.", isMalformedInput: true);
        var network = new IPNetwork(Mask(address, length), length);
        if (!network.BaseAddress.Equals(address))
            throw new DomainRuleException($"'{cidr}' has host bits set; the subnet is {network}.", isMalformedInput: true);
        return network;
    }

    public static bool TryParsePrefix(string? cidr, out IPNetwork prefix)
    {
        try
        {
            prefix = ParsePrefix(cidr);
            return true;
        }
        catch (DomainRuleException)
        {
            prefix = default;
            return false;
        }
    }

    private static bool IsLength(string text, IPAddress address, out int length) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out length)
        && (text.Length == 1 || text[0] != '0')
        && length <= (address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);

    private static IPAddress Mask(IPAddress address, int length)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(length - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }
        return new IPAddress(bytes);
    }
}
