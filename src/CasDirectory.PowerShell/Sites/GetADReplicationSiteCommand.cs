using System.Management.Automation;
using CasDirectory.Core.ActiveDirectory;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Naming;
using CasDirectory.PowerShell.ActiveDirectory;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Sites;

/// <summary>
/// <para type="synopsis">Lists AD sites, or those a filter matches, as the ActiveDirectory module does.</para>
/// </summary>
/// <example>
/// <code>Get-ADReplicationSite -Filter *</code>
/// <para>Lists every AD site.</para>
/// </example>
/// <example>
/// <code>Get-ADReplicationSite -Filter "Name -like 'Site-*'" -Properties Location, Description</code>
/// <para>The sites whose name begins with Site-, with their location and description: one LDAP search.</para>
/// </example>
/// <example>
/// <code>Get-ADReplicationSite -Identity Site-A</code>
/// <para>Shows the site Site-A (Microsoft Learn, Get-ADReplicationSite, example 3, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "ADReplicationSite", DefaultParameterSetName = IdentitySet)]
[OutputType(typeof(Objects.ADReplicationSite))]
public sealed class GetADReplicationSiteCommand : ActiveDirectoryModuleCmdlet
{
    protected override Type? OutputObjectType => typeof(Objects.ADReplicationSite);

    /// <summary>The site: name or DN. Without it (and without -Filter), every site.</summary>
    [Parameter(ParameterSetName = IdentitySet, Position = 0, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(SiteNameCompleter))]
    public Objects.ADReplicationSite? Identity { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        if (Filter is null && Properties is null)
        {
            var sites = directory.ReadSites();
            var selected = Identity is null ? sites : [SiteWrites.Site(directory, Identity)];
            foreach (var site in SiteWrites.ReadAll(directory, selected.ToList())) // a snapshot: a Remove- downstream changes the cached list
                WriteObject(site);
            return;
        }
        var properties = AdFilterProperties.Site(directory.SchemaHasAttribute);
        var filter = Filter is not null ? LdapFilter(properties)
            : Identity is null ? "(objectClass=*)"
            : $"(cn={LdapEscaping.FilterValue(SiteWrites.Site(directory, Identity))})";
        var found = directory.SearchObjects(directory.Partition.SitesDn, "site", filter, Attributes(properties, "cn"));
        var names = found.Where(e => e.One("cn") is not null).OrderBy(e => e.One("cn"), ObjectName.Comparer).ToList();
        var read = names.Count == 0 ? [] : SiteWrites.ReadAll(directory, [.. names.Select(e => e.One("cn")!)]).ToList();
        for (var i = 0; i < names.Count; i++)
            WriteObject(WithProperties(read[i], names[i], properties));
    }
}
