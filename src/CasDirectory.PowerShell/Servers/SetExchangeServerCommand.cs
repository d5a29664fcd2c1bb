using System.Management.Automation;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Servers;
using CasDirectory.Core.Sites;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.Servers;

/// <summary>
/// <para type="synopsis">Changes a server's IP addresses; its site follows (T1). Databases keep their RpcClientAccessServer (D2).</para>
/// </summary>
/// <example>
/// <code>Set-ExchangeServer E2K10-MLT-02 -IPAddress 10.2.0.12</code>
/// <para>Moves the server to the site of 10.2.0.12's subnet; Test-CasTopology then shows what the move left stale.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "ExchangeServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetExchangeServerCommand : CasDirectoryCmdlet
{
    /// <summary>The server.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter Identity { get; set; } = null!;

    /// <summary>Its new IP addresses; its site is recomputed from the subnets (T1).</summary>
    [Parameter(Mandatory = true)]
    [ValidateIPAddress]
    [ValidateCount(1, 16)]
    public string[] IPAddress { get; set; } = [];

    protected override void InternalProcessRecord()
    {
        var addresses = IPAddress.Select(a => IpAddresses.Parse(a)).ToList();
        var directory = Directory;
        var server = ObjectLookup.Server(directory.ReadServersAndArrays().Servers, Identity.RawIdentity);
        CurrentTarget = server.Name;
        var site = SiteResolver.SiteFor(server, addresses, directory.ReadSubnets()); // T2: none for an Edge server
        if (!ShouldWrite($"Exchange server \"{server.Name}\"", $"-IPAddress {string.Join(",", addresses)}{(site is null ? "" : $" (site \"{site}\")")}"))
            return;
        directory.SetServerAddresses(server, addresses, site);
        if (site is null && !server.HasRole(ServerRoles.Edge))
            WriteWarning($"No subnet contains {string.Join(", ", addresses)}; {server.Name} stays in site '{server.SiteName ?? "(none)"}'.");
        else if (site is not null && !ObjectLookup.Same(site, server.SiteName))
            WriteWarning($"{server.Name} moved from site '{server.SiteName ?? "(none)"}' to '{site}'. Its AutoDiscoverSiteScope and the databases' RpcClientAccessServer are not changed (D2); Test-CasTopology shows what to fix.");
    }
}
