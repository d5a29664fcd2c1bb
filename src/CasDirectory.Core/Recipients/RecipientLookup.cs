using CasDirectory.Core.Identity;
using CasDirectory.Core.Naming;

namespace CasDirectory.Core.Recipients;

/// <summary>
/// A mailbox by what EMS accepts for one (rule A5's idea for recipients): name, alias, any of its e-mail addresses, user
/// principal name, DN, canonical name, legacyExchangeDN, GUID (the object's or the mailbox's) or DOMAIN\sAMAccountName.
/// Matched against mailboxes already read, never turned into a filter. An identity that fits two mailboxes is refused
/// with both named, as EMS refuses it.
/// </summary>
public static class RecipientLookup
{
    public static Mailbox Mailbox(IEnumerable<Mailbox> mailboxes, string identity) =>
        TryMailbox(mailboxes, identity) ?? throw new ObjectNotFoundException("mailbox", identity);

    public static Mailbox? TryMailbox(IEnumerable<Mailbox> mailboxes, string identity)
    {
        var matches = mailboxes.Where(m => Matches(m, identity)).Take(2).ToList();
        // The name, DN or GUID name exactly one object; when one mailbox matches that way, it wins over looser matches.
        if (matches.Count > 1)
        {
            var exact = mailboxes.Where(m => ObjectLookup.Same(m.Name, identity) || DistinguishedNames.AreEqual(m.DistinguishedName, identity)).ToList();
            if (exact.Count == 1)
                return exact[0];
            throw new DomainRuleException($"The identity '{ObjectName.Shown(identity)}' matches more than one mailbox ({string.Join(", ", matches.Select(m => m.Name))}); use the DN, the primary SMTP address or the GUID.");
        }
        return matches.FirstOrDefault();
    }

    private static bool Matches(Mailbox m, string identity)
    {
        if (ObjectLookup.Same(m.Name, identity) || ObjectLookup.Same(m.Alias, identity) || Eq(m.UserPrincipalName, identity)
            || Eq(m.LegacyExchangeDN, identity) || Eq(m.Guid, identity) || (m.ExchangeGuid is { } g && System.Guid.TryParse(identity, out var given) && g == given))
            return true;
        if (identity.Contains('=') && DistinguishedNames.AreEqual(m.DistinguishedName, identity))
            return true;
        if (identity.Contains('/') && Eq(RecipientNames.CanonicalName(m.DistinguishedName), identity))
            return true;
        if (identity.IndexOf('\\') is var slash and > 0 && Eq(m.SamAccountName, identity[(slash + 1)..]))
            return true;
        if (identity.Contains('@') && SmtpAddress.TryParse(identity.StartsWith("smtp:", StringComparison.OrdinalIgnoreCase) ? identity[5..] : identity, out var address))
            return Eq(m.PrimarySmtpAddress, address.Address)
                   || m.EmailAddresses.Any(a => a.StartsWith("smtp:", StringComparison.OrdinalIgnoreCase) && Eq(a[5..], address.Address));
        return false;
    }

    private static bool Eq(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>The mailbox whose address (primary or proxy, any case) is <paramref name="address"/>, or null: who an e-mail address belongs to.</summary>
    public static Mailbox? ByAddress(IEnumerable<Mailbox> mailboxes, SmtpAddress address) =>
        mailboxes.FirstOrDefault(m => Eq(m.PrimarySmtpAddress, address.Address)
                                      || m.EmailAddresses.Any(a => a.StartsWith("smtp:", StringComparison.OrdinalIgnoreCase) && Eq(a[5..], address.Address)));
}
