using CasDirectory.Core.Databases;
using CasDirectory.Core.Settings;
using CasDirectory.Core.Values;

namespace CasDirectory.PowerShell.Objects;

/// <summary>
/// What Get-MailboxDatabase and Get-PublicFolderDatabase share, as Exchange's Database. RpcClientAccessServer is the
/// FQDN of the server or array the database's legacyExchangeDN names (D2); the settings are read from the attributes
/// Exchange keeps them in, with Exchange's defaults where unset (docs/settings.md).
/// </summary>
public abstract class Database
{
    private protected Database(Core.Databases.MailboxDatabase database, string? rpcClientAccessServer)
    {
        Stored = database;
        Name = database.Name;
        Server = database.ServerName is { } name ? new ADObjectId(name, "") : null;
        Servers = database.CopyServerNames.Select(n => new ADObjectId(n, "")).ToArray();
        RpcClientAccessServer = rpcClientAccessServer;
        MasterServerOrAvailabilityGroup = database.MasterServerOrAvailabilityGroup is { } m ? new ADObjectId(m, "") : null;
        EdbFilePath = database.EdbFilePath;
        LogFolderPath = database.LogFolderPath;
        ExchangeLegacyDN = database.LegacyExchangeDN;
        Identity = new ADObjectId(database.Name, database.DistinguishedName);
        DistinguishedName = database.DistinguishedName;
        Guid = ExchangeServer.ParseGuid(database.Guid);
    }

    /// <summary>The database as read, for the settings' values.</summary>
    private protected Core.Databases.MailboxDatabase Stored { get; }

    private protected T Setting<T>(SettingDefinition definition) => (T)Stored.Setting(definition)!;

    private protected ADObjectId? Reference(SettingDefinition definition) =>
        Stored.Setting(definition) is string dn ? new ADObjectId(Core.Naming.DistinguishedNames.FirstValue(dn), dn) : null;

    public string Name { get; }
    public ADObjectId? Server { get; }
    public ADObjectId[] Servers { get; }
    public string ReplicationType => Servers.Length > 1 ? "Remote" : "None";
    public string? RpcClientAccessServer { get; }
    public ADObjectId? MasterServerOrAvailabilityGroup { get; }
    public string? EdbFilePath { get; }
    public string? LogFolderPath { get; }
    public string? ExchangeLegacyDN { get; }
    public bool AllowFileRestore => Setting<bool>(DatabaseSettings.AllowFileRestore);
    public bool BackgroundDatabaseMaintenance => Setting<bool>(DatabaseSettings.BackgroundDatabaseMaintenance);
    public bool CircularLoggingEnabled => Setting<bool>(DatabaseSettings.CircularLoggingEnabled);
    public EnhancedTimeSpan DeletedItemRetention => Setting<EnhancedTimeSpan>(DatabaseSettings.DeletedItemRetention);
    public EnhancedTimeSpan EventHistoryRetentionPeriod => Setting<EnhancedTimeSpan>(DatabaseSettings.EventHistoryRetentionPeriod);
    public Unlimited<ByteQuantifiedSize> IssueWarningQuota => Setting<Unlimited<ByteQuantifiedSize>>(DatabaseSettings.IssueWarningQuota);
    public bool MountAtStartup => Setting<bool>(DatabaseSettings.MountAtStartup);
    public bool RetainDeletedItemsUntilBackup => Setting<bool>(DatabaseSettings.RetainDeletedItemsUntilBackup);
    public Schedule MaintenanceSchedule => Setting<Schedule>(DatabaseSettings.MaintenanceSchedule);
    public Schedule QuotaNotificationSchedule => Setting<Schedule>(DatabaseSettings.QuotaNotificationSchedule);
    /// <summary>Whether the database is mounted: the directory knows no store state, so this is null, as EMS shows without -Status.</summary>
    public bool? Mounted => null;
    public ADObjectId Identity { get; }
    public string DistinguishedName { get; }
    public Guid? Guid { get; }

    public static Database From(Core.Databases.MailboxDatabase database, string? rpcClientAccessServer) =>
        database.IsPublicFolderDatabase ? new PublicFolderDatabase(database, rpcClientAccessServer) : new MailboxDatabase(database, rpcClientAccessServer);
}

/// <summary>What Get-MailboxDatabase writes.</summary>
public sealed class MailboxDatabase : Database
{
    internal MailboxDatabase(Core.Databases.MailboxDatabase database, string? rpcClientAccessServer) : base(database, rpcClientAccessServer) { }

    public bool Recovery => Stored.Recovery;
    public Unlimited<ByteQuantifiedSize> ProhibitSendQuota => Setting<Unlimited<ByteQuantifiedSize>>(DatabaseSettings.ProhibitSendQuota);
    public Unlimited<ByteQuantifiedSize> ProhibitSendReceiveQuota => Setting<Unlimited<ByteQuantifiedSize>>(DatabaseSettings.ProhibitSendReceiveQuota);
    public Unlimited<ByteQuantifiedSize> RecoverableItemsQuota => Setting<Unlimited<ByteQuantifiedSize>>(DatabaseSettings.RecoverableItemsQuota);
    public Unlimited<ByteQuantifiedSize> RecoverableItemsWarningQuota => Setting<Unlimited<ByteQuantifiedSize>>(DatabaseSettings.RecoverableItemsWarningQuota);
    public EnhancedTimeSpan MailboxRetention => Setting<EnhancedTimeSpan>(DatabaseSettings.MailboxRetention);
    public bool IndexEnabled => Setting<bool>(DatabaseSettings.IndexEnabled);
    public bool IsExcludedFromProvisioning => Setting<bool>(DatabaseSettings.IsExcludedFromProvisioning);
    public bool IsSuspendedFromProvisioning => Setting<bool>(DatabaseSettings.IsSuspendedFromProvisioning);
    public DataMoveReplicationConstraintParameter DataMoveReplicationConstraint => Setting<DataMoveReplicationConstraintParameter>(DatabaseSettings.DataMoveReplicationConstraint);
    public ADObjectId? PublicFolderDatabase => Reference(DatabaseSettings.PublicFolderDatabase);
    public ADObjectId? OfflineAddressBook => Reference(DatabaseSettings.OfflineAddressBook);
    public ADObjectId? JournalRecipient => Reference(DatabaseSettings.JournalRecipient);
}

/// <summary>What Get-PublicFolderDatabase writes: Outlook reaches it on its own server, never through an array.</summary>
public sealed class PublicFolderDatabase : Database
{
    internal PublicFolderDatabase(Core.Databases.MailboxDatabase database, string? rpcClientAccessServer) : base(database, rpcClientAccessServer) { }

    public Unlimited<ByteQuantifiedSize> ProhibitPostQuota => Setting<Unlimited<ByteQuantifiedSize>>(DatabaseSettings.ProhibitPostQuota);
    public Unlimited<ByteQuantifiedSize> MaxItemSize => Setting<Unlimited<ByteQuantifiedSize>>(DatabaseSettings.MaxItemSize);
    public Unlimited<EnhancedTimeSpan> ItemRetentionPeriod => Setting<Unlimited<EnhancedTimeSpan>>(DatabaseSettings.ItemRetentionPeriod);
    public ByteQuantifiedSize ReplicationMessageSize => Setting<ByteQuantifiedSize>(DatabaseSettings.ReplicationMessageSize);
    public int ReplicationPeriod => Setting<int>(DatabaseSettings.ReplicationPeriod);
    public Schedule ReplicationSchedule => Setting<Schedule>(DatabaseSettings.ReplicationSchedule);
    public bool UseCustomReferralServerList => Setting<bool>(DatabaseSettings.UseCustomReferralServerList);
    public MultiValuedProperty<string> CustomReferralServerList => Setting<MultiValuedProperty<string>>(DatabaseSettings.CustomReferralServerList);
}
