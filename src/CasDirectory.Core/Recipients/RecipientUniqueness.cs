using CasDirectory.Core.Naming;

namespace CasDirectory.Core.Recipients;

/// <summary>
/// R7: no two recipients share an e-mail address (mail or any proxyAddresses value, whatever the prefix's case), a
/// userPrincipalName or a sAMAccountName; an X500 address is another's legacyExchangeDN as much as its X500 proxy (both
/// name the mailbox to Outlook). slapd holds the same rule within each attribute (slapo-unique); this check also compares
/// across them, and gives the clear message first.
/// </summary>
public static class RecipientUniqueness
{
    public static void Check(IEnumerable<Mailbox> existing, string? exceptDn, IReadOnlyList<ProxyAddress> addresses, string? userPrincipalName, string? samAccountName)
    {
        foreach (var other in existing.Where(m => exceptDn is null || !DistinguishedNames.AreEqual(m.DistinguishedName, exceptDn)))
        {
            var taken = other.EmailAddresses.Select(TryParse).OfType<ProxyAddress>()
                .Concat(new[] { other.PrimarySmtpAddress is { } mail ? TryParse("smtp:" + mail) : null, other.LegacyExchangeDN is { } dn ? TryParse("X500:" + dn) : null }.OfType<ProxyAddress>())
                .ToList();
            if (addresses.FirstOrDefault(a => taken.Any(t => t.SameAddress(a))) is { } clash)
                throw new DomainRuleException($"The address '{clash.AddressString}' is already used by '{other.Name}'. Each e-mail address belongs to one recipient.");
            if (userPrincipalName is not null && string.Equals(userPrincipalName, other.UserPrincipalName, StringComparison.OrdinalIgnoreCase))
                throw new DomainRuleException($"The user principal name '{userPrincipalName}' is already used by '{other.Name}'.");
            if (samAccountName is not null && string.Equals(samAccountName, other.SamAccountName, StringComparison.OrdinalIgnoreCase))
                throw new DomainRuleException($"The sAMAccountName '{samAccountName}' is already used by '{other.Name}'.");
        }
    }

    /// <summary>Whether a legacyExchangeDN is already another recipient's, as its own or as an X500 proxy address.</summary>
    public static bool LegacyDnTaken(IEnumerable<Mailbox> existing, string legacyExchangeDn) =>
        existing.Any(m => string.Equals(m.LegacyExchangeDN, legacyExchangeDn, StringComparison.OrdinalIgnoreCase)
                          || m.EmailAddresses.Any(a => a.StartsWith("X500:", StringComparison.OrdinalIgnoreCase) && string.Equals(a[5..], legacyExchangeDn, StringComparison.OrdinalIgnoreCase)));

    private static ProxyAddress? TryParse(string value)
    {
        try
        {
            return ProxyAddress.Parse(value);
        }
        catch (DomainRuleException)
        {
            return null; // a value someone else wrote that casdir would not: it cannot equal a valid one we write
        }
    }
}
