using System.Collections;
using System.Management.Automation;
using CasDirectory.Core.ActiveDirectory;
using CasDirectory.Core.Sites;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.Objects;

namespace CasDirectory.PowerShell.Sites;

/// <summary>
/// <para type="synopsis">Changes a site's description, manager and replication settings, as the ActiveDirectory module does: one modify of the site and one of its NTDS Site Settings.</para>
/// </summary>
/// <example>
/// <code>Set-ADReplicationSite Site-A -Description "Oslo" -UniversalGroupCachingEnabled $true -AutomaticTopologyGenerationEnabled $false</code>
/// <para>Describes Site-A, turns universal group caching on and automatic intra-site topology off (options bits 0x20 and 0x1).</para>
/// </example>
/// <example>
/// <code>Set-ADReplicationSite Site-A -Replace @{location='Oslo'} -Clear description</code>
/// <para>The module's generic changes: LDAP display names, applied Remove, Add, Replace, Clear in one modify.</para>
/// </example>
/// <example>
/// <code>Get-ADReplicationSite -Filter * | % {Set-ADReplicationSite $_ -ScheduleHashingEnabled $True}</code>
/// <para>Turns schedule hashing on in every site, spreading replication start times over the whole schedule interval (Microsoft Learn, Set-ADReplicationSite, example 2, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "ADReplicationSite", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = IdentitySet)]
[OutputType(typeof(ADReplicationSite))]
public sealed class SetADReplicationSiteCommand : SiteSettingsCmdlet
{
    /// <summary>The site: name, DN or GUID, or a site piped in.</summary>
    [Parameter(ParameterSetName = IdentitySet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(SiteNameCompleter))]
    public ADReplicationSite Identity { get; set; } = null!;

    /// <summary>A site read with Get-ADReplicationSite and changed: what differs from what was read is written.</summary>
    [Parameter(ParameterSetName = InstanceSet, Mandatory = true)]
    public ADReplicationSite Instance { get; set; } = null!;

    /// <summary>Values to add: @{attribute = value or values} (LDAP display names).</summary>
    [Parameter(ParameterSetName = IdentitySet)] public Hashtable? Add { get; set; }
    /// <summary>Values to remove: @{attribute = value or values}.</summary>
    [Parameter(ParameterSetName = IdentitySet)] public Hashtable? Remove { get; set; }
    /// <summary>Values to put in place of all an attribute has: @{attribute = value or values}.</summary>
    [Parameter(ParameterSetName = IdentitySet)] public Hashtable? Replace { get; set; }
    /// <summary>Attributes to clear.</summary>
    [Parameter(ParameterSetName = IdentitySet)] public string[]? Clear { get; set; }

    /// <summary>A description of the site; $null clears it.</summary>
    [Parameter(ParameterSetName = IdentitySet)] [AllowNull] [AllowEmptyString] public string? Description { get; set; }

    /// <summary>The user or group that manages the site (managedBy): DN, name or sAMAccountName; $null clears it.</summary>
    [Parameter(ParameterSetName = IdentitySet)] [AllowNull] public ADPrincipal? ManagedBy { get; set; }

    /// <summary>Only $false: AD keeps this as a deny-delete ACE, which this directory cannot enforce.</summary>
    [Parameter(ParameterSetName = IdentitySet)] public bool ProtectedFromAccidentalDeletion { get; set; }

    /// <summary>options 0x1 clear (NTDSSETTINGS_OPT_IS_AUTO_TOPOLOGY_DISABLED).</summary>
    [Parameter(ParameterSetName = IdentitySet)] public bool AutomaticTopologyGenerationEnabled { get; set; }
    /// <summary>options 0x2 clear (NTDSSETTINGS_OPT_IS_TOPL_CLEANUP_DISABLED).</summary>
    [Parameter(ParameterSetName = IdentitySet)] public bool TopologyCleanupEnabled { get; set; }
    /// <summary>options 0x4 clear (NTDSSETTINGS_OPT_IS_TOPL_MIN_HOPS_DISABLED).</summary>
    [Parameter(ParameterSetName = IdentitySet)] public bool TopologyMinimumHopsEnabled { get; set; }
    /// <summary>options 0x8 clear (NTDSSETTINGS_OPT_IS_TOPL_DETECT_STALE_DISABLED).</summary>
    [Parameter(ParameterSetName = IdentitySet)] public bool TopologyDetectStaleEnabled { get; set; }
    /// <summary>options 0x10 clear (NTDSSETTINGS_OPT_IS_INTER_SITE_AUTO_TOPOLOGY_DISABLED).</summary>
    [Parameter(ParameterSetName = IdentitySet)] public bool AutomaticInterSiteTopologyGenerationEnabled { get; set; }
    /// <summary>options 0x20 (NTDSSETTINGS_OPT_IS_GROUP_CACHING_ENABLED).</summary>
    [Parameter(ParameterSetName = IdentitySet)] public bool UniversalGroupCachingEnabled { get; set; }
    /// <summary>options 0x40 (NTDSSETTINGS_OPT_FORCE_KCC_WHISTLER_BEHAVIOR).</summary>
    [Parameter(ParameterSetName = IdentitySet)] public bool WindowsServer2003KCCBehaviorEnabled { get; set; }
    /// <summary>options 0x80 (NTDSSETTINGS_OPT_FORCE_KCC_W2K_ELECTION).</summary>
    [Parameter(ParameterSetName = IdentitySet)] public bool WindowsServer2000KCCISTGSelectionBehaviorEnabled { get; set; }
    /// <summary>options 0x100 (NTDSSETTINGS_OPT_IS_RAND_BH_SELECTION_DISABLED).</summary>
    [Parameter(ParameterSetName = IdentitySet)] public bool WindowsServer2000BridgeheadSelectionMethodEnabled { get; set; }
    /// <summary>options 0x200 (NTDSSETTINGS_OPT_IS_SCHEDULE_HASHING_ENABLED).</summary>
    [Parameter(ParameterSetName = IdentitySet)] public bool ScheduleHashingEnabled { get; set; }
    /// <summary>options 0x400 (NTDSSETTINGS_OPT_IS_REDUNDANT_SERVER_TOPOLOGY_ENABLED).</summary>
    [Parameter(ParameterSetName = IdentitySet)] public bool RedundantServerTopologyEnabled { get; set; }
    /// <summary>options 0x800 (NTDSSETTINGS_OPT_W2K3_IGNORE_SCHEDULES).</summary>
    [Parameter(ParameterSetName = IdentitySet)] public bool WindowsServer2003KCCIgnoreScheduleEnabled { get; set; }
    /// <summary>options 0x1000 (NTDSSETTINGS_OPT_W2K3_BRIDGES_REQUIRED).</summary>
    [Parameter(ParameterSetName = IdentitySet)] public bool WindowsServer2003KCCSiteLinkBridgingEnabled { get; set; }

    /// <summary>The site's inter-site topology generator (interSiteTopologyGenerator: a DC's NTDS Settings); $null clears it.</summary>
    [Parameter(ParameterSetName = IdentitySet)] [AllowNull] public ADDirectoryServer? InterSiteTopologyGenerator { get; set; }

    /// <summary>The site universal group caching refreshes from (msDS-Preferred-GC-Site); $null clears it.</summary>
    [Parameter(ParameterSetName = IdentitySet)] [AllowNull] public ADReplicationSite? UniversalGroupCachingRefreshSite { get; set; }

    /// <summary>The intra-site replication schedule (schedule), such as "Sun.1:00 AM-Sun.5:00 AM"; $null clears it.</summary>
    [Parameter(ParameterSetName = IdentitySet)] [AllowNull] public ActiveDirectorySchedule? ReplicationSchedule { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        if (Given(nameof(ProtectedFromAccidentalDeletion)))
            SiteWrites.RefuseProtection(ProtectedFromAccidentalDeletion);
        List<Core.Settings.SettingChange> given;
        string site;
        if (ParameterSetName == InstanceSet)
        {
            if (!Instance.FromDirectory)
                throw new Core.DomainRuleException("-Instance takes a site read with Get-ADReplicationSite.", isMalformedInput: true);
            SiteWrites.RefuseProtection(Instance.ProtectedFromAccidentalDeletion);
            site = SiteWrites.Site(directory, Instance);
            given = Instance.Changed().ToList();
        }
        else
        {
            site = SiteWrites.Site(directory, Identity);
            given = SettingsGiven(SiteSettings.OnSite.Concat(SiteSettings.OnNtdsSiteSettings)).ToList();
        }
        CurrentTarget = site;
        var generic = ParameterSetName == InstanceSet ? [] : SiteWrites.Generic(directory, Remove, Add, Replace, Clear);
        var changes = SiteWrites.Resolved(directory, given);
        foreach (var change in changes.Where(c => c.Definition.Syntax is not Core.Settings.FlagBitSyntax))
            change.Definition.Syntax.Write(change.Definition.Name, change.Value); // validated before anything is written
        if (changes.Count == 0 && generic.Count == 0 && !Given(nameof(ProtectedFromAccidentalDeletion)))
            throw new Core.DomainRuleException("Set-ADReplicationSite was given nothing to change.", isMalformedInput: true);
        if (!ShouldWrite($"Site \"{site}\"", Changes(changes)))
            return;
        var onSite = changes.Where(c => SiteSettings.OnSite.Contains(c.Definition)).ToList();
        var onSettings = changes.Where(c => SiteSettings.OnNtdsSiteSettings.Contains(c.Definition)).ToList();
        if (onSite.Count > 0 || generic.Count > 0)
            directory.ModifyEntry(directory.Partition.SiteDn(site), onSite, generic);
        if (onSettings.Count > 0)
            directory.ModifyEntry(directory.NtdsSiteSettingsDn(site), onSettings, [], "schedule");
        if (PassThru)
            WriteObject(SiteWrites.Read(directory, site));
    }
}
