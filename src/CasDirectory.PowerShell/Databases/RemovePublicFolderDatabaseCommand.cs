using System.Management.Automation;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Naming;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Removes a public folder database and its copy; asks unless -Confirm:$false.</para>
/// <para type="description">As Exchange, it refuses a database that mailbox databases name as their default public folder database (point them elsewhere with Set-MailboxDatabase -PublicFolderDatabase first), and the last public folder database of the organization unless -RemoveLastAllowed is given.</para>
/// </summary>
/// <example>
/// <code>Remove-PublicFolderDatabase PFDB01 -RemoveLastAllowed -Confirm:$false</code>
/// <para>Removes PFDB01, even though it is the organization's last public folder database.</para>
/// </example>
/// <example>
/// <code>Remove-PublicFolderDatabase "PFDB02"</code>
/// <para>Removes the public folder database PFDB02, which is not the organisation's last (Microsoft Learn, Remove-PublicFolderDatabase, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "PublicFolderDatabase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
public sealed class RemovePublicFolderDatabaseCommand : CasDirectoryCmdlet
{
    /// <summary>The database to remove; or databases piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public DatabaseIdParameter Identity { get; set; } = null!;

    /// <summary>Allows removing the last public folder database of the organization.</summary>
    [Parameter]
    public SwitchParameter RemoveLastAllowed { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var databases = directory.ReadDatabases();
        var database = ObjectLookup.Database(databases.Where(d => d.IsPublicFolderDatabase), Identity.RawIdentity, "public folder database");
        CurrentTarget = database.Name;
        var users = databases.Where(d => !d.IsPublicFolderDatabase && d.Setting(DatabaseSettings.PublicFolderDatabase) is string home && DistinguishedNames.AreEqual(home, database.DistinguishedName))
            .Select(d => d.Name).ToList();
        if (users.Count > 0)
            throw new Core.DomainRuleException(
                $"The public folder database '{database.Name}' is the default public folder database of {string.Join(", ", users)}: point them at another with Set-MailboxDatabase -PublicFolderDatabase first.");
        if (!RemoveLastAllowed && databases.Count(d => d.IsPublicFolderDatabase) == 1)
            throw new Core.DomainRuleException($"'{database.Name}' is the organization's last public folder database: give -RemoveLastAllowed to remove it.");
        if (ShouldWrite($"Public folder database \"{database.Name}\""))
            directory.RemoveDatabase(database);
    }
}
