using System.Management.Automation;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Servers;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Lists Client Access servers with their Autodiscover settings (AutoDiscoverSiteScope, AutoDiscoverServiceInternalUri).</para>
/// </summary>
/// <example>
/// <code>Get-ClientAccessServer | Select Name, *URI | Format-Table -AutoSize</code>
/// <para>Shows each Client Access server's AutoDiscoverServiceInternalUri.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "ClientAccessServer")]
[OutputType(typeof(Objects.ClientAccessServer))]
public sealed class GetClientAccessServerCommand : CasDirectoryCmdlet
{
    /// <summary>The server: name, FQDN or DN.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter? Identity { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = Directory;
        var servers = directory.ReadServersAndArrays().Servers.Where(s => s.HasRole(ServerRoles.ClientAccess)).ToList();
        var selected = Identity is null ? servers : [ObjectLookup.Server(servers, Identity.RawIdentity, "Client Access server", "Get-ClientAccessServer")];
        var scps = directory.ReadAutodiscoverScps();
        var outlookAnywhere = directory.ReadVirtualDirectories().Where(v => v.Kind == VirtualDirectoryKind.OutlookAnywhere)
            .Select(v => v.ServerName).ToHashSet(ObjectName.Comparer);
        foreach (var server in selected.ToList()) // a snapshot: a Remove- downstream changes the cached list
            WriteObject(Objects.ClientAccessServer.From(server, scps.FirstOrDefault(x => ObjectLookup.Same(x.ServerName, server.Name)),
                outlookAnywhere.Contains(server.Name), directory.Partition));
    }
}
