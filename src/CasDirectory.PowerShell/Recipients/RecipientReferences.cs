using CasDirectory.Core;
using CasDirectory.Core.Recipients;
using CasDirectory.Ldap.Exchange;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// What the recipient cmdlets' references name: a recipient of the domain (a mailbox by any identity Get-Mailbox takes,
/// else a user, group or contact by name, address, sAMAccountName or DN), resolved to the DN Exchange stores.
/// </summary>
internal static class RecipientReferences
{
    public static string Recipient(ExchangeDirectory directory, string identity) =>
        RecipientLookup.TryMailbox(directory.ReadMailboxes(), identity)?.DistinguishedName
        ?? directory.FindReference(identity, directory.Partition.DomainDn, ["user", "group", "contact"], byMail: true)
        ?? throw new ObjectNotFoundException("recipient", identity, $"No mailbox, user, group or contact in {directory.Partition.DomainDn} has that name, address or DN.");

    public static IReadOnlyList<string>? Recipients(ExchangeDirectory directory, IEnumerable<IdParameters.RecipientIdParameter>? identities) =>
        identities?.Select(i => Recipient(directory, i.RawIdentity)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Whether a DN names a group (a *DLMembers list takes groups, the other list individuals).</summary>
    public static bool IsGroup(ExchangeDirectory directory, string dn) => directory.FindReference(dn, dn, ["group"]) is not null;

    /// <summary>An arbitration mailbox (ArbitrationMailbox: where moderation requests wait).</summary>
    public static string Arbitration(ExchangeDirectory directory, string identity)
    {
        var mailbox = RecipientLookup.Mailbox(directory.ReadMailboxes(), identity);
        return mailbox.RecipientTypeDetails == RecipientTypeDetails.ArbitrationMailbox ? mailbox.DistinguishedName
            : throw new DomainRuleException($"-ArbitrationMailbox '{mailbox.Name}' is not an arbitration mailbox; make one with New-Mailbox -Arbitration.", isMalformedInput: true);
    }

    /// <summary>
    /// A linked master account: the forest that owns it is not reachable from this directory, so only its SID
    /// (S-1-5-21-…) can be taken; it is stored as AD stores a SID (binary).
    /// </summary>
    public static byte[] MasterAccountSid(string identity)
    {
        try
        {
            return Core.Security.SecurityIdentifier.Parse(identity).ToBinary();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or DomainRuleException or OverflowException)
        {
            throw new DomainRuleException(
                $"-LinkedMasterAccount '{identity}' cannot be resolved: the account lives in another forest, which this directory has no trust to. Give the account's SID (S-1-5-21-…).", isMalformedInput: true);
        }
    }
}
