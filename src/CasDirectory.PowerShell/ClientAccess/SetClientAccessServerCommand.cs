using System.Management.Automation;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Servers;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Sets AutoDiscoverSiteScope and AutoDiscoverServiceInternalUri: the keywords and binding of the server's Autodiscover SCP (B5).</para>
/// </summary>
/// <example>
/// <code>$s = (Get-ClientAccessServer E2K10-MLT-02).AutoDiscoverSiteScope; $s += "Site-B"; Set-ClientAccessServer E2K10-MLT-02 -AutoDiscoverSiteScope $s</code>
/// <para>Adds Site-B to the server's AutoDiscoverSiteScope, keeping the sites it already serves.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "ClientAccessServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetClientAccessServerCommand : CasDirectoryCmdlet
{
    /// <summary>The Client Access server.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter Identity { get; set; } = null!;

    /// <summary>The sites this server's Autodiscover SCP serves (replaces the list; $null or @() clears it).</summary>
    [Parameter]
    [AllowNull, AllowEmptyCollection]
    [NameTransformation]
    [ValidateObjectName("AutoDiscoverSiteScope")]
    [ArgumentCompleter(typeof(SiteNameCompleter))]
    public string[]? AutoDiscoverSiteScope { get; set; }

    /// <summary>The internal Autodiscover URL published in the SCP.</summary>
    [Parameter]
    [ValidateUri("AutoDiscoverServiceInternalUri")]
    public string? AutoDiscoverServiceInternalUri { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = Directory;
        var sites = directory.ReadSites();
        var server = ObjectLookup.Server(directory.ReadServersAndArrays().Servers.Where(s => s.HasRole(ServerRoles.ClientAccess)), Identity.RawIdentity,
            "Client Access server", "Get-ClientAccessServer");
        CurrentTarget = server.Name;
        var scp = directory.ReadAutodiscoverScps().FirstOrDefault(x => ObjectLookup.Same(x.ServerName, server.Name));
        var scope = MyInvocation.BoundParameters.ContainsKey(nameof(AutoDiscoverSiteScope))
            ? (AutoDiscoverSiteScope ?? []).Distinct(ObjectName.Comparer).ToList()
            : scp?.SiteScope ?? [];
        foreach (var unknown in scope.Where(s => !sites.Contains(s, ObjectName.Comparer)))
            WriteWarning($"The site '{unknown}' does not exist; {server.Name}'s SCP will name it all the same.");
        if (ShouldWrite($"Client Access server \"{server.Name}\"", $"-AutoDiscoverSiteScope {{{string.Join(", ", scope)}}}"))
            directory.SetAutodiscover(server.Name, server.Fqdn ?? server.Name, scope, AutoDiscoverServiceInternalUri ?? scp?.InternalUri);
    }
}
