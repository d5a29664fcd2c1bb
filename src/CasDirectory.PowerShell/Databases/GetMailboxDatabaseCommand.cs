using System.Management.Automation;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Lists mailbox databases with their RpcClientAccessServer.</para>
/// </summary>
/// <example>
/// <code>Get-MailboxDatabase | Sort-Object Name | ft Name,RpcClientAccessServer</code>
/// <para>Shows where each database sends Outlook clients.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "MailboxDatabase", DefaultParameterSetName = "Identity")]
[OutputType(typeof(Objects.MailboxDatabase))]
public sealed class GetMailboxDatabaseCommand : CasDirectoryCmdlet
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
        foreach (var database in DatabaseSelection.Select(Directory, Identity?.RawIdentity, ParameterSetName == "Server" ? Server.RawIdentity : null, publicFolder: false))
            WriteObject(database);
    }
}
