using CasDirectory.PowerShell.Hosting;
using System.Management.Automation;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Servers;

/// <summary>
/// <para type="synopsis">Lists Exchange servers (arrays are not servers).</para>
/// </summary>
/// <example>
/// <code>Get-ExchangeServer | where {$_.IsClientAccessServer -eq $true} | ft Name,Site,AdminDisplayVersion</code>
/// <para>Lists the Client Access servers with their site and version.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "ExchangeServer")]
[OutputType(typeof(Objects.ExchangeServer))]
public sealed class GetExchangeServerCommand : CasDirectoryCmdlet
{
    /// <summary>The server: name, FQDN, DN or legacyExchangeDN.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter? Identity { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = Directory;
        var servers = directory.ReadServersAndArrays().Servers;
        var selected = Identity is null ? servers : [ObjectLookup.Server(servers, Identity.RawIdentity)];
        foreach (var server in selected.ToList()) // a snapshot: a Remove- downstream changes the cached list
        {
            if (!server.IsComplete)
                WriteWarning(IncompleteObjects.Server(server));
            WriteObject(Objects.ExchangeServer.From(server, directory.Partition));
        }
    }
}
