using System.Management.Automation;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Re-points a database's RpcClientAccessServer at a Client Access array or Exchange 2010 Client Access server: the only way it changes (D2).</para>
/// </summary>
/// <example>
/// <code>Get-MailboxDatabase | Set-MailboxDatabase -RpcClientAccessServer outlook.lab.local</code>
/// <para>Points every mailbox database at the array outlook.lab.local: the step people forget after creating an array.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "MailboxDatabase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetMailboxDatabaseCommand : CasDirectoryCmdlet
{
    /// <summary>The database: name, DN or GUID; or databases piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public DatabaseIdParameter Identity { get; set; } = null!;

    /// <summary>An existing Exchange 2010 Client Access server or array: name, FQDN, DN or legacyExchangeDN.</summary>
    [Parameter(Mandatory = true)]
    [ArgumentCompleter(typeof(RpcClientAccessServerCompleter))]
    public ClientAccessServerOrArrayIdParameter RpcClientAccessServer { get; set; } = null!;

    protected override void InternalProcessRecord()
    {
        var directory = Directory;
        var topology = directory.ReadServersAndArrays();
        var target = RpcClientAccessTargets.Resolve(topology.Arrays, topology.Servers, RpcClientAccessServer.RawIdentity);
        var database = ObjectLookup.Database(directory.ReadDatabases().Where(d => !d.IsPublicFolderDatabase), Identity.RawIdentity);
        CurrentTarget = database.Name;
        if (ShouldWrite($"Mailbox database \"{database.Name}\"", $"-RpcClientAccessServer {target.Fqdn}"))
            directory.SetDatabaseRpcClientAccess(database, target.LegacyExchangeDN);
    }
}
