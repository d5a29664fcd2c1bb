using System.DirectoryServices.Protocols;
using System.Globalization;
using CasDirectory.Core.Settings;

namespace CasDirectory.Ldap.Exchange;


/// <summary>Sites: their settings on the site entry and on its CN=NTDS Site Settings child, and site links.</summary>
public sealed partial class ExchangeDirectory
{
    public string NtdsSiteSettingsDn(string site) => "CN=NTDS Site Settings," + Partition.SiteDn(site);

    /// <summary>CN=IP,CN=Inter-Site Transports,CN=Sites: where IP site links live.</summary>
    public string IpSiteLinksDn => "CN=IP,CN=Inter-Site Transports," + Partition.SitesDn;

    /// <summary>The values of <paramref name="attributes"/> an entry has (binary ones in base64); null when the entry is not there.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? ReadValues(string dn, IEnumerable<string> attributes, params string[] binary)
    {
        var wanted = attributes.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var entry = Session.Read(dn, [.. wanted, "objectGUID"]);
        if (entry is null)
            return null;
        var stored = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var attribute in wanted.Append("objectGUID"))
        {
            if (!entry.Attributes.Contains(attribute))
                continue;
            stored[attribute] = binary.Contains(attribute, StringComparer.OrdinalIgnoreCase) || attribute.Equals("objectGUID", StringComparison.OrdinalIgnoreCase)
                ? entry.Attributes[attribute].GetValues(typeof(byte[])).Cast<byte[]>().Select(Convert.ToBase64String).ToList()
                : entry.All(attribute);
        }
        return stored;
    }

    /// <summary>
    /// A new site with its Servers and NTDS Site Settings children, the settings given carried by the adds themselves
    /// (<paramref name="onSite"/> on the site entry, <paramref name="onSettings"/> on NTDS Site Settings; text values only).
    /// </summary>
    public void AddSite(string name, IReadOnlyList<(string Name, IReadOnlyList<string> Values)> onSite, IReadOnlyList<(string Name, IReadOnlyList<string> Values)> onSettings)
    {
        var dn = Partition.SiteDn(name);
        Session.Add(dn, [A("objectClass", "top", "site"), A("cn", name), .. onSite]);
        Session.Add("CN=Servers," + dn, [A("objectClass", "top", "serversContainer"), A("cn", "Servers")], ensure: true);
        Session.Add(NtdsSiteSettingsDn(name), [A("objectClass", "top", "nTDSSiteSettings"), A("cn", "NTDS Site Settings"), .. onSettings], ensure: true);
        ForgetReads();
    }

    /// <summary>
    /// The given attributes of every site and every NTDS Site Settings below CN=Sites, by site name: one search.
    /// Binary attributes in base64.
    /// </summary>
    public (IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Sites, IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Settings)
        ReadSiteEntries(IReadOnlyList<string> onSite, IReadOnlyList<string> onSettings, params string[] binary)
    {
        var sites = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(Core.Naming.ObjectName.Comparer);
        var settings = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(Core.Naming.ObjectName.Comparer);
        var found = Session.Search(Partition.SitesDn, "(|(objectClass=site)(objectClass=nTDSSiteSettings))", SearchScope.Subtree, e => e,
            [.. onSite.Concat(onSettings).Distinct(StringComparer.OrdinalIgnoreCase), "objectClass", "objectGUID"]);
        foreach (var entry in found)
        {
            var isSite = entry.All("objectClass").Contains("site", StringComparer.OrdinalIgnoreCase);
            var site = Core.Naming.DistinguishedNames.FirstValue(isSite ? entry.DistinguishedName : Core.Naming.DistinguishedNames.Parent(entry.DistinguishedName));
            var stored = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var attribute in (isSite ? onSite : onSettings).Append("objectGUID"))
            {
                if (!entry.Attributes.Contains(attribute))
                    continue;
                stored[attribute] = binary.Contains(attribute, StringComparer.OrdinalIgnoreCase) || attribute.Equals("objectGUID", StringComparison.OrdinalIgnoreCase)
                    ? entry.Attributes[attribute].GetValues(typeof(byte[])).Cast<byte[]>().Select(Convert.ToBase64String).ToList()
                    : entry.All(attribute);
            }
            (isSite ? sites : settings)[site] = stored;
        }
        return (sites, settings);
    }

    /// <summary>A subnet with more attributes (description, location, the module's -OtherAttributes) in its one add.</summary>
    public void AddSubnet(string cidr, string? site, IReadOnlyList<(string Name, IReadOnlyList<string> Values)> more)
    {
        Session.Add(Partition.SubnetDn(cidr), [A("objectClass", "top", "subnet"), A("cn", cidr), A("siteObject", site is null ? null : Partition.SiteDn(site)), .. more]);
        InsertSorted(_subnets, new Core.Sites.AdSubnet(System.Net.IPNetwork.Parse(cidr), site), s => s.Name);
    }

    /// <summary>The DN of an object of one of <paramref name="objectClasses"/> anywhere below <paramref name="baseDn"/> with this objectGUID; null if none.</summary>
    public string? FindByGuid(Guid guid, string baseDn, params string[] objectClasses)
    {
        var value = string.Concat(guid.ToByteArray().Select(b => $"\\{b:x2}"));
        var classes = string.Concat(objectClasses.Select(c => $"(objectClass={Core.Naming.LdapEscaping.FilterValue(c)})"));
        return Session.Search(baseDn, $"(&(|{classes})(objectGUID={value}))", SearchScope.Subtree, e => e.DistinguishedName, "1.1").FirstOrDefault();
    }

    /// <summary>The IP site links (objectClass siteLink below CN=IP,CN=Inter-Site Transports); none when that container is absent.</summary>
    public IReadOnlyList<DirectoryObject> ReadSiteLinks(params string[] attributes)
    {
        if (Session.Read(IpSiteLinksDn, "1.1") is null)
            return [];
        return Session.Search(IpSiteLinksDn, "(objectClass=siteLink)", SearchScope.OneLevel, ToObject, ["cn", .. attributes])
            .OrderBy(o => o.One("cn"), Core.Naming.ObjectName.Comparer).ToList();
    }

    /// <summary>A site link by name under CN=IP.</summary>
    public string SiteLinkDn(string name) => $"CN={Core.Naming.LdapEscaping.DnValue(name)},{IpSiteLinksDn}";
}
