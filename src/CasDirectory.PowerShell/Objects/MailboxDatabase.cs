using CasDirectory.Core.Databases;
using CasDirectory.Core.Values;

namespace CasDirectory.PowerShell.Objects;

/// <summary>
/// What Get-MailboxDatabase and Get-PublicFolderDatabase share, as Exchange's Database. RpcClientAccessServer is the
/// FQDN of the server or array the database's legacyExchangeDN names (D2); the settings are read from the attributes
/// Exchange keeps them in, with Exchange's defaults where unset (docs/settings.md).
/// </summary>
public abstract class Database
{
    public required string Name { get; init; }
    public ADObjectId? Server { get; init; }
    public ADObjectId[] Servers { get; init; } = [];
    public string ReplicationType => Servers.Length > 1 ? "Remote" : "None";
    public string? RpcClientAccessServer { get; init; }
    public ADObjectId? MasterServerOrAvailabilityGroup { get; init; }
    public string? EdbFilePath { get; init; }
    public string? LogFolderPath { get; init; }
    public string? ExchangeLegacyDN { get; init; }
    public bool AllowFileRestore { get; init; }
    public bool BackgroundDatabaseMaintenance { get; init; }
    public bool CircularLoggingEnabled { get; init; }
    public EnhancedTimeSpan DeletedItemRetention { get; init; }
    public EnhancedTimeSpan EventHistoryRetentionPeriod { get; init; }
    public Unlimited<ByteQuantifiedSize> IssueWarningQuota { get; init; }
    public bool MountAtStartup { get; init; }
    public bool RetainDeletedItemsUntilBackup { get; init; }
    public Schedule MaintenanceSchedule { get; init; } = Schedule.Never;
    public Schedule QuotaNotificationSchedule { get; init; } = Schedule.Never;
    /// <summary>Whether the database is mounted: the directory knows no store state, so this is null, as EMS shows without -Status.</summary>
    public bool? Mounted => null;
    public required ADObjectId Identity { get; init; }
    public required string DistinguishedName { get; init; }
    public Guid? Guid { get; init; }

    public static Database From(Core.Databases.MailboxDatabase database, string? rpcClientAccessServer)
    {
        var server = database.ServerName is { } name ? new ADObjectId(name, "") : null;
        var servers = database.CopyServerNames.Select(n => new ADObjectId(n, "")).ToArray();
        var master = database.MasterServerOrAvailabilityGroup is { } m ? new ADObjectId(m, "") : null;
        var identity = new ADObjectId(database.Name, database.DistinguishedName);
        var guid = ExchangeServer.ParseGuid(database.Guid);
        T Setting<T>(Core.Settings.SettingDefinition definition) => (T)database.Setting(definition)!;
        static ADObjectId? Reference(object? dn) => dn is string d ? new ADObjectId(Core.Naming.DistinguishedNames.FirstValue(d), d) : null;
        return database.IsPublicFolderDatabase
            ? new PublicFolderDatabase
            {
                Name = database.Name, Server = server, Servers = servers, RpcClientAccessServer = rpcClientAccessServer, MasterServerOrAvailabilityGroup = master,
                EdbFilePath = database.EdbFilePath, LogFolderPath = database.LogFolderPath, ExchangeLegacyDN = database.LegacyExchangeDN,
                Identity = identity, DistinguishedName = database.DistinguishedName, Guid = guid,
                AllowFileRestore = Setting<bool>(DatabaseSettings.AllowFileRestore), CircularLoggingEnabled = Setting<bool>(DatabaseSettings.CircularLoggingEnabled),
                DeletedItemRetention = Setting<EnhancedTimeSpan>(DatabaseSettings.DeletedItemRetention),
                EventHistoryRetentionPeriod = Setting<EnhancedTimeSpan>(DatabaseSettings.EventHistoryRetentionPeriod),
                IssueWarningQuota = Setting<Unlimited<ByteQuantifiedSize>>(DatabaseSettings.IssueWarningQuota), MountAtStartup = Setting<bool>(DatabaseSettings.MountAtStartup),
                RetainDeletedItemsUntilBackup = Setting<bool>(DatabaseSettings.RetainDeletedItemsUntilBackup),
                MaintenanceSchedule = Setting<Schedule>(DatabaseSettings.MaintenanceSchedule), QuotaNotificationSchedule = Setting<Schedule>(DatabaseSettings.QuotaNotificationSchedule),
                ProhibitPostQuota = Setting<Unlimited<ByteQuantifiedSize>>(DatabaseSettings.ProhibitPostQuota),
                MaxItemSize = Setting<Unlimited<ByteQuantifiedSize>>(DatabaseSettings.MaxItemSize),
                ItemRetentionPeriod = Setting<Unlimited<EnhancedTimeSpan>>(DatabaseSettings.ItemRetentionPeriod),
                BackgroundDatabaseMaintenance = Setting<bool>(DatabaseSettings.BackgroundDatabaseMaintenance),
                ReplicationMessageSize = Setting<ByteQuantifiedSize>(DatabaseSettings.ReplicationMessageSize),
                ReplicationPeriod = Setting<int>(DatabaseSettings.ReplicationPeriod),
                ReplicationSchedule = Setting<Schedule>(DatabaseSettings.ReplicationSchedule),
                UseCustomReferralServerList = Setting<bool>(DatabaseSettings.UseCustomReferralServerList),
                CustomReferralServerList = Setting<MultiValuedProperty<string>>(DatabaseSettings.CustomReferralServerList),
            }
            : new MailboxDatabase
            {
                Name = database.Name, Server = server, Servers = servers, Recovery = database.Recovery, RpcClientAccessServer = rpcClientAccessServer,
                MasterServerOrAvailabilityGroup = master, EdbFilePath = database.EdbFilePath, LogFolderPath = database.LogFolderPath,
                ExchangeLegacyDN = database.LegacyExchangeDN, Identity = identity, DistinguishedName = database.DistinguishedName, Guid = guid,
                AllowFileRestore = Setting<bool>(DatabaseSettings.AllowFileRestore), CircularLoggingEnabled = Setting<bool>(DatabaseSettings.CircularLoggingEnabled),
                DeletedItemRetention = Setting<EnhancedTimeSpan>(DatabaseSettings.DeletedItemRetention),
                EventHistoryRetentionPeriod = Setting<EnhancedTimeSpan>(DatabaseSettings.EventHistoryRetentionPeriod),
                IssueWarningQuota = Setting<Unlimited<ByteQuantifiedSize>>(DatabaseSettings.IssueWarningQuota), MountAtStartup = Setting<bool>(DatabaseSettings.MountAtStartup),
                RetainDeletedItemsUntilBackup = Setting<bool>(DatabaseSettings.RetainDeletedItemsUntilBackup),
                MaintenanceSchedule = Setting<Schedule>(DatabaseSettings.MaintenanceSchedule), QuotaNotificationSchedule = Setting<Schedule>(DatabaseSettings.QuotaNotificationSchedule),
                ProhibitSendQuota = Setting<Unlimited<ByteQuantifiedSize>>(DatabaseSettings.ProhibitSendQuota),
                ProhibitSendReceiveQuota = Setting<Unlimited<ByteQuantifiedSize>>(DatabaseSettings.ProhibitSendReceiveQuota),
                RecoverableItemsQuota = Setting<Unlimited<ByteQuantifiedSize>>(DatabaseSettings.RecoverableItemsQuota),
                RecoverableItemsWarningQuota = Setting<Unlimited<ByteQuantifiedSize>>(DatabaseSettings.RecoverableItemsWarningQuota),
                MailboxRetention = Setting<EnhancedTimeSpan>(DatabaseSettings.MailboxRetention),
                BackgroundDatabaseMaintenance = Setting<bool>(DatabaseSettings.BackgroundDatabaseMaintenance),
                IndexEnabled = Setting<bool>(DatabaseSettings.IndexEnabled),
                IsExcludedFromProvisioning = Setting<bool>(DatabaseSettings.IsExcludedFromProvisioning),
                IsSuspendedFromProvisioning = Setting<bool>(DatabaseSettings.IsSuspendedFromProvisioning),
                DataMoveReplicationConstraint = Setting<DataMoveReplicationConstraintParameter>(DatabaseSettings.DataMoveReplicationConstraint),
                PublicFolderDatabase = Reference(database.Setting(DatabaseSettings.PublicFolderDatabase)),
                OfflineAddressBook = Reference(database.Setting(DatabaseSettings.OfflineAddressBook)),
                JournalRecipient = Reference(database.Setting(DatabaseSettings.JournalRecipient)),
            };
    }
}

/// <summary>What Get-MailboxDatabase writes.</summary>
public sealed class MailboxDatabase : Database
{
    public bool Recovery { get; init; }
    public Unlimited<ByteQuantifiedSize> ProhibitSendQuota { get; init; }
    public Unlimited<ByteQuantifiedSize> ProhibitSendReceiveQuota { get; init; }
    public Unlimited<ByteQuantifiedSize> RecoverableItemsQuota { get; init; }
    public Unlimited<ByteQuantifiedSize> RecoverableItemsWarningQuota { get; init; }
    public EnhancedTimeSpan MailboxRetention { get; init; }
    public bool IndexEnabled { get; init; }
    public bool IsExcludedFromProvisioning { get; init; }
    public bool IsSuspendedFromProvisioning { get; init; }
    public DataMoveReplicationConstraintParameter DataMoveReplicationConstraint { get; init; }
    public ADObjectId? PublicFolderDatabase { get; init; }
    public ADObjectId? OfflineAddressBook { get; init; }
    public ADObjectId? JournalRecipient { get; init; }
}

/// <summary>What Get-PublicFolderDatabase writes: Outlook reaches it on its own server, never through an array.</summary>
public sealed class PublicFolderDatabase : Database
{
    public Unlimited<ByteQuantifiedSize> ProhibitPostQuota { get; init; }
    public Unlimited<ByteQuantifiedSize> MaxItemSize { get; init; }
    public Unlimited<EnhancedTimeSpan> ItemRetentionPeriod { get; init; }
    public ByteQuantifiedSize ReplicationMessageSize { get; init; }
    public int ReplicationPeriod { get; init; }
    public Schedule ReplicationSchedule { get; init; } = Schedule.Never;
    public bool UseCustomReferralServerList { get; init; }
    public MultiValuedProperty<string> CustomReferralServerList { get; init; } = MultiValuedProperty<string>.Empty;
}
