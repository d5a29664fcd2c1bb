using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Arrays;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Naming;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Servers;

/// <summary>
/// <para type="synopsis">Removes a server; refused while databases or copies live on it (as AD refuses it).</para>
/// </summary>
/// <example>
/// <code>Remove-ExchangeServer E2K10-C1 -Confirm:$false</code>
/// <para>Removes a server that hosts no database or copy.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "ExchangeServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
public sealed class RemoveExchangeServerCommand : CasDirectoryCmdlet
{
    /// <summary>The server.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter Identity { get; set; } = null!;

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var topology = directory.ReadServersAndArrays();
        var server = ObjectLookup.Server(topology.Servers, Identity.RawIdentity);
        CurrentTarget = server.Name;
        var databases = directory.ReadDatabases();
        var hosted = databases.Where(d => ObjectLookup.Same(d.ServerName, server.Name) || d.CopyServerNames.Contains(server.Name, ObjectName.Comparer)).Select(d => d.Name).ToList();
        if (hosted.Count > 0)
            throw new DomainRuleException($"{server.Name} cannot be removed: databases or copies live on it ({string.Join(", ", hosted)}). Remove or move them first.");
        var pointing = databases.Where(d => ObjectLookup.Same(d.RpcClientAccessLegacyDN, server.LegacyExchangeDN)).Select(d => d.Name).ToList();
        if (pointing.Count > 0)
            WriteWarning($"{pointing.Count} database(s) use {server.Name} as RpcClientAccessServer ({string.Join(", ", pointing)}); they keep pointing at it (D2). Re-point them with Set-MailboxDatabase -RpcClientAccessServer.");
        foreach (var array in topology.Arrays.Where(a => ClientAccessArrayMembership.Members(a, topology.Servers).Select(m => m.Name).SequenceEqual([server.Name])))
            WriteWarning($"{server.Name} is the only member of Client Access array '{array.Name}', which will have no members.");
        if (ShouldWrite($"Exchange server \"{server.Name}\""))
            directory.RemoveServer(server);
    }
}
