namespace CasDirectory.Core.ActiveDirectory;

/// <summary>
/// The properties an ActiveDirectory-module object type offers in <c>-Filter</c> and <c>-Properties</c>, each with the
/// LDAP attribute it is stored in; and, for any other name, whether the directory's schema has that attribute (the
/// module accepts LDAP display names too).
/// </summary>
public sealed class AdFilterProperties(string objectType, IReadOnlyDictionary<string, string> properties, Func<string, bool> schemaHas,
                                       Func<string, string, string>? identity = null)
{
    /// <summary>The value a comparison of <paramref name="attribute"/> means: an object named where its DN is stored
    /// (Site -eq 'Site-A' is the site's DN, as the module resolves it); other values as written.</summary>
    public string Value(string attribute, string value) => identity?.Invoke(attribute, value) ?? value;

    public string ObjectType { get; } = objectType;

    public IEnumerable<string> Names => properties.Keys.Order(StringComparer.Ordinal);

    /// <summary>The LDAP attribute of a property or schema attribute name (case-insensitive), or null.</summary>
    public string? Attribute(string name) =>
        properties.TryGetValue(name, out var attribute) ? attribute : schemaHas(name) ? name : null;

    /// <summary>The properties every AD object has (the module's ADObject).</summary>
    public static IReadOnlyDictionary<string, string> ObjectProperties { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Name"] = "cn",
        ["DistinguishedName"] = "distinguishedName",
        ["ObjectClass"] = "objectClass",
        ["ObjectGUID"] = "objectGUID",
        ["Description"] = "description",
        ["Created"] = "whenCreated",
        ["Modified"] = "whenChanged",
        ["whenCreated"] = "whenCreated",
        ["whenChanged"] = "whenChanged",
    };

    /// <summary>ADReplicationSite: an AD site (CN=Sites).</summary>
    public static AdFilterProperties Site(Func<string, bool> schemaHas) =>
        new("ADReplicationSite", With(new() { ["Location"] = "location", ["ManagedBy"] = "managedBy" }), schemaHas);

    /// <summary>ADReplicationSubnet: a subnet (CN=Subnets), its Site the DN in siteObject (a site's name is taken too).</summary>
    public static AdFilterProperties Subnet(Func<string, bool> schemaHas, Naming.ConfigurationPartition partition) =>
        new("ADReplicationSubnet", With(new() { ["Site"] = "siteObject", ["Location"] = "location" }), schemaHas,
            (attribute, value) => attribute == "siteObject" && !value.Contains('=') ? partition.SiteDn(value) : value);

    /// <summary>An object type's own properties and every object's, looked up without case as PowerShell names them.</summary>
    private static Dictionary<string, string> With(Dictionary<string, string> own)
    {
        var all = new Dictionary<string, string>(own, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, attribute) in ObjectProperties)
            all.TryAdd(name, attribute);
        return all;
    }
}
