using System.Management.Automation;
using CasDirectory.Core.Naming;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.Hosting;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Databases;

/// <summary>What Get-MailboxDatabase and Get-PublicFolderDatabase share: -Identity, or -Server for the databases of one server.</summary>
public abstract class GetDatabaseCommand : CasDirectoryCmdlet
{
    /// <summary>The database: name, DN or GUID.</summary>
    [Parameter(ParameterSetName = "Identity", Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public DatabaseIdParameter? Identity { get; set; }

    /// <summary>Only the databases of this server (where the database or a copy lives).</summary>
    [Parameter(ParameterSetName = "Server", Mandatory = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter Server { get; set; } = null!;

    protected abstract bool PublicFolder { get; }

    protected override void InternalProcessRecord()
    {
        var incomplete = Directory.ReadDatabases().Where(d => !d.IsComplete).Select(d => d.Name).ToHashSet(ObjectName.Comparer);
        foreach (var database in DatabaseSelection.Select(Directory, Identity?.RawIdentity, ParameterSetName == "Server" ? Server.RawIdentity : null, PublicFolder).ToList()) // a snapshot: a Remove- downstream changes the cached list
        {
            if (incomplete.Contains(database.Name))
                WriteWarning(IncompleteObjects.Database(database.Name));
            WriteObject(database);
        }
    }
}
