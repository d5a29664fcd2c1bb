using System.Management.Automation;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Sites;

/// <summary>
/// <para type="synopsis">Lists subnets and their sites.</para>
/// </summary>
/// <example>
/// <code>Get-ADReplicationSubnet -Site Site-A</code>
/// <para>Lists the subnets of Site-A.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "ADReplicationSubnet")]
[OutputType(typeof(Objects.ADReplicationSubnet))]
public sealed class GetADReplicationSubnetCommand : CasDirectoryCmdlet
{
    /// <summary>The subnet (CIDR or DN).</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public SubnetIdParameter? Identity { get; set; }

    /// <summary>Only the subnets of this site.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SiteNameCompleter))]
    public SiteIdParameter? Site { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = Directory;
        IEnumerable<Core.Sites.AdSubnet> subnets = directory.ReadSubnets();
        if (Identity is not null)
            subnets = [ObjectLookup.Subnet(subnets, Identity.RawIdentity, directory.Partition)];
        if (Site is not null)
        {
            var site = ObjectLookup.Site(directory.ReadSites(), Site.RawIdentity, directory.Partition);
            subnets = subnets.Where(s => ObjectLookup.Same(s.SiteName, site));
        }
        foreach (var subnet in subnets.ToList()) // a snapshot: a Remove- downstream changes the cached list
            WriteObject(Objects.ADReplicationSubnet.From(subnet, directory.Partition));
    }
}
