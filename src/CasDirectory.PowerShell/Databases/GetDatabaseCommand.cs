using System.Management.Automation;
using CasDirectory.Core.Naming;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.Errors;
using CasDirectory.PowerShell.Sessions;
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
    [Parameter(ParameterSetName = "Server", Mandatory = true, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter Server { get; set; } = null!;

    /// <summary>
    /// Also the databases of Exchange 2007 and 2003 servers, which EMS leaves out without it. (A database whose server
    /// the directory does not hold is listed either way.)
    /// </summary>
    [Parameter]
    public SwitchParameter IncludePreExchange2010 { get; set; }

    /// <summary>
    /// EMS asks each mailbox server for the database's mount state, backup and size. The directory holds no store, so
    /// with or without it Mounted and those values are empty ($null): the switch is accepted so scripts run as written.
    /// </summary>
    [Parameter]
    public SwitchParameter Status { get; set; }

    protected abstract bool PublicFolder { get; }

    protected override void InternalProcessRecord()
    {
        var incomplete = DataSession.ReadDatabases().Where(d => !d.IsComplete).Select(d => d.Name).ToHashSet(ObjectName.Comparer);
        var preExchange2010 = IncludePreExchange2010 ? [] : DataSession.ReadServersAndArrays().Servers
            .Where(s => s.Version is { IsExchange2010: false }).Select(s => s.Name).ToHashSet(ObjectName.Comparer);
        foreach (var database in DatabaseSelection.Select(DataSession, Identity?.RawIdentity, ParameterSetName == "Server" ? Server.RawIdentity : null, PublicFolder).ToList()) // a snapshot: a Remove- downstream changes the cached list
        {
            if (database.Server is { } server && preExchange2010.Contains(server.Name))
                continue;
            if (incomplete.Contains(database.Name))
                WriteWarning(IncompleteObjects.Database(database.Name));
            WriteObject(database);
        }
    }
}
