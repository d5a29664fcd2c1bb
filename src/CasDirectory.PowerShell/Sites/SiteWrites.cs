using System.Collections;
using System.DirectoryServices.Protocols;
using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Settings;
using CasDirectory.Core.Sites;
using CasDirectory.Ldap.Exchange;

namespace CasDirectory.PowerShell.Sites;

/// <summary>What the site and subnet cmdlets share: identities, references, and the module's generic attribute changes.</summary>
internal static class SiteWrites
{
    /// <summary>Attributes a generic change may not touch: the entry's name, class and the directory's own.</summary>
    private static readonly HashSet<string> Protected = new(StringComparer.OrdinalIgnoreCase)
    {
        "objectClass", "cn", "name", "distinguishedName", "objectGUID", "objectSid", "objectCategory", "entryCSN", "entryUUID",
        "structuralObjectClass", "creatorsName", "modifiersName", "createTimestamp", "modifyTimestamp", "nTSecurityDescriptor",
        "instanceType", "whenCreated", "whenChanged", "uSNCreated", "uSNChanged", "siteObject",
    };

    /// <summary>A site by name, DN or objectGUID.</summary>
    public static string Site(ExchangeDirectory directory, string identity)
    {
        if (Guid.TryParse(identity, out var guid))
            return directory.FindByGuid(guid, directory.Partition.SitesDn, "site") is { } dn
                ? Core.Naming.DistinguishedNames.FirstValue(dn)
                : throw new ObjectNotFoundException("site", identity);
        return ObjectLookup.Site(directory.ReadSites(), identity, directory.Partition);
    }

    public static string Site(ExchangeDirectory directory, Objects.ADReplicationSite site) =>
        Site(directory, site.FromDirectory ? site.DistinguishedName : site.Identity);

    public static AdSubnet Subnet(ExchangeDirectory directory, string identity)
    {
        if (Guid.TryParse(identity, out var guid))
            identity = directory.FindByGuid(guid, directory.Partition.SubnetsDn, "subnet") ?? throw new ObjectNotFoundException("subnet", identity);
        return ObjectLookup.Subnet(directory.ReadSubnets(), identity, directory.Partition);
    }

    /// <summary>-ManagedBy: a user, group or contact in the domain, by DN, cn or sAMAccountName.</summary>
    public static string Principal(ExchangeDirectory directory, string identity) =>
        directory.FindReference(identity, directory.Partition.DomainDn, ["user", "group", "securityPrincipal", "inetOrgPerson", "person"], byMail: true)
        ?? throw new ObjectNotFoundException("user or group", identity, "No user or group of the domain has that name, DN, GUID or SID.");

    /// <summary>-InterSiteTopologyGenerator: a domain controller's NTDS Settings, given by server name or DN.</summary>
    public static string DirectoryServer(ExchangeDirectory directory, string identity)
    {
        var dn = directory.FindReference(identity, directory.Partition.SitesDn, ["server", "nTDSDSA"])
            ?? throw new ObjectNotFoundException("directory server", identity, "No server under CN=Sites has that name or DN.");
        return dn.StartsWith("CN=NTDS Settings,", StringComparison.OrdinalIgnoreCase) ? dn : "CN=NTDS Settings," + dn;
    }

    /// <summary>
    /// The module's -Remove, -Add, -Replace and -Clear (and New-'s -OtherAttributes as adds), in that order: each attribute
    /// must be in the directory's schema and not one the entry's identity rests on; each value text without control
    /// characters (or bytes), sent as a value, never as part of a filter or DN.
    /// </summary>
    public static List<AttributeChange> Generic(ExchangeDirectory directory, Hashtable? remove, Hashtable? add, Hashtable? replace, string[]? clear)
    {
        var changes = new List<AttributeChange>();
        foreach (var (table, operation) in new[] { (remove, DirectoryAttributeOperation.Delete), (add, DirectoryAttributeOperation.Add), (replace, DirectoryAttributeOperation.Replace) })
        {
            if (table is null)
                continue;
            foreach (DictionaryEntry entry in table)
            {
                var attribute = Attribute(directory, entry.Key?.ToString());
                var values = Values(attribute, entry.Value);
                if (values.Count == 0 && operation != DirectoryAttributeOperation.Replace)
                    throw new DomainRuleException($"'{attribute}' is given no value to {(operation == DirectoryAttributeOperation.Add ? "add" : "remove")}.", isMalformedInput: true);
                changes.Add(new AttributeChange(operation, attribute, values));
            }
        }
        foreach (var name in clear ?? [])
            changes.Add(new AttributeChange(DirectoryAttributeOperation.Delete, Attribute(directory, name), []));
        return changes;
    }

    private static string Attribute(ExchangeDirectory directory, string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || !directory.SchemaHasAttribute(name))
            throw new DomainRuleException($"'{name}' is not an attribute of the directory's schema.", isMalformedInput: true);
        if (Protected.Contains(name))
            throw new DomainRuleException($"'{name}' cannot be changed this way: the cmdlet's own parameters or the directory set it.", isMalformedInput: true);
        return name;
    }

    private static List<object> Values(string attribute, object? value)
    {
        var items = value switch
        {
            null => [],
            PSObject p when p.BaseObject is not string and IEnumerable e and not byte[] => e.Cast<object?>().ToList(),
            string or byte[] => [value],
            PSObject p => [p.BaseObject],
            IEnumerable e => e.Cast<object?>().ToList(),
            _ => [value],
        };
        var values = new List<object>();
        foreach (var item in items)
        {
            var v = item is PSObject po ? po.BaseObject : item;
            values.Add(v switch
            {
                byte[] bytes => bytes,
                bool b => b ? "TRUE" : "FALSE",
                int or long or short or byte => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!,
                string s when s.Length > 0 && !s.Any(char.IsControl) => s,
                _ => throw new DomainRuleException($"'{attribute}': the value '{v}' is not valid: use text without control characters, a whole number, $true/$false or bytes.", isMalformedInput: true),
            });
        }
        return values;
    }

    /// <summary>-ProtectedFromAccidentalDeletion: AD keeps it as a deny-delete ACE for Everyone, which slapd here cannot
    /// enforce, so only $false (what every object here is) is taken.</summary>
    public static void RefuseProtection(bool? value)
    {
        if (value == true)
            throw new DomainRuleException("-ProtectedFromAccidentalDeletion $true is not supported: AD keeps it as a deny-delete ACE, which this directory cannot enforce. Only $false is taken.", isMalformedInput: true);
    }

    /// <summary>The settings given, references resolved to DNs.</summary>
    public static List<SettingChange> Resolved(ExchangeDirectory directory, IEnumerable<SettingChange> given) =>
        given.Select(c => c.Value switch
        {
            Objects.ADPrincipal p => c with { Value = Principal(directory, p.Identity) },
            Objects.ADDirectoryServer s => c with { Value = DirectoryServer(directory, s.Identity) },
            Objects.ADReplicationSite site => c with { Value = directory.Partition.SiteDn(Site(directory, site)) },
            string text when c.Definition == SiteSettings.ManagedBy && text.Length > 0 => c with { Value = Principal(directory, text) },
            string text when c.Definition == SiteSettings.InterSiteTopologyGenerator && text.Length > 0 => c with { Value = DirectoryServer(directory, text) },
            string text when c.Definition == SiteSettings.UniversalGroupCachingRefreshSite && text.Length > 0 => c with { Value = directory.Partition.SiteDn(Site(directory, text)) },
            _ => c,
        }).ToList();

    /// <summary>The sites named, read with their settings: two searches whatever their number.</summary>
    public static IEnumerable<Objects.ADReplicationSite> ReadAll(ExchangeDirectory directory, IReadOnlyList<string> sites)
    {
        var empty = new Dictionary<string, IReadOnlyList<string>>();
        var (onSite, onSettings) = directory.ReadSiteEntries([.. SiteSettings.OnSite.Select(d => d.Attribute)], [.. SiteSettings.OnNtdsSiteSettings.Select(d => d.Attribute).Distinct()], "schedule");
        return sites.Select(s => Objects.ADReplicationSite.From(s, directory.Partition, onSite.GetValueOrDefault(s) ?? empty, onSettings.GetValueOrDefault(s) ?? empty)).ToList();
    }

    /// <summary>A site read with its settings: the site entry and its NTDS Site Settings (two reads).</summary>
    public static Objects.ADReplicationSite Read(ExchangeDirectory directory, string site)
    {
        var onSite = directory.ReadValues(directory.Partition.SiteDn(site), SiteSettings.OnSite.Select(d => d.Attribute)) ?? new Dictionary<string, IReadOnlyList<string>>();
        var onSettings = directory.ReadValues(directory.NtdsSiteSettingsDn(site), SiteSettings.OnNtdsSiteSettings.Select(d => d.Attribute), "schedule") ?? new Dictionary<string, IReadOnlyList<string>>();
        return Objects.ADReplicationSite.From(site, directory.Partition, onSite, onSettings);
    }
}
