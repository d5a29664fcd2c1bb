using System.Management.Automation;
using CasDirectory.Core.Sites;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Objects;

namespace CasDirectory.PowerShell.Sites;

/// <summary>
/// <para type="synopsis">Lists the AD sites with Exchange's routing settings (HubSiteEnabled, PartnerId, MinorPartnerId, ResponsibleForSites), as EMS's Get-ADSite.</para>
/// </summary>
/// <example>
/// <code>Get-ADSite | ft Name,HubSiteEnabled</code>
/// <para>Which sites are hub sites: one search.</para>
/// </example>
/// <example>
/// <code>Get-AdSite -Identity Default-First-Site-Name</code>
/// <para>Shows the Exchange view of the site Default-First-Site-Name (Microsoft Learn, Get-ADSite, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "ADSite")]
[OutputType(typeof(ADSite))]
public sealed class GetADSiteCommand : CasDirectoryCmdlet
{
    /// <summary>The site: name, DN or GUID. Without it, every site.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SiteNameCompleter))]
    public AdSiteIdParameter? Identity { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        IReadOnlyList<string> sites = Identity is null ? directory.ReadSites() : [SiteWrites.Site(directory, Identity.RawIdentity)];
        var stored = directory.ReadSiteEntries([.. SiteSettings.Exchange.Select(d => d.Attribute), "msExchResponsibleForSites"], []).Sites;
        foreach (var site in sites.ToList())
            WriteObject(ADSite.From(site, directory.Partition, stored.GetValueOrDefault(site) ?? new Dictionary<string, IReadOnlyList<string>>()));
    }
}
