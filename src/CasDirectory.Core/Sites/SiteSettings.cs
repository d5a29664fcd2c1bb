using CasDirectory.Core.ActiveDirectory;
using CasDirectory.Core.Settings;

namespace CasDirectory.Core.Sites;

/// <summary>
/// The settings of a site as the ActiveDirectory module's *-ADReplicationSite and EMS's Set-ADSite / Set-AdSiteLink
/// take them, each with the attribute AD or Exchange keeps it in.
/// </summary>
public static class SiteSettings
{
    // --- on the site entry (CN=<site>,CN=Sites) ---
    public static readonly SettingDefinition Description = new("Description", "description", new TextSyntax(1024));
    public static readonly SettingDefinition ManagedBy = new("ManagedBy", "managedBy", new ReferenceSyntax());

    // Exchange 2010's ADSiteSchema: HubSiteEnabled is bit 0 of msExchTransportSiteFlags; PartnerId and MinorPartnerId
    // are msExchPartnerId / msExchMinorPartnerId (unset: -1); ResponsibleForSites is msExchResponsibleForSites (DNs).
    public static readonly SettingDefinition HubSiteEnabled = new("HubSiteEnabled", "msExchTransportSiteFlags", new FlagBitSyntax(0x1));
    public static readonly SettingDefinition PartnerId = new("PartnerId", "msExchPartnerId", new IntegerSyntax(int.MinValue, int.MaxValue, Unset: -1));
    public static readonly SettingDefinition MinorPartnerId = new("MinorPartnerId", "msExchMinorPartnerId", new IntegerSyntax(int.MinValue, int.MaxValue, Unset: -1));

    public static readonly IReadOnlyList<SettingDefinition> OnSite = [Description, ManagedBy];
    public static readonly IReadOnlyList<SettingDefinition> Exchange = [HubSiteEnabled, PartnerId, MinorPartnerId];

    // --- on CN=NTDS Site Settings,CN=<site>: the options bits ---
    // MS-ADTS 6.1.1.2.2.1.1 "NTDS Site Settings Object" (options, NTDSSETTINGS_OPT_*), and System.DirectoryServices'
    // ActiveDirectorySiteOptions for the same values; 0x800 and 0x1000 from ntdsapi.h (NTDSSETTINGS_OPT_W2K3_IGNORE_SCHEDULES,
    // NTDSSETTINGS_OPT_W2K3_BRIDGES_REQUIRED). The first five are "disabled" bits: the module's *Enabled is the bit clear.
    public const string Options = "options";
    public static readonly SettingDefinition AutomaticTopologyGenerationEnabled = Bit("AutomaticTopologyGenerationEnabled", 0x1, setMeansTrue: false);        // IS_AUTO_TOPOLOGY_DISABLED
    public static readonly SettingDefinition TopologyCleanupEnabled = Bit("TopologyCleanupEnabled", 0x2, setMeansTrue: false);                               // IS_TOPL_CLEANUP_DISABLED
    public static readonly SettingDefinition TopologyMinimumHopsEnabled = Bit("TopologyMinimumHopsEnabled", 0x4, setMeansTrue: false);                       // IS_TOPL_MIN_HOPS_DISABLED
    public static readonly SettingDefinition TopologyDetectStaleEnabled = Bit("TopologyDetectStaleEnabled", 0x8, setMeansTrue: false);                       // IS_TOPL_DETECT_STALE_DISABLED
    public static readonly SettingDefinition AutomaticInterSiteTopologyGenerationEnabled = Bit("AutomaticInterSiteTopologyGenerationEnabled", 0x10, setMeansTrue: false); // IS_INTER_SITE_AUTO_TOPOLOGY_DISABLED
    public static readonly SettingDefinition UniversalGroupCachingEnabled = Bit("UniversalGroupCachingEnabled", 0x20);                                       // IS_GROUP_CACHING_ENABLED
    public static readonly SettingDefinition WindowsServer2003KCCBehaviorEnabled = Bit("WindowsServer2003KCCBehaviorEnabled", 0x40);                         // FORCE_KCC_WHISTLER_BEHAVIOR
    public static readonly SettingDefinition WindowsServer2000KCCISTGSelectionBehaviorEnabled = Bit("WindowsServer2000KCCISTGSelectionBehaviorEnabled", 0x80); // FORCE_KCC_W2K_ELECTION
    public static readonly SettingDefinition WindowsServer2000BridgeheadSelectionMethodEnabled = Bit("WindowsServer2000BridgeheadSelectionMethodEnabled", 0x100); // IS_RAND_BH_SELECTION_DISABLED
    public static readonly SettingDefinition ScheduleHashingEnabled = Bit("ScheduleHashingEnabled", 0x200);                                                  // IS_SCHEDULE_HASHING_ENABLED
    public static readonly SettingDefinition RedundantServerTopologyEnabled = Bit("RedundantServerTopologyEnabled", 0x400);                                  // IS_REDUNDANT_SERVER_TOPOLOGY_ENABLED
    public static readonly SettingDefinition WindowsServer2003KCCIgnoreScheduleEnabled = Bit("WindowsServer2003KCCIgnoreScheduleEnabled", 0x800);            // W2K3_IGNORE_SCHEDULES
    public static readonly SettingDefinition WindowsServer2003KCCSiteLinkBridgingEnabled = Bit("WindowsServer2003KCCSiteLinkBridgingEnabled", 0x1000);       // W2K3_BRIDGES_REQUIRED

    public static readonly SettingDefinition InterSiteTopologyGenerator = new("InterSiteTopologyGenerator", "interSiteTopologyGenerator", new ReferenceSyntax());
    public static readonly SettingDefinition UniversalGroupCachingRefreshSite = new("UniversalGroupCachingRefreshSite", "msDS-Preferred-GC-Site", new ReferenceSyntax());
    public static readonly SettingDefinition ReplicationSchedule = new("ReplicationSchedule", "schedule", new AdScheduleSyntax());

    public static readonly IReadOnlyList<SettingDefinition> OptionBits =
    [
        AutomaticTopologyGenerationEnabled, TopologyCleanupEnabled, TopologyMinimumHopsEnabled, TopologyDetectStaleEnabled,
        AutomaticInterSiteTopologyGenerationEnabled, UniversalGroupCachingEnabled, WindowsServer2003KCCBehaviorEnabled,
        WindowsServer2000KCCISTGSelectionBehaviorEnabled, WindowsServer2000BridgeheadSelectionMethodEnabled, ScheduleHashingEnabled,
        RedundantServerTopologyEnabled, WindowsServer2003KCCIgnoreScheduleEnabled, WindowsServer2003KCCSiteLinkBridgingEnabled,
    ];

    public static readonly IReadOnlyList<SettingDefinition> OnNtdsSiteSettings =
        [.. OptionBits, InterSiteTopologyGenerator, UniversalGroupCachingRefreshSite, ReplicationSchedule];

    // --- a site link (CN=<link>,CN=IP,CN=Inter-Site Transports,CN=Sites): Exchange's ADSiteLinkSchema ---
    public static readonly SettingDefinition ExchangeCost = new("ExchangeCost", "msExchCost", new IntegerSyntax(1, 99999));
    public static readonly SettingDefinition MaxMessageSize = new("MaxMessageSize", "delivContLength", new QuotaSyntax());

    private static SettingDefinition Bit(string name, long bit, bool setMeansTrue = true) => new(name, Options, new FlagBitSyntax(bit, setMeansTrue));
}

/// <summary>AD's schedule attribute (a SCHEDULE structure, base64 here as LDAP carries binary values to the directory layer).</summary>
public sealed record AdScheduleSyntax : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored)
    {
        try
        {
            return stored.Count == 0 ? null : ActiveDirectorySchedule.FromBytes(Convert.FromBase64String(stored[0]));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        null => [],
        ActiveDirectorySchedule schedule => [Convert.ToBase64String(schedule.ToBytes())],
        _ => throw Refused(property, value, "use schedule intervals such as \"Sun.1:00 AM-Sun.5:00 AM\""),
    };
}
