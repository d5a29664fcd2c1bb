using System.Management.Automation;
using CasDirectory.Core.Recipients;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// <para type="synopsis">Clears a move request from the user it moved (the mailbox stays where the move put it).</para>
/// </summary>
/// <example>
/// <code>Get-MoveRequest -MoveStatus Completed | Remove-MoveRequest -Confirm:$false</code>
/// <para>Clears every completed request, so the mailboxes can be moved again.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "MoveRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class RemoveMoveRequestCommand : CasDirectoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MailboxNameCompleter))]
    public MoveRequestIdParameter Identity { get; set; } = null!;

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var mailbox = RecipientLookup.Mailbox(directory.ReadMailboxes(), Identity.RawIdentity);
        if (mailbox.Move is null)
            throw new Core.ObjectNotFoundException("move request", Identity.RawIdentity);
        CurrentTarget = mailbox.Name;
        if (ShouldWrite($"move request \"{mailbox.Name}\""))
            directory.ClearMoveRequest(mailbox);
    }
}
