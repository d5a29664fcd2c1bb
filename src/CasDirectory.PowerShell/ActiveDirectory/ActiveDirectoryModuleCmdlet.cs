using System.Management.Automation;
using CasDirectory.Core.ActiveDirectory;
using CasDirectory.Ldap.Exchange;

namespace CasDirectory.PowerShell.ActiveDirectory;

/// <summary>
/// What the ActiveDirectory module's Get- cmdlets share: -Filter (its expression language, translated into one LDAP
/// search: <see cref="AdFilter"/>) and -Properties, beside -Server and -AuthType (<see cref="ActiveDirectoryWriteCmdlet"/>).
/// </summary>
public abstract class ActiveDirectoryModuleCmdlet : ActiveDirectoryWriteCmdlet
{
    protected const string IdentitySet = "Identity";
    protected const string FilterSet = "Filter";

    /// <summary>The ActiveDirectory module's filter: * for everything, or e.g. "Name -like 'Site-*'" (about_ActiveDirectory_Filter).</summary>
    [Parameter(ParameterSetName = FilterSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? Filter { get; set; }

    /// <summary>More properties to read: property or LDAP attribute names, or * for every attribute.</summary>
    [Parameter]
    [Alias("Property")]
    [ValidateNotNullOrEmpty]
    public string[]? Properties { get; set; }

    /// <summary>The filter as LDAP, its $variables read from the caller's session; -Verbose shows it.</summary>
    protected string LdapFilter(AdFilterProperties properties)
    {
        var ldap = AdFilter.ToLdap(Filter!, properties, name => SessionState.PSVariable.GetValue(name) is { } value ? FilterValue(PSObject.AsPSObject(value)) : null);
        WriteVerbose($"LDAP filter: {ldap}");
        return ldap;
    }

    /// <summary>A variable's value in a filter: an object the module wrote (a site, a subnet) stands for its DN, as the
    /// ActiveDirectory module takes one; anything else as it is.</summary>
    private static object FilterValue(PSObject value) =>
        value.BaseObject is string or ValueType ? value.BaseObject
        : value.Properties["DistinguishedName"]?.Value is string dn ? dn
        : value.BaseObject;

    /// <summary>The object type the cmdlet writes: a property it always carries may be named in -Properties, as the
    /// module allows (Get-ADReplicationSite -Properties AutomaticInterSiteTopologyGenerationEnabled), and costs nothing more.</summary>
    protected virtual Type? OutputObjectType => null;

    private bool OutputCarries(string name) =>
        OutputObjectType?.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase) is not null;

    /// <summary>The attributes to read: <paramref name="needed"/> and what -Properties names.</summary>
    protected string[] Attributes(AdFilterProperties properties, params string[] needed)
    {
        if (Properties is null)
            return needed;
        if (Properties.Contains("*"))
            return ["*", .. needed];
        var attributes = new List<string>(needed);
        // A name the object always carries and no attribute answers to (a site's topology switches live on its NTDS
        // Site Settings) is accepted as it is: the object has it already.
        foreach (var name in Properties.Where(n => properties.Attribute(n) is not null || !OutputCarries(n)))
            attributes.Add(properties.Attribute(name) ?? throw new Core.DomainRuleException(
                $"'{name}' is not a property of {properties.ObjectType} nor an attribute of the directory's schema (its properties: {string.Join(", ", properties.Names)}).", isMalformedInput: true));
        return [.. attributes.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>A value as the module types it: a GUID as a Guid, a SID as its S-1-… form, and by the attribute's LDAP
    /// syntax a time as a DateTime, an integer as a long, a boolean as a bool; text as read.</summary>
    private object Typed(string attribute, object value) => (attribute.ToLowerInvariant(), value, DataSession.AttributeSyntax(attribute)) switch
    {
        ("objectguid", byte[] { Length: 16 } guid, _) => new Guid(guid),
        ("objectsid", byte[] sid, _) => Core.Security.SecurityIdentifier.FromBinary(sid).ToString(),
        (_, string text, "1.3.6.1.4.1.1466.115.121.1.24") when DateTime.TryParseExact(text, ["yyyyMMddHHmmss'.0Z'", "yyyyMMddHHmmss'Z'"],
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var time) => time,
        (_, string text, "1.3.6.1.4.1.1466.115.121.1.27") when long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number) => number,
        (_, string text, "1.3.6.1.4.1.1466.115.121.1.7") => text == "TRUE",
        _ => value,
    };

    /// <summary>The object, with what -Properties asked for added as properties (the module's names where it has one,
    /// else the attribute's; one value as itself, several as an array; asked for and absent: $null).</summary>
    protected PSObject WithProperties(object shown, DirectoryObject entry, AdFilterProperties properties)
    {
        var result = PSObject.AsPSObject(shown);
        if (Properties is null)
            return result;
        var names = Properties.Contains("*")
            ? entry.Attributes.Keys.Select(a => properties.Names.FirstOrDefault(n => string.Equals(properties.Attribute(n), a, StringComparison.OrdinalIgnoreCase)) ?? a)
            : Properties;
        foreach (var name in names.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var attribute = properties.Attribute(name) ?? name;
            if (result.Properties[name] is { } existing)
            {
                // the object has it already; one it left unset is filled from what was read
                if (existing.Value is null && existing.IsSettable && entry.Attributes.TryGetValue(attribute, out var read) && read.Count == 1 && read[0] is string text)
                    existing.Value = text;
                continue;
            }
            object? value = entry.Attributes.TryGetValue(attribute, out var values) ? values.Count == 1 ? Typed(attribute, values[0]) : values.Select(v => Typed(attribute, v)).ToArray() : null;
            result.Properties.Add(new PSNoteProperty(name, value));
        }
        return result;
    }
}
