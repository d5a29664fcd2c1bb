using CasDirectory.Core.Naming;

namespace CasDirectory.Core.Recipients;

/// <summary>
/// One value of proxyAddresses, as Exchange writes it: <c>prefix:address</c>. An upper-case prefix marks the primary
/// address of its type (<c>SMTP:</c> is the primary SMTP address, <c>smtp:</c> a secondary one); <c>X500:</c> keeps a
/// former legacyExchangeDN. Two values name the same address whatever the prefix's case.
/// </summary>
public sealed record ProxyAddress
{
    private ProxyAddress(string prefix, string address)
    {
        Prefix = prefix;
        AddressString = address;
    }

    /// <summary>As written: SMTP, smtp, X500, x400, …</summary>
    public string Prefix { get; }
    public string AddressString { get; }
    public bool IsPrimaryAddress => Prefix == Prefix.ToUpperInvariant();
    public bool IsSmtp => Prefix.Equals("SMTP", StringComparison.OrdinalIgnoreCase);

    public static ProxyAddress Smtp(SmtpAddress address, bool primary) => new(primary ? "SMTP" : "smtp", address.Address);

    /// <summary>
    /// A value as typed or stored. Without a prefix it is an SMTP address (EMS reads "jdoe@lab.local" as smtp:);
    /// an SMTP value must be a valid address, any other type a non-empty address without control characters.
    /// </summary>
    public static ProxyAddress Parse(string text)
    {
        var colon = text.IndexOf(':');
        var (prefix, address) = colon > 0 && !text[..colon].Contains('@') ? (text[..colon], text[(colon + 1)..]) : ("smtp", text);
        if (prefix.Length > 9 || !prefix.All(char.IsAsciiLetterOrDigit))
            throw new DomainRuleException($"'{ObjectName.Shown(text)}' has no valid address type before its colon (SMTP:, smtp:, X500:, …).", isMalformedInput: true);
        if (prefix.Equals("SMTP", StringComparison.OrdinalIgnoreCase))
            return new ProxyAddress(prefix, SmtpAddress.Parse(address).Address);
        if (address.Length == 0 || address.Length > 1100 || address.Any(char.IsControl))
            throw new DomainRuleException($"'{ObjectName.Shown(text)}' is not a valid {prefix} address.", isMalformedInput: true);
        return new ProxyAddress(prefix, address);
    }

    /// <summary>The same address (type and address compared without regard to case).</summary>
    public bool SameAddress(ProxyAddress other) =>
        Prefix.Equals(other.Prefix, StringComparison.OrdinalIgnoreCase) && AddressString.Equals(other.AddressString, StringComparison.OrdinalIgnoreCase);

    public ProxyAddress AsPrimary(bool primary) => new(primary ? Prefix.ToUpperInvariant() : Prefix.ToLowerInvariant(), AddressString);

    public override string ToString() => $"{Prefix}:{AddressString}";
}
