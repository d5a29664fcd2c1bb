using CasDirectory.PowerShell.Errors;
using CasDirectory.PowerShell.Sessions;
using System.Management.Automation;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Servers;

/// <summary>
/// <para type="synopsis">Lists Exchange servers (arrays are not servers), with the settings Set-ExchangeServer keeps.</para>
/// <para type="description">-Domain lists the servers whose FQDN is in that DNS domain: their FQDN less the host name is the domain (Exchange's Domain property; a subdomain's servers are not included). -Status is accepted so scripts run as written: it reads what the directory holds and nothing more, since the directory has no running servers to ask (Exchange adds live values such as the domain controllers in use, CurrentDomainControllers; here they are not shown). One LDAP search in every case.</para>
/// </summary>
/// <example>
/// <code>Get-ExchangeServer | where {$_.IsClientAccessServer -eq $true} | ft Name,Site,AdminDisplayVersion</code>
/// <para>Lists the Client Access servers with their site and version.</para>
/// </example>
/// <example>
/// <code>Get-ExchangeServer -Domain lab.local | ft Name,Fqdn</code>
/// <para>Lists the servers whose FQDN is in lab.local.</para>
/// </example>
/// <example>
/// <code>Get-ExchangeServer | Format-List</code>
/// <para>Shows every Exchange server of the organisation with all its properties (Microsoft Learn, Get-ExchangeServer, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-ExchangeServer -Identity E2K10-MLT-01 | Format-List</code>
/// <para>Shows the Exchange server E2K10-MLT-01 with all its properties (Microsoft Learn, Get-ExchangeServer, example 2, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "ExchangeServer", DefaultParameterSetName = "Identity")]
[OutputType(typeof(Objects.ExchangeServer))]
public sealed class GetExchangeServerCommand : CasDirectoryCmdlet
{
    /// <summary>The server: name, FQDN, DN or legacyExchangeDN.</summary>
    [Parameter(ParameterSetName = "Identity", Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter? Identity { get; set; }

    /// <summary>The DNS domain: the servers whose FQDN is in it (lab.local lists e2k10-mlt-01.lab.local, not e2k10.emea.lab.local).</summary>
    [Parameter(ParameterSetName = "Domain", Mandatory = true)]
    [Validation.ValidateFqdn("Domain")]
    public Objects.Fqdn Domain { get; set; } = null!;

    /// <summary>Accepted as EMS takes it; the directory holds no live server state, so the output is the same.</summary>
    [Parameter]
    public SwitchParameter Status { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var servers = directory.ReadServersAndArrays().Servers;
        IEnumerable<Core.Servers.ExchangeServer> selected = ParameterSetName == "Domain"
            ? servers.Where(s => InDomain(s.Fqdn, Domain.Value))
            : Identity is null ? servers : [ObjectLookup.Server(servers, Identity.RawIdentity)];
        foreach (var server in selected.ToList()) // a snapshot: a Remove- downstream changes the cached list
        {
            if (!server.IsComplete)
                WriteWarning(IncompleteObjects.Server(server));
            WriteObject(Objects.ExchangeServer.From(server, directory.Partition));
        }
    }

    /// <summary>Whether the server's domain, its FQDN after the host name (Exchange's Domain property), is <paramref name="domain"/>.</summary>
    internal static bool InDomain(string? fqdn, string domain)
    {
        if (fqdn is null)
            return false;
        var d = domain.TrimEnd('.');
        var f = fqdn.TrimEnd('.');
        var dot = f.IndexOf('.');
        return dot > 0 && string.Equals(f[(dot + 1)..], d, StringComparison.OrdinalIgnoreCase);
    }
}
