using CasDirectory.PowerShell.Objects;

namespace CasDirectory.PowerShell.IdParameters;

/// <summary>An AD site by name or exact DN, or a site piped in.</summary>
public sealed class SiteIdParameter : IdParameter
{
    public SiteIdParameter(string identity) : base(identity) { }
    public SiteIdParameter(ADObjectId id) : base(id) { }
    public SiteIdParameter(ADReplicationSite site) : base(site.FromDirectory ? site.DistinguishedName : site.Identity) { }
}
