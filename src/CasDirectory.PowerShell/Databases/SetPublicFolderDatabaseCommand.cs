using System.Management.Automation;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Values;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Changes a public folder database's quotas, retention, schedules and the other settings Exchange keeps on the database object.</para>
/// <para type="description">Every setting given is written in one LDAP modify, in the attributes Exchange 2010 uses (docs/settings.md). A public folder database has no RpcClientAccessServer to set: Outlook reaches it on its own server.</para>
/// </summary>
/// <example>
/// <code>Set-PublicFolderDatabase PFDB01 -ProhibitPostQuota 5GB -IssueWarningQuota 4.5GB -MaxItemSize 20MB</code>
/// <para>Sets the posting quotas and the largest item of PFDB01 (Microsoft Learn, Set-PublicFolderDatabase, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Set-PublicFolderDatabase PFDB01 -ItemRetentionPeriod 365.00:00:00 -DeletedItemRetention 30.00:00:00</code>
/// <para>Keeps items a year and deleted items 30 days.</para>
/// </example>
/// <example>
/// <code>Set-PublicFolderDatabase -Identity 'PFDB01' -DeletedItemRetention '10.00:00:00'</code>
/// <para>Keeps the deleted items of PFDB01 10 days (Microsoft Learn, Set-PublicFolderDatabase, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Set-PublicFolderDatabase -RetainDeletedItemsUntilBackup $true -Identity 'PFDB01'</code>
/// <para>Keeps PFDB01's deleted items until the database has been backed up (Microsoft Learn, Set-PublicFolderDatabase, Exchange 2010 example 3, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "PublicFolderDatabase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetPublicFolderDatabaseCommand : CasDirectoryCmdlet
{
    /// <summary>The database: name, DN or GUID; or databases piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public DatabaseIdParameter Identity { get; set; } = null!;

    /// <summary>Whether a restore may overwrite the database (msExchPatchMDB).</summary>
    [Parameter] public bool AllowFileRestore { get; set; }

    /// <summary>Whether the store runs ESE's background maintenance on the database (default $true).</summary>
    [Parameter] public bool BackgroundDatabaseMaintenance { get; set; }

    /// <summary>Circular logging (msExchESEParamCircularLog).</summary>
    [Parameter] public bool CircularLoggingEnabled { get; set; }

    /// <summary>How long deleted items are kept, dd.hh:mm:ss up to 24855 days (garbageCollPeriod, seconds; default 14.00:00:00).</summary>
    [Parameter, ExchangeValue(typeof(EnhancedTimeSpan))] public EnhancedTimeSpan DeletedItemRetention { get; set; }

    /// <summary>How long events stay in the event history table, up to 30 days (default 7.00:00:00).</summary>
    [Parameter, ExchangeValue(typeof(EnhancedTimeSpan))] public EnhancedTimeSpan EventHistoryRetentionPeriod { get; set; }

    /// <summary>The size of a folder at which its owner is warned: 2GB, "500 MB" or Unlimited (mDBStorageQuota, KB).</summary>
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> IssueWarningQuota { get; set; }

    /// <summary>How long items are kept in the folders, or Unlimited (msExchOverallAgeLimit, seconds).</summary>
    [Parameter, ExchangeValue(typeof(Unlimited<EnhancedTimeSpan>))] public Unlimited<EnhancedTimeSpan> ItemRetentionPeriod { get; set; }

    /// <summary>When online maintenance runs: intervals such as "Sun.1:00 AM-Sun.5:00 AM" (activationSchedule).</summary>
    [Parameter, ExchangeValue(typeof(Schedule)), AllowNull] public Schedule? MaintenanceSchedule { get; set; }

    /// <summary>The largest item that can be posted, or Unlimited (msExchMaxItemSize, KB).</summary>
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> MaxItemSize { get; set; }

    /// <summary>Whether the store mounts the database when it starts (msExchEDBOffline, negated).</summary>
    [Parameter] public bool MountAtStartup { get; set; }

    /// <summary>The size of a folder at which posting stops (mDBOverHardQuotaLimit, KB).</summary>
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> ProhibitPostQuota { get; set; }

    /// <summary>When quota warnings are sent: intervals such as "Sun.1:00 AM-Sun.1:15 AM" (quotaNotificationSchedule).</summary>
    [Parameter, ExchangeValue(typeof(Schedule)), AllowNull] public Schedule? QuotaNotificationSchedule { get; set; }

    /// <summary>Keep deleted items until the database has been backed up (deletedItemFlags).</summary>
    [Parameter] public bool RetainDeletedItemsUntilBackup { get; set; }

    /// <summary>The largest replication message, 1 KB to 2 GB (msExchReplicationMsgSize, KB; default 300 KB).</summary>
    [Parameter, ExchangeValue(typeof(ByteQuantifiedSize))] public ByteQuantifiedSize ReplicationMessageSize { get; set; }

    /// <summary>Minutes between replication cycles when the schedule says Always, 1 to 10080 (default 15).</summary>
    [Parameter] public uint ReplicationPeriod { get; set; }

    /// <summary>When replication runs: intervals such as "Sun.1:00 AM-Sun.5:00 AM", or Always.</summary>
    [Parameter, ExchangeValue(typeof(Schedule)), AllowNull] public Schedule? ReplicationSchedule { get; set; }

    /// <summary>Refer public folder clients to the servers of -CustomReferralServerList rather than by site cost.</summary>
    [Parameter] public bool UseCustomReferralServerList { get; set; }

    /// <summary>The referral servers and their costs, "SERVER:cost" (cost 1 to 100); each server must exist.</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<string>))] public MultiValuedProperty<string>? CustomReferralServerList { get; set; }

    /// <summary>A new name for the database, unique in the organisation (its .edb file keeps its path, as in Exchange).</summary>
    [Parameter]
    [NameTransformation]
    [ValidateObjectName]
    public string? Name { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var database = ObjectLookup.Database(directory.ReadDatabases().Where(d => d.IsPublicFolderDatabase), Identity.RawIdentity, "public folder database");
        CurrentTarget = database.Name;
        var changes = SettingsGiven(DatabaseSettings.PublicFolder).ToList();
        foreach (var pair in CustomReferralServerList ?? MultiValuedProperty<string>.Empty)
            if (directory.ServerNamed(pair.Split(':')[0]) is null)
                throw new Core.ObjectNotFoundException("server", pair.Split(':')[0]);
        var rename = Name is not null && !Core.Identity.ObjectLookup.Same(Name, database.Name) ? Name : null;
        if (rename is not null && directory.DatabaseNamed(rename) is { } taken)
            throw new Core.DomainRuleException($"A database named '{taken.Name}' already exists. Database names are unique in the organisation.");
        if (changes.Count == 0 && rename is null)
            throw new Core.DomainRuleException("Give at least one setting to change, such as -ProhibitPostQuota or -MaxItemSize.", isMalformedInput: true);
        var detail = string.Join(", ", changes.Select(c => $"-{c.Definition.Name} {c.Value ?? "$null"}").Concat(rename is null ? [] : [$"-Name {rename}"]));
        if (ShouldWrite($"Public folder database \"{database.Name}\"", detail))
        {
            // The settings first, in one modify; the rename is a second operation (an LDAP modify cannot change the RDN).
            directory.WriteSettings(database.DistinguishedName, changes);
            if (rename is not null)
                directory.RenameDatabase(database, rename);
        }
    }
}
