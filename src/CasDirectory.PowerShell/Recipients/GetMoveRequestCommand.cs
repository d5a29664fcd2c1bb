using System.Management.Automation;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// <para type="synopsis">Lists move requests (kept on the users they move): all, one mailbox's, by status, batch or database.</para>
/// </summary>
/// <example>
/// <code>Get-MoveRequest -MoveStatus Completed</code>
/// <para>Lists the completed moves (Microsoft Learn, Get-MoveRequest, Exchange 2010 example, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "MoveRequest", DefaultParameterSetName = "Filtering")]
[OutputType(typeof(Objects.MoveRequest))]
public sealed class GetMoveRequestCommand : CasDirectoryCmdlet
{
    [Parameter(Position = 0, ParameterSetName = "Identity", ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MailboxNameCompleter))]
    public MoveRequestIdParameter? Identity { get; set; }

    [Parameter(ParameterSetName = "Filtering")] public MoveStatus? MoveStatus { get; set; }
    [Parameter(ParameterSetName = "Filtering")] public string? BatchName { get; set; }

    [Parameter(ParameterSetName = "Filtering")]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public DatabaseIdParameter? SourceDatabase { get; set; }

    [Parameter(ParameterSetName = "Filtering")]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public DatabaseIdParameter? TargetDatabase { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var databases = directory.ReadDatabases();
        IEnumerable<Mailbox> moved = directory.ReadMailboxes().Where(m => m.Move is not null);
        if (Identity is not null)
        {
            var mailbox = RecipientLookup.Mailbox(directory.ReadMailboxes(), Identity.RawIdentity);
            moved = mailbox.Move is null ? throw new Core.ObjectNotFoundException("move request", Identity.RawIdentity) : [mailbox];
        }
        if (MoveStatus is { } status)
            moved = moved.Where(m => m.Move!.Status == status);
        if (BatchName is not null)
            moved = moved.Where(m => string.Equals(m.Move!.BatchName, BatchName, StringComparison.OrdinalIgnoreCase));
        if (SourceDatabase is not null)
        {
            var source = ObjectLookup.Database(databases, SourceDatabase.RawIdentity);
            moved = moved.Where(m => DistinguishedNames.AreEqual(m.Move!.SourceDatabaseDn, source.DistinguishedName));
        }
        if (TargetDatabase is not null)
        {
            var target = ObjectLookup.Database(databases, TargetDatabase.RawIdentity);
            moved = moved.Where(m => DistinguishedNames.AreEqual(m.Move!.TargetDatabaseDn, target.DistinguishedName));
        }
        foreach (var mailbox in moved)
            WriteObject(Objects.MoveRequest.From(mailbox, databases));
    }
}
