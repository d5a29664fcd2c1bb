using System.Management.Automation;
using CasDirectory.Core.Settings;
using CasDirectory.Core.Sites;
using CasDirectory.Core.Values;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.Sites;

/// <summary>
/// <para type="synopsis">Makes a site a hub site for Exchange routing, or sets its partner ids, as EMS's Set-ADSite: one modify of the site.</para>
/// </summary>
/// <example>
/// <code>Set-ADSite Site-A -HubSiteEnabled $true</code>
/// <para>Site-A becomes a hub site (bit 0 of msExchTransportSiteFlags).</para>
/// </example>
/// <example>
/// <code>Set-AdSite -Identity Default-First-Site-Name -HubSiteEnabled $true</code>
/// <para>Makes Default-First-Site-Name a hub site for Exchange routing (Microsoft Learn, Set-ADSite, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "ADSite", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetADSiteCommand : CasDirectoryCmdlet
{
    /// <summary>The site: name, DN or GUID, or a site piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SiteNameCompleter))]
    public AdSiteIdParameter Identity { get; set; } = null!;

    /// <summary>Whether the site is a hub site (msExchTransportSiteFlags bit 0).</summary>
    [Parameter] public bool HubSiteEnabled { get; set; }

    /// <summary>Reserved for Microsoft (msExchPartnerId; -1 unset).</summary>
    [Parameter] public int PartnerId { get; set; }

    /// <summary>Reserved for Microsoft (msExchMinorPartnerId; -1 unset).</summary>
    [Parameter] public int MinorPartnerId { get; set; }

    /// <summary>Reserved for Microsoft: sites this one is responsible for (msExchResponsibleForSites); $null clears them.</summary>
    [Parameter, AllowNull, ExchangeValue(typeof(MultiValuedProperty<string>))]
    public MultiValuedProperty<string>? ResponsibleForSites { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var site = SiteWrites.Site(directory, Identity.RawIdentity);
        CurrentTarget = site;
        var changes = SettingsGiven(SiteSettings.Exchange).ToList();
        var generic = new List<Ldap.Exchange.AttributeChange>();
        if (MyInvocation.BoundParameters.ContainsKey(nameof(ResponsibleForSites)))
            generic.Add(new(System.DirectoryServices.Protocols.DirectoryAttributeOperation.Replace, "msExchResponsibleForSites",
                (ResponsibleForSites ?? MultiValuedProperty<string>.Empty).Select(s => directory.Partition.SiteDn(SiteWrites.Site(directory, s))).Distinct(StringComparer.OrdinalIgnoreCase).Cast<object>().ToList()));
        if (changes.Count == 0 && generic.Count == 0)
            throw new Core.DomainRuleException("Set-ADSite changes -HubSiteEnabled, -PartnerId, -MinorPartnerId or -ResponsibleForSites: give at least one.", isMalformedInput: true);
        foreach (var change in changes.Where(c => c.Definition.Syntax is not FlagBitSyntax))
            change.Definition.Syntax.Write(change.Definition.Name, change.Value);
        if (!ShouldWrite($"Site \"{site}\"", string.Join(" ", changes.Select(c => $"-{c.Definition.Name} {c.Value}"))))
            return;
        directory.ModifyEntry(directory.Partition.SiteDn(site), changes, generic);
    }
}
