using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// <para type="synopsis">Clears a move request from the user it moved (a completed move's mailbox stays where the move put it; an AutoSuspended one stays where it was).</para>
/// <para type="description">-MoveRequestQueue -MailboxGuid names the request by the target database's queue and the mailbox's GUID (ExchangeGuid), as Exchange 2010's debugging form does.</para>
/// </summary>
/// <example>
/// <code>Get-MoveRequest -MoveStatus Completed | Remove-MoveRequest -Confirm:$false</code>
/// <para>Clears every completed request, so the mailboxes can be moved again.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "MoveRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "Identity")]
public sealed class RemoveMoveRequestCommand : CasDirectoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "Identity")]
    [ArgumentCompleter(typeof(MailboxNameCompleter))]
    public MoveRequestIdParameter Identity { get; set; } = null!;

    /// <summary>The mailbox's ExchangeGuid.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "MigrationMoveRequestQueue")]
    public Guid MailboxGuid { get; set; }

    /// <summary>The database whose queue holds the request: its target database.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "MigrationMoveRequestQueue")]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public DatabaseIdParameter? MoveRequestQueue { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        Mailbox mailbox;
        if (ParameterSetName == "MigrationMoveRequestQueue")
        {
            var queue = ObjectLookup.Database(directory.ReadDatabases().Where(d => !d.IsPublicFolderDatabase), MoveRequestQueue!.RawIdentity);
            mailbox = directory.ReadMailboxes().FirstOrDefault(m => m.ExchangeGuid == MailboxGuid && m.Move is not null && DistinguishedNames.AreEqual(m.Move.TargetDatabaseDn, queue.DistinguishedName))
                ?? throw new ObjectNotFoundException("move request", $"{MailboxGuid} in {queue.Name}", $"No mailbox with ExchangeGuid {MailboxGuid} has a move request to {queue.Name}.");
        }
        else
        {
            mailbox = RecipientLookup.Mailbox(directory.ReadMailboxes(), Identity.RawIdentity);
            if (mailbox.Move is null)
                throw new ObjectNotFoundException("move request", Identity.RawIdentity);
        }
        CurrentTarget = mailbox.Name;
        if (ShouldWrite($"move request \"{mailbox.Name}\""))
            directory.ClearMoveRequest(mailbox);
    }
}
