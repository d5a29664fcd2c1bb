using CasDirectory.PowerShell.Objects;

namespace CasDirectory.PowerShell.IdParameters;

/// <summary>EMS's AdSiteIdParameter: an AD site by name, DN or GUID, or a site piped in.</summary>
public sealed class AdSiteIdParameter : IdParameter
{
    public AdSiteIdParameter(string identity) : base(identity) { }
    public AdSiteIdParameter(ADObjectId id) : base(id) { }
    public AdSiteIdParameter(ADSite site) : base(site.DistinguishedName) { }
    public AdSiteIdParameter(ADReplicationSite site) : base(site.ToString()) { }
}

/// <summary>EMS's AdSiteLinkIdParameter: an IP site link by name, DN or GUID, or a site link piped in.</summary>
public sealed class AdSiteLinkIdParameter : IdParameter
{
    public AdSiteLinkIdParameter(string identity) : base(identity) { }
    public AdSiteLinkIdParameter(ADObjectId id) : base(id) { }
    public AdSiteLinkIdParameter(ADSiteLink link) : base(link.DistinguishedName) { }
}
