using System.Management.Automation;
using CasDirectory.Core.Recipients;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.ClientView;

/// <summary>
/// <para type="synopsis">Forgets the Outlook profile recorded for a mailbox, as repairing or recreating it in Outlook does (casdir's own).</para>
/// <para type="description">The service's Autodiscover listener records what a profile made from a mailbox's first answer
/// holds (docs/outlook.md, O8); Test-CasTopology reports one that a new profile would not match (O8). This is the lab's
/// stand-in for Outlook's Repair: the next Autodiscover answer is recorded afresh.</para>
/// </summary>
/// <example>
/// <code>Reset-OutlookProfile alex</code>
/// <para>Alex's next Autodiscover answer makes a new profile record, with the server a new profile gets.</para>
/// </example>
[Cmdlet(VerbsCommon.Reset, "OutlookProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
public sealed class ResetOutlookProfileCommand : CasDirectoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MailboxNameCompleter))]
    public MailboxIdParameter Identity { get; set; } = null!;

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var mailbox = RecipientLookup.Mailbox(directory.ReadMailboxes(), Identity.RawIdentity);
        CurrentTarget = mailbox.Name;
        if (ShouldProcess($"Outlook profile of \"{mailbox.Name}\"", "Reset"))
            directory.ClearOutlookProfile(mailbox.DistinguishedName);
    }
}
