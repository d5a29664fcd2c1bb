using System.Management.Automation;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Sites;

/// <summary>
/// <para type="synopsis">Maps a subnet to another site. Server sites are recomputed by the site-topology service (T3).</para>
/// </summary>
/// <example>
/// <code>Set-ADReplicationSubnet 10.3.0.0/16 -Site Site-B</code>
/// <para>Maps the subnet to Site-B; casdir serve then moves the servers it contains.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "ADReplicationSubnet", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetADReplicationSubnetCommand : CasDirectoryCmdlet
{
    /// <summary>The subnet (CIDR or DN).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public SubnetIdParameter Identity { get; set; } = null!;

    /// <summary>The site it now belongs to.</summary>
    [Parameter(Mandatory = true)]
    [ArgumentCompleter(typeof(SiteNameCompleter))]
    public SiteIdParameter Site { get; set; } = null!;

    protected override void InternalProcessRecord()
    {
        var directory = Directory;
        var site = ObjectLookup.Site(directory.ReadSites(), Site.RawIdentity, directory.Partition);
        var subnet = ObjectLookup.Subnet(directory.ReadSubnets(), Identity.RawIdentity, directory.Partition);
        CurrentTarget = subnet.Name;
        if (ShouldWrite($"Subnet \"{subnet.Name}\"", $"-Site {site}"))
            directory.SetSubnetSite(subnet.Name, site);
    }
}
