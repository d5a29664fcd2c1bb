using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Sites;

/// <summary>
/// <para type="synopsis">Removes a site that no server, array or subnet uses (AD refuses the others too).</para>
/// </summary>
/// <example>
/// <code>Remove-ADReplicationSite Site-C -Confirm:$false</code>
/// <para>Removes a site that nothing uses.</para>
/// </example>
/// <example>
/// <code>Remove-ADReplicationSite -Identity "Site-C"</code>
/// <para>Removes the site Site-C (Microsoft Learn, Remove-ADReplicationSite, example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-ADReplicationSite -Filter "Description -eq 'For testing only.'" | Remove-ADReplicationSite</code>
/// <para>Removes every site whose description is 'For testing only.' (Microsoft Learn, Remove-ADReplicationSite, example 2, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "ADReplicationSite", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
public sealed class RemoveADReplicationSiteCommand : ActiveDirectory.ActiveDirectoryWriteCmdlet
{
    /// <summary>The site to remove.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(SiteNameCompleter))]
    public Objects.ADReplicationSite Identity { get; set; } = null!;

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var site = SiteWrites.Site(directory, Identity);
        CurrentTarget = site;
        var topology = directory.ReadServersAndArrays();
        var users = topology.Servers.Where(s => ObjectLookup.Same(s.SiteName, site)).Select(s => "server " + s.Name)
            .Concat(topology.Arrays.Where(a => ObjectLookup.Same(a.SiteName, site)).Select(a => "array " + a.Name))
            .Concat(directory.ReadSubnets().Where(s => ObjectLookup.Same(s.SiteName, site)).Select(s => "subnet " + s.Name))
            .Concat(directory.ReadSiteLinks("cn", "siteList")
                .Where(l => l.Attributes.TryGetValue("siteList", out var sites) && sites.OfType<string>().Any(dn => Core.Naming.DistinguishedNames.AreEqual(dn, directory.Partition.SiteDn(site))))
                .Select(l => "site link " + l.One("cn")))
            .ToList();
        if (users.Count > 0)
            throw new DomainRuleException($"The site '{site}' cannot be removed: it is still used by {string.Join(", ", users)}. Move or remove those first.");
        if (ShouldWrite($"Site \"{site}\""))
            directory.RemoveSite(site);
    }
}
