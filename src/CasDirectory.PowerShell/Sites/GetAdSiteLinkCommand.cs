using System.Management.Automation;
using CasDirectory.Core.Sites;
using CasDirectory.Core.Values;
using CasDirectory.Ldap.Exchange;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Objects;

namespace CasDirectory.PowerShell.Sites;

/// <summary>
/// <para type="synopsis">Lists the IP site links (CN=IP,CN=Inter-Site Transports,CN=Sites) with Exchange's cost and message size limit, as EMS's Get-AdSiteLink.</para>
/// </summary>
/// <example>
/// <code>Get-AdSiteLink | ft Name,Cost,ADCost,ExchangeCost,MaxMessageSize</code>
/// <para>The site links and the cost Exchange routes by (ExchangeCost when set, else the AD cost).</para>
/// </example>
/// <example>
/// <code>Get-ADSiteLink</code>
/// <para>Lists every IP site link of the forest (Microsoft Learn, Get-ADSiteLink, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-AdSiteLink | Where {$_.ExchangeCost -ne $null}</code>
/// <para>Lists the IP site links that have an Exchange-specific cost (Microsoft Learn, Get-ADSiteLink, Exchange 2010 example 2, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "AdSiteLink")]
[OutputType(typeof(ADSiteLink))]
public sealed class GetAdSiteLinkCommand : CasDirectoryCmdlet
{
    internal static readonly string[] Attributes = ["cost", "msExchCost", "delivContLength", "siteList", "objectGUID"];

    /// <summary>The site link: name, DN or GUID. Without it, every IP site link.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public AdSiteLinkIdParameter? Identity { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var links = directory.ReadSiteLinks(Attributes);
        if (Identity is not null)
            links = [Find(links, Identity.RawIdentity)];
        foreach (var link in links)
            WriteObject(From(link, directory.Partition));
    }

    internal static DirectoryObject Find(IReadOnlyList<DirectoryObject> links, string identity) =>
        links.FirstOrDefault(l => Core.Identity.ObjectLookup.Same(l.One("cn"), identity) || Core.Naming.DistinguishedNames.AreEqual(l.Dn, identity)
                                  || (Guid.TryParse(identity, out var g) && l.Attributes.GetValueOrDefault("objectGUID") is [byte[] b] && new Guid(b) == g))
        ?? throw new Core.ObjectNotFoundException("site link", identity);

    internal static ADSiteLink From(DirectoryObject link, Core.Naming.ConfigurationPartition partition)
    {
        IReadOnlyList<string> Values(string a) => link.Attributes.TryGetValue(a, out var v) ? v.OfType<string>().ToList() : [];
        var adCost = Values("cost") is [var c] && int.TryParse(c, out var n) ? n : 100;
        var exchangeCost = Values("msExchCost") is [var e] && int.TryParse(e, out var x) ? x : (int?)null;
        var name = link.One("cn") ?? Core.Naming.DistinguishedNames.FirstValue(link.Dn);
        return new ADSiteLink
        {
            Name = name,
            ADCost = adCost,
            ExchangeCost = exchangeCost,
            Cost = exchangeCost ?? adCost,
            MaxMessageSize = (Unlimited<ByteQuantifiedSize>)SiteSettings.MaxMessageSize.Read(Values("delivContLength"))!,
            Sites = new(Values("siteList").Select(dn => ADObjectId.Site(Core.Naming.DistinguishedNames.FirstValue(dn), partition))),
            DistinguishedName = link.Dn,
            Identity = new ADObjectId(name, link.Dn),
            Guid = link.Attributes.GetValueOrDefault("objectGUID") is [byte[] guid] ? new Guid(guid) : Guid.Empty,
        };
    }
}
