using CasDirectory.Core.Sites;
using CasDirectory.Core.Values;

namespace CasDirectory.PowerShell.Objects;

/// <summary>What EMS's Get-ADSite writes: a site with Exchange's routing settings (ADSiteSchema).</summary>
public sealed class ADSite
{
    public required string Name { get; init; }
    public required bool HubSiteEnabled { get; init; }
    public required int PartnerId { get; init; }
    public required int MinorPartnerId { get; init; }
    public required MultiValuedProperty<ADObjectId> ResponsibleForSites { get; init; }
    public required ADObjectId Identity { get; init; }
    public required string DistinguishedName { get; init; }
    public Guid Guid { get; init; }

    public static ADSite From(string name, Core.Naming.ConfigurationPartition partition, IReadOnlyDictionary<string, IReadOnlyList<string>> stored) => new()
    {
        Name = name,
        HubSiteEnabled = (bool)SiteSettings.HubSiteEnabled.Read(stored.GetValueOrDefault(SiteSettings.HubSiteEnabled.Attribute, []))!,
        PartnerId = (int)SiteSettings.PartnerId.Read(stored.GetValueOrDefault(SiteSettings.PartnerId.Attribute, []))!,
        MinorPartnerId = (int)SiteSettings.MinorPartnerId.Read(stored.GetValueOrDefault(SiteSettings.MinorPartnerId.Attribute, []))!,
        ResponsibleForSites = new(stored.GetValueOrDefault("msExchResponsibleForSites", [])
            .Select(dn => ADObjectId.Site(Core.Naming.DistinguishedNames.FirstValue(dn), partition))),
        Identity = ADObjectId.Site(name, partition),
        DistinguishedName = partition.SiteDn(name),
        Guid = stored.GetValueOrDefault("objectGUID") is [var guid] ? new Guid(Convert.FromBase64String(guid)) : Guid.Empty,
    };

    public override string ToString() => Name;
}

/// <summary>What EMS's Get-AdSiteLink writes (ADSiteLinkSchema): Cost is ExchangeCost when set, else the AD cost.</summary>
public sealed class ADSiteLink
{
    public required string Name { get; init; }
    public required int Cost { get; init; }
    public required int ADCost { get; init; }
    public int? ExchangeCost { get; init; }
    public required Unlimited<ByteQuantifiedSize> MaxMessageSize { get; init; }
    public required MultiValuedProperty<ADObjectId> Sites { get; init; }
    public required string DistinguishedName { get; init; }
    public required ADObjectId Identity { get; init; }
    public Guid Guid { get; init; }

    public override string ToString() => Name;
}
