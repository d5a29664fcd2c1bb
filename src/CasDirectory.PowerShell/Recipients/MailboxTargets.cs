using CasDirectory.Core;
using CasDirectory.Core.Recipients;
using CasDirectory.Ldap.Exchange;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// The mailbox a Set-/Remove-/Disable-Mailbox names. Arbitration mailboxes are system mailboxes: as in Exchange, these
/// cmdlets see them only with -Arbitration, and with -Arbitration see only them.
/// </summary>
internal static class MailboxTargets
{
    public static Mailbox Find(ExchangeDirectory directory, string identity, bool arbitration)
    {
        var mailboxes = directory.ReadMailboxes().Where(m => (m.RecipientTypeDetails == RecipientTypeDetails.ArbitrationMailbox) == arbitration);
        if (RecipientLookup.TryMailbox(mailboxes, identity) is { } found)
            return found;
        if (!arbitration && RecipientLookup.TryMailbox(directory.ReadMailboxes(), identity) is { RecipientTypeDetails: RecipientTypeDetails.ArbitrationMailbox } system)
            throw new DomainRuleException($"'{system.Name}' is an arbitration mailbox; name it with -Arbitration.", isMalformedInput: true);
        throw new ObjectNotFoundException(arbitration ? "arbitration mailbox" : "mailbox", identity);
    }
}
