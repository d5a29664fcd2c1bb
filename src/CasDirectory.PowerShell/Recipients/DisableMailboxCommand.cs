using System.Management.Automation;
using CasDirectory.Core.Recipients;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// <para type="synopsis">Takes the mailbox away from a user and keeps the user (Remove-Mailbox deletes both); asks unless -Confirm:$false.</para>
/// </summary>
/// <example>
/// <code>Disable-Mailbox ben -Confirm:$false</code>
/// <para>Removes the Exchange attributes from Ben Andrews; the user stays and Enable-Mailbox can give it a mailbox again (Microsoft Learn, Disable-Mailbox, Exchange 2010 example, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsLifecycle.Disable, "Mailbox", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Identity")]
public sealed class DisableMailboxCommand : CasDirectoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MailboxNameCompleter))]
    public MailboxIdParameter Identity { get; set; } = null!;

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var mailbox = RecipientLookup.Mailbox(directory.ReadMailboxes(), Identity.RawIdentity);
        CurrentTarget = mailbox.Name;
        if (ShouldWrite($"mailbox \"{mailbox.Name}\"", $"the user {mailbox.DistinguishedName} stays, without its Exchange attributes"))
            directory.DisableMailbox(mailbox);
    }
}
