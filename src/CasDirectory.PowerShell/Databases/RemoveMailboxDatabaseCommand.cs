using System.Management.Automation;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Removes a mailbox database and its copies; asks unless -Confirm:$false.</para>
/// </summary>
/// <example>
/// <code>Remove-MailboxDatabase MDB03 -Confirm:$false</code>
/// <para>Removes MDB03 and its copies.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "MailboxDatabase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
public sealed class RemoveMailboxDatabaseCommand : CasDirectoryCmdlet
{
    /// <summary>The database to remove; or databases piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public DatabaseIdParameter Identity { get; set; } = null!;

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var database = ObjectLookup.Database(directory.ReadDatabases().Where(d => !d.IsPublicFolderDatabase), Identity.RawIdentity);
        CurrentTarget = database.Name;
        // Exchange refuses too, and checks before writing anything (the copies go first, so a refusal by slapd would come late).
        if (directory.DatabaseHoldsRecipients(database.DistinguishedName))
            throw new Core.DomainRuleException($"The mailbox database '{database.Name}' contains one or more mailboxes or archive mailboxes (however they were written). To get a list of them, run Get-Mailbox -Database '{database.Name}'; move them with New-MoveRequest or remove them with Remove-Mailbox first.");
        if (ShouldWrite($"Mailbox database \"{database.Name}\""))
            directory.RemoveDatabase(database);
    }
}
