using CasDirectory.Core;
using CasDirectory.Core.Recipients;
using CasDirectory.Ldap.Exchange;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>What Exchange checks before a mailbox goes (Remove-Mailbox, Disable-Mailbox): a litigation hold, the last arbitration mailbox.</summary>
internal static class RemovalChecks
{
    public static void Require(ExchangeDirectory directory, Mailbox mailbox, bool ignoreLegalHold, bool lastArbitrationAllowed, string verb, string lastSwitch)
    {
        if (mailbox.OnLitigationHold && !ignoreLegalHold)
            throw new DomainRuleException($"'{mailbox.Name}' is on litigation hold; {verb} it with -IgnoreLegalHold if the hold no longer applies, or clear the hold first (Set-Mailbox -LitigationHoldEnabled $false).");
        if (mailbox.RecipientTypeDetails == RecipientTypeDetails.ArbitrationMailbox && !lastArbitrationAllowed
            && directory.ReadMailboxes().Count(m => m.RecipientTypeDetails == RecipientTypeDetails.ArbitrationMailbox) == 1)
            throw new DomainRuleException($"'{mailbox.Name}' is the organisation's last arbitration mailbox; moderated recipients need one. Add {lastSwitch} to {verb} it anyway.");
    }
}
