using System.Management.Automation;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Lists public folder databases.</para>
/// </summary>
/// <example>
/// <code>Get-PublicFolderDatabase | fl Name,Server,RpcClientAccessServer</code>
/// <para>Shows the public folder databases.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "PublicFolderDatabase", DefaultParameterSetName = "Identity")]
[OutputType(typeof(Objects.PublicFolderDatabase))]
public sealed class GetPublicFolderDatabaseCommand : CasDirectoryCmdlet
{
    /// <summary>The database: name, DN or GUID.</summary>
    [Parameter(ParameterSetName = "Identity", Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public DatabaseIdParameter? Identity { get; set; }

    /// <summary>Only the databases of this server (where the database or a copy lives).</summary>
    [Parameter(ParameterSetName = "Server", Mandatory = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter Server { get; set; } = null!;

    protected override void InternalProcessRecord()
    {
        foreach (var database in DatabaseSelection.Select(Directory, Identity?.RawIdentity, ParameterSetName == "Server" ? Server.RawIdentity : null, publicFolder: true))
            WriteObject(database);
    }
}
