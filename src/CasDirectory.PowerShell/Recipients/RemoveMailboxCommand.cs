using System.Management.Automation;
using CasDirectory.Core.Recipients;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// <para type="synopsis">Removes a mailbox and its user account, as Exchange 2010's Remove-Mailbox does; asks unless -Confirm:$false.</para>
/// </summary>
/// <example>
/// <code>Remove-Mailbox ben -Confirm:$false</code>
/// <para>Deletes Ben's user and mailbox (Microsoft Learn, Remove-Mailbox, Exchange 2010 example, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "Mailbox", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Identity")]
public sealed class RemoveMailboxCommand : CasDirectoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MailboxNameCompleter))]
    public MailboxIdParameter Identity { get; set; } = null!;

    /// <summary>Accepted as EMS takes it: the store holds no disconnected mailbox here, so the removal is already permanent.</summary>
    [Parameter]
    public bool Permanent { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var mailbox = RecipientLookup.Mailbox(directory.ReadMailboxes(), Identity.RawIdentity);
        CurrentTarget = mailbox.Name;
        if (ShouldWrite($"mailbox \"{mailbox.Name}\"", $"the user {mailbox.DistinguishedName} is deleted with it"))
            directory.RemoveMailboxUser(mailbox);
    }
}
