using System.Collections;
using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.ActiveDirectory;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Settings;
using CasDirectory.Core.Sites;
using CasDirectory.PowerShell.Objects;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.Sites;

/// <summary>
/// <para type="synopsis">Creates an AD site, with its Servers and NTDS Site Settings children, and the settings given.</para>
/// </summary>
/// <example>
/// <code>New-ADReplicationSite -Name Site-C</code>
/// <para>Creates site Site-C with its Servers and NTDS Site Settings containers.</para>
/// </example>
/// <example>
/// <code>New-ADReplicationSite -Name Site-C -Description "Oslo" -UniversalGroupCachingEnabled $true -OtherAttributes @{location='Oslo,Norway'}</code>
/// <para>The settings are carried by the adds themselves (a schedule by one modify after them).</para>
/// </example>
/// <example>
/// <code>New-ADReplicationSite -Name "Site-C" -AutomaticInterSiteTopologyGenerationEnabled $FALSE</code>
/// <para>Creates the site Site-C with automatic inter-site topology generation turned off (Microsoft Learn, New-ADReplicationSite, example 2, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.New, "ADReplicationSite", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ADReplicationSite))]
public sealed class NewADReplicationSiteCommand : SiteSettingsCmdlet
{
    /// <summary>The site's name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [NameTransformation]
    [ValidateObjectName]
    public string Name { get; set; } = "";

    /// <summary>A site to copy the settings of (a template: one read with Get-ADReplicationSite).</summary>
    [Parameter]
    public ADReplicationSite? Instance { get; set; }

    /// <summary>More attributes of the site entry: @{attribute = value or values} (LDAP display names of the directory's schema).</summary>
    [Parameter]
    public Hashtable? OtherAttributes { get; set; }

    /// <summary>A description of the site; $null clears it.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] [AllowNull] [AllowEmptyString] public string? Description { get; set; }

    /// <summary>The user or group that manages the site (managedBy): DN, name or sAMAccountName; $null clears it.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] [AllowNull] public ADPrincipal? ManagedBy { get; set; }

    /// <summary>Only $false: AD keeps this as a deny-delete ACE, which this directory cannot enforce.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public bool ProtectedFromAccidentalDeletion { get; set; }

    /// <summary>options 0x1 clear (NTDSSETTINGS_OPT_IS_AUTO_TOPOLOGY_DISABLED).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public bool AutomaticTopologyGenerationEnabled { get; set; }
    /// <summary>options 0x2 clear (NTDSSETTINGS_OPT_IS_TOPL_CLEANUP_DISABLED).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public bool TopologyCleanupEnabled { get; set; }
    /// <summary>options 0x4 clear (NTDSSETTINGS_OPT_IS_TOPL_MIN_HOPS_DISABLED).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public bool TopologyMinimumHopsEnabled { get; set; }
    /// <summary>options 0x8 clear (NTDSSETTINGS_OPT_IS_TOPL_DETECT_STALE_DISABLED).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public bool TopologyDetectStaleEnabled { get; set; }
    /// <summary>options 0x10 clear (NTDSSETTINGS_OPT_IS_INTER_SITE_AUTO_TOPOLOGY_DISABLED).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public bool AutomaticInterSiteTopologyGenerationEnabled { get; set; }
    /// <summary>options 0x20 (NTDSSETTINGS_OPT_IS_GROUP_CACHING_ENABLED).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public bool UniversalGroupCachingEnabled { get; set; }
    /// <summary>options 0x40 (NTDSSETTINGS_OPT_FORCE_KCC_WHISTLER_BEHAVIOR).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public bool WindowsServer2003KCCBehaviorEnabled { get; set; }
    /// <summary>options 0x80 (NTDSSETTINGS_OPT_FORCE_KCC_W2K_ELECTION).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public bool WindowsServer2000KCCISTGSelectionBehaviorEnabled { get; set; }
    /// <summary>options 0x100 (NTDSSETTINGS_OPT_IS_RAND_BH_SELECTION_DISABLED).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public bool WindowsServer2000BridgeheadSelectionMethodEnabled { get; set; }
    /// <summary>options 0x200 (NTDSSETTINGS_OPT_IS_SCHEDULE_HASHING_ENABLED).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public bool ScheduleHashingEnabled { get; set; }
    /// <summary>options 0x400 (NTDSSETTINGS_OPT_IS_REDUNDANT_SERVER_TOPOLOGY_ENABLED).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public bool RedundantServerTopologyEnabled { get; set; }
    /// <summary>options 0x800 (NTDSSETTINGS_OPT_W2K3_IGNORE_SCHEDULES).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public bool WindowsServer2003KCCIgnoreScheduleEnabled { get; set; }
    /// <summary>options 0x1000 (NTDSSETTINGS_OPT_W2K3_BRIDGES_REQUIRED).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] public bool WindowsServer2003KCCSiteLinkBridgingEnabled { get; set; }

    /// <summary>The site's inter-site topology generator (interSiteTopologyGenerator: a DC's NTDS Settings); $null clears it.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] [AllowNull] public ADDirectoryServer? InterSiteTopologyGenerator { get; set; }

    /// <summary>The site universal group caching refreshes from (msDS-Preferred-GC-Site); $null clears it.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] [AllowNull] public ADReplicationSite? UniversalGroupCachingRefreshSite { get; set; }

    /// <summary>The intra-site replication schedule (schedule), such as "Sun.1:00 AM-Sun.5:00 AM"; $null clears it.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)] [AllowNull] public ActiveDirectorySchedule? ReplicationSchedule { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        CurrentTarget = Name;
        if (Given(nameof(ProtectedFromAccidentalDeletion)))
            SiteWrites.RefuseProtection(ProtectedFromAccidentalDeletion);
        var given = (Instance?.NonDefault() ?? []).Where(c => !Given(c.Definition.Name))
            .Concat(SettingsGiven(SiteSettings.OnSite.Concat(SiteSettings.OnNtdsSiteSettings))).ToList();
        var changes = SiteWrites.Resolved(directory, given);
        var other = SiteWrites.Generic(directory, null, OtherAttributes, null, null);
        if (other.Any(o => o.Values.Any(v => v is byte[])))
            throw new DomainRuleException("-OtherAttributes takes text values here; set bytes with Set-ADReplicationSite -Replace.", isMalformedInput: true);
        var onSite = changes.Where(c => SiteSettings.OnSite.Contains(c.Definition))
            .Select(c => (c.Definition.Attribute, c.Definition.Syntax.Write(c.Definition.Name, c.Value)))
            .Concat(other.Select(o => (o.Attribute, (IReadOnlyList<string>)o.Values.Cast<string>().ToList())))
            .GroupBy(a => a.Item1, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.SelectMany(a => a.Item2).ToList())).ToList();
        var bits = changes.Where(c => c.Definition.Syntax is FlagBitSyntax).ToList();
        var options = bits.Aggregate(0L, (value, c) => ((FlagBitSyntax)c.Definition.Syntax).Apply(value, c.Definition.Name, c.Value));
        var onSettings = changes.Where(c => SiteSettings.OnNtdsSiteSettings.Contains(c.Definition) && c.Definition.Syntax is not FlagBitSyntax && c.Definition != SiteSettings.ReplicationSchedule)
            .Select(c => (c.Definition.Attribute, c.Definition.Syntax.Write(c.Definition.Name, c.Value))).ToList();
        if (options != 0)
            onSettings.Add((SiteSettings.Options, [options.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        var schedule = changes.FirstOrDefault(c => c.Definition == SiteSettings.ReplicationSchedule);
        schedule?.Definition.Syntax.Write(schedule.Definition.Name, schedule.Value);
        if (directory.ReadSites().FirstOrDefault(s => ObjectLookup.Same(s, Name)) is { } existing)
        {
            // A site is three entries: one left without its containers by an interrupted run is finished, not refused.
            var whole = directory.SiteIsComplete(existing);
            if (whole && !Resuming)
                throw new DomainRuleException($"The site '{existing}' already exists.");
            if (whole)
                SkipDone($"Site {existing}");
            else if (ShouldWrite($"Site \"{existing}\"", "finishing what an interrupted run left"))
                directory.AddSite(existing, finishing: true);
            WriteObject(ADReplicationSite.From(existing, directory.Partition));
            return;
        }
        if (!ShouldWrite($"Site \"{Name}\"", changes.Count == 0 ? null : Changes(changes)))
            return;
        if (onSite.Count == 0 && onSettings.Count == 0)
            Creating(() => { directory.AddSite(Name); return true; }, () => $"The site '{Name}' already exists.");
        else
            Creating(() => { directory.AddSite(Name, onSite, onSettings); return true; }, () => $"The site '{Name}' already exists.");
        if (schedule is not null && schedule.Value is not null)
            directory.ModifyEntry(directory.NtdsSiteSettingsDn(Name), [schedule], [], "schedule");
        WriteObject(changes.Count == 0 && other.Count == 0 ? ADReplicationSite.From(Name, directory.Partition) : SiteWrites.Read(directory, Name));
    }
}
