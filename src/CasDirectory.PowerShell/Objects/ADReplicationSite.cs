using CasDirectory.Core.ActiveDirectory;
using CasDirectory.Core.Settings;
using CasDirectory.Core.Sites;

namespace CasDirectory.PowerShell.Objects;

/// <summary>
/// What Get-ADReplicationSite writes (the Active Directory module's names), and what its -Identity and -Instance take:
/// PowerShell binds a name, DN or GUID to one through the constructor from a string.
/// </summary>
public sealed class ADReplicationSite
{
    /// <summary>A site named by the user (name, DN or GUID); resolved against the directory when used.</summary>
    public ADReplicationSite(string identity)
    {
        if (string.IsNullOrWhiteSpace(identity))
            throw new ArgumentException("An identity cannot be empty.");
        Identity = identity;
        Name = identity;
        DistinguishedName = "";
    }

    private ADReplicationSite(string name, string distinguishedName)
    {
        Identity = distinguishedName;
        Name = name;
        DistinguishedName = distinguishedName;
    }

    /// <summary>What the user typed, or the DN of a site read from the directory.</summary>
    internal string Identity { get; }

    public string Name { get; set; }
    public string DistinguishedName { get; set; }
    public string? Description { get; set; }
    public string? ManagedBy { get; set; }
    public bool ProtectedFromAccidentalDeletion { get; set; }
    public bool AutomaticTopologyGenerationEnabled { get; set; } = true;
    public bool TopologyCleanupEnabled { get; set; } = true;
    public bool TopologyMinimumHopsEnabled { get; set; } = true;
    public bool TopologyDetectStaleEnabled { get; set; } = true;
    public bool AutomaticInterSiteTopologyGenerationEnabled { get; set; } = true;
    public bool UniversalGroupCachingEnabled { get; set; }
    public bool WindowsServer2003KCCBehaviorEnabled { get; set; }
    public bool WindowsServer2000KCCISTGSelectionBehaviorEnabled { get; set; }
    public bool WindowsServer2000BridgeheadSelectionMethodEnabled { get; set; }
    public bool ScheduleHashingEnabled { get; set; }
    public bool RedundantServerTopologyEnabled { get; set; }
    public bool WindowsServer2003KCCIgnoreScheduleEnabled { get; set; }
    public bool WindowsServer2003KCCSiteLinkBridgingEnabled { get; set; }
    public string? InterSiteTopologyGenerator { get; set; }
    public string? UniversalGroupCachingRefreshSite { get; set; }
    public ActiveDirectorySchedule? ReplicationSchedule { get; set; }

    /// <summary>The values as read, by setting name: -Instance writes what differs from them.</summary>
    internal IReadOnlyDictionary<string, object?> Read { get; private set; } = new Dictionary<string, object?>();

    /// <summary>Whether this object came from the directory (Get-/New-/Set- -PassThru), not from a typed identity.</summary>
    internal bool FromDirectory => DistinguishedName.Length > 0;

    public static ADReplicationSite From(string name, Core.Naming.ConfigurationPartition partition) => new(name, partition.SiteDn(name));

    /// <summary>A site with its settings: <paramref name="site"/> the site entry's values, <paramref name="settings"/> its NTDS Site Settings'.</summary>
    public static ADReplicationSite From(string name, Core.Naming.ConfigurationPartition partition,
        IReadOnlyDictionary<string, IReadOnlyList<string>> site, IReadOnlyDictionary<string, IReadOnlyList<string>> settings)
    {
        var result = From(name, partition);
        var read = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var definition in SiteSettings.OnSite)
            read[definition.Name] = definition.Read(site.GetValueOrDefault(definition.Attribute, []));
        foreach (var definition in SiteSettings.OnNtdsSiteSettings)
            read[definition.Name] = definition.Read(settings.GetValueOrDefault(definition.Attribute, []));
        foreach (var (property, value) in read)
            typeof(ADReplicationSite).GetProperty(property)!.SetValue(result, value);
        result.Read = read;
        return result;
    }

    /// <summary>The settings whose value differs from the one read (-Instance).</summary>
    internal IEnumerable<SettingChange> Changed() =>
        SiteSettings.OnSite.Concat(SiteSettings.OnNtdsSiteSettings)
            .Select(d => new SettingChange(d, typeof(ADReplicationSite).GetProperty(d.Name)!.GetValue(this)))
            .Where(c => !Equals(c.Value, Read.GetValueOrDefault(c.Definition.Name)));

    /// <summary>The settings whose value is not the unset one (New-ADReplicationSite -Instance: a template).</summary>
    internal IEnumerable<SettingChange> NonDefault() =>
        SiteSettings.OnSite.Concat(SiteSettings.OnNtdsSiteSettings)
            .Select(d => new SettingChange(d, typeof(ADReplicationSite).GetProperty(d.Name)!.GetValue(this)))
            .Where(c => !Equals(c.Value, c.Definition.Read([])));

    public override string ToString() => DistinguishedName.Length > 0 ? DistinguishedName : Identity;
}
