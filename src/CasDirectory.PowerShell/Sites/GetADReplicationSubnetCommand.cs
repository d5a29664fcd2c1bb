using System.Management.Automation;
using System.Net;
using CasDirectory.Core.ActiveDirectory;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Naming;
using CasDirectory.PowerShell.ActiveDirectory;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Sites;

/// <summary>
/// <para type="synopsis">Lists subnets and their sites, or those a filter matches, as the ActiveDirectory module does.</para>
/// </summary>
/// <example>
/// <code>Get-ADReplicationSubnet -Site Site-A</code>
/// <para>Lists the subnets of Site-A.</para>
/// </example>
/// <example>
/// <code>Get-ADReplicationSubnet -Filter "Site -eq 'Site-A' -or Name -like '10.2.*'"</code>
/// <para>The subnets of Site-A and those in 10.2.x.x: one LDAP search.</para>
/// </example>
/// <example>
/// <code>Get-ADReplicationSubnet -Filter *</code>
/// <para>Lists every subnet (Microsoft Learn, Get-ADReplicationSubnet, example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-ADReplicationSubnet -Filter "Location -like '*Norway'"</code>
/// <para>Lists the subnets whose location ends in Norway (Microsoft Learn, Get-ADReplicationSubnet, example 2, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-ADReplicationSubnet -Identity "10.1.0.0/16"</code>
/// <para>Shows the subnet 10.1.0.0/16 (Microsoft Learn, Get-ADReplicationSubnet, example 3, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-ADReplicationSubnet -Identity "10.1.0.0/16" -Properties *</code>
/// <para>Shows the subnet 10.1.0.0/16 with all its properties (Microsoft Learn, Get-ADReplicationSubnet, example 4, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "ADReplicationSubnet", DefaultParameterSetName = IdentitySet)]
[OutputType(typeof(Objects.ADReplicationSubnet))]
public sealed class GetADReplicationSubnetCommand : ActiveDirectoryModuleCmdlet
{
    protected override Type? OutputObjectType => typeof(Objects.ADReplicationSubnet);

    /// <summary>The subnet (CIDR or DN).</summary>
    [Parameter(ParameterSetName = IdentitySet, Position = 0, ValueFromPipeline = true)]
    public Objects.ADReplicationSubnet? Identity { get; set; }

    /// <summary>Only the subnets of this site.</summary>
    [Parameter(ParameterSetName = IdentitySet)]
    [ArgumentCompleter(typeof(SiteNameCompleter))]
    public SiteIdParameter? Site { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        if (Filter is null && Properties is null)
        {
            IEnumerable<Core.Sites.AdSubnet> subnets = directory.ReadSubnets();
            if (Identity is not null)
                subnets = [SiteWrites.Subnet(directory, Identity.DistinguishedName.Length > 0 ? Identity.DistinguishedName : Identity.Identity)];
            if (Site is not null)
            {
                var site = ObjectLookup.Site(directory.ReadSites(), Site.RawIdentity, directory.Partition);
                subnets = subnets.Where(s => ObjectLookup.Same(s.SiteName, site));
            }
            var selected = subnets.ToList(); // a snapshot: a Remove- downstream changes the cached list
            var texts = selected.Count == 0 ? [] : directory.SearchObjects(directory.Partition.SubnetsDn, "subnet", "(|(location=*)(description=*))", ["cn", "location", "description"])
                .Where(e => e.One("cn") is not null).GroupBy(e => e.One("cn")!, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            foreach (var subnet in selected)
            {
                var entry = texts.GetValueOrDefault(subnet.Name);
                WriteObject(Objects.ADReplicationSubnet.From(subnet, directory.Partition, entry?.One("location"), entry?.One("description")));
            }
            return;
        }
        var properties = AdFilterProperties.Subnet(directory.SchemaHasAttribute, directory.Partition);
        var filters = new List<string>();
        if (Filter is not null)
            filters.Add(LdapFilter(properties));
        if (Identity is not null)
            filters.Add($"(cn={LdapEscaping.FilterValue(SiteWrites.Subnet(directory, Identity.DistinguishedName.Length > 0 ? Identity.DistinguishedName : Identity.Identity).Name)})");
        if (Site is not null)
            filters.Add($"(siteObject={LdapEscaping.FilterValue(directory.Partition.SiteDn(ObjectLookup.Site(directory.ReadSites(), Site.RawIdentity, directory.Partition)))})");
        var filter = filters.Count == 0 ? "(objectClass=*)" : string.Concat(filters);
        var found = directory.SearchObjects(directory.Partition.SubnetsDn, "subnet", filter, Attributes(properties, "cn", "siteObject"));
        foreach (var entry in found.OrderBy(e => e.One("cn"), StringComparer.Ordinal))
        {
            if (entry.One("cn") is not { } cn || !cn.Contains('/') || !IPNetwork.TryParse(cn, out var prefix))
                continue; // not a subnet name (a malformed entry, as the plain read leaves out)
            var site = entry.One("siteObject") is { } dn ? DistinguishedNames.FirstValue(dn) : null;
            WriteObject(WithProperties(Objects.ADReplicationSubnet.From(new Core.Sites.AdSubnet(prefix, site), directory.Partition), entry, properties));
        }
    }
}
