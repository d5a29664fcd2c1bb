using CasDirectory.Core.Settings;

namespace CasDirectory.Core.Databases;

/// <summary>
/// The properties of mailbox and public folder databases that Set-MailboxDatabase and Set-PublicFolderDatabase
/// write, each in the attribute Exchange 2010 keeps it in, with Exchange's default when unset and its range
/// (docs/settings.md). Quotas are kilobytes in AD; retention periods are seconds.
/// </summary>
public static class DatabaseSettings
{
    private static readonly TimeSpan MaximumRetention = TimeSpan.FromDays(24855);

    public static readonly SettingDefinition AllowFileRestore = new("AllowFileRestore", "msExchPatchMDB", new BooleanSyntax());
    public static readonly SettingDefinition BackgroundDatabaseMaintenance = new("BackgroundDatabaseMaintenance", "msExchESEParamBackgroundDatabaseMaintenance", new BooleanSyntax(Unset: true));
    public static readonly SettingDefinition CircularLoggingEnabled = new("CircularLoggingEnabled", "msExchESEParamCircularLog", new IntegerBooleanSyntax());
    public static readonly SettingDefinition DataMoveReplicationConstraint = new("DataMoveReplicationConstraint", "msExchDataMoveReplicationConstraint", new EnumSyntax<DataMoveReplicationConstraintParameter>(DataMoveReplicationConstraintParameter.None));
    public static readonly SettingDefinition DeletedItemRetention = new("DeletedItemRetention", "garbageCollPeriod", new SecondsSyntax(MaximumRetention, TimeSpan.FromDays(14)));
    public static readonly SettingDefinition EventHistoryRetentionPeriod = new("EventHistoryRetentionPeriod", "msExchEventHistoryRetentionPeriod", new SecondsSyntax(TimeSpan.FromDays(30), TimeSpan.FromDays(7)));
    public static readonly SettingDefinition IndexEnabled = new("IndexEnabled", "msExchCIAvailable", new BooleanSyntax(Unset: true));
    public static readonly SettingDefinition IsExcludedFromProvisioning = new("IsExcludedFromProvisioning", "msExchProvisioningFlags", new FlagBitSyntax(1));
    public static readonly SettingDefinition IsSuspendedFromProvisioning = new("IsSuspendedFromProvisioning", "msExchProvisioningFlags", new FlagBitSyntax(2));
    public static readonly SettingDefinition IssueWarningQuota = new("IssueWarningQuota", "mDBStorageQuota", new QuotaSyntax());
    public static readonly SettingDefinition ProhibitSendQuota = new("ProhibitSendQuota", "mDBOverQuotaLimit", new QuotaSyntax());
    public static readonly SettingDefinition ProhibitSendReceiveQuota = new("ProhibitSendReceiveQuota", "mDBOverHardQuotaLimit", new QuotaSyntax());
    public static readonly SettingDefinition ProhibitPostQuota = new("ProhibitPostQuota", "mDBOverHardQuotaLimit", new QuotaSyntax());
    public static readonly SettingDefinition RecoverableItemsQuota = new("RecoverableItemsQuota", "msExchRecoverableItemsQuota", new QuotaSyntax());
    public static readonly SettingDefinition RecoverableItemsWarningQuota = new("RecoverableItemsWarningQuota", "msExchRecoverableItemsWarningQuota", new QuotaSyntax());
    public static readonly SettingDefinition MailboxRetention = new("MailboxRetention", "msExchMailboxRetentionPeriod", new SecondsSyntax(MaximumRetention, TimeSpan.FromDays(30)));
    public static readonly SettingDefinition MountAtStartup = new("MountAtStartup", "msExchEDBOffline", new NegatedBooleanSyntax());
    public static readonly SettingDefinition RetainDeletedItemsUntilBackup = new("RetainDeletedItemsUntilBackup", "deletedItemFlags", new IntegerBooleanSyntax());
    public static readonly SettingDefinition PublicFolderDatabase = new("PublicFolderDatabase", "msExchHomePublicMDB", new ReferenceSyntax());
    public static readonly SettingDefinition OfflineAddressBook = new("OfflineAddressBook", "msExchUseOAB", new ReferenceSyntax());
    public static readonly SettingDefinition JournalRecipient = new("JournalRecipient", "msExchMessageJournalRecipient", new ReferenceSyntax());
    public static readonly SettingDefinition MaintenanceSchedule = new("MaintenanceSchedule", "activationSchedule", new ScheduleSyntax());
    public static readonly SettingDefinition QuotaNotificationSchedule = new("QuotaNotificationSchedule", "quotaNotificationSchedule", new ScheduleSyntax());
    public static readonly SettingDefinition ItemRetentionPeriod = new("ItemRetentionPeriod", "msExchOverallAgeLimit", new UnlimitedSecondsSyntax(MaximumRetention));
    public static readonly SettingDefinition MaxItemSize = new("MaxItemSize", "msExchMaxItemSize", new QuotaSyntax());

    public static readonly SettingDefinition ReplicationMessageSize = new("ReplicationMessageSize", "msExchReplicationMsgSize", new SizeSyntax(1, 2097151, 300));
    public static readonly SettingDefinition ReplicationPeriod = new("ReplicationPeriod", "msExchPFReplicationPeriod", new IntegerSyntax(1, 10080, Unset: 15));
    public static readonly SettingDefinition ReplicationSchedule = new("ReplicationSchedule", "msExchPFReplicationSchedule", new ScheduleSyntax(UnsetIsAlways: true));
    public static readonly SettingDefinition UseCustomReferralServerList = new("UseCustomReferralServerList", "msExchUseCustomReferralServerList", new BooleanSyntax());
    public static readonly SettingDefinition CustomReferralServerList = new("CustomReferralServerList", "msExchPFReferralServerList", new ServerCostListSyntax());

    /// <summary>What Set-MailboxDatabase writes (besides Name and RpcClientAccessServer).</summary>
    public static IReadOnlyList<SettingDefinition> Mailbox { get; } =
    [
        AllowFileRestore, BackgroundDatabaseMaintenance, CircularLoggingEnabled, DataMoveReplicationConstraint, DeletedItemRetention,
        EventHistoryRetentionPeriod, IndexEnabled, IsExcludedFromProvisioning, IsSuspendedFromProvisioning, IssueWarningQuota,
        ProhibitSendQuota, ProhibitSendReceiveQuota, RecoverableItemsQuota, RecoverableItemsWarningQuota, MailboxRetention,
        MountAtStartup, RetainDeletedItemsUntilBackup, PublicFolderDatabase, OfflineAddressBook, JournalRecipient,
        MaintenanceSchedule, QuotaNotificationSchedule,
    ];

    /// <summary>What Set-PublicFolderDatabase writes (besides Name).</summary>
    public static IReadOnlyList<SettingDefinition> PublicFolder { get; } =
    [
        AllowFileRestore, BackgroundDatabaseMaintenance, CircularLoggingEnabled, DeletedItemRetention, EventHistoryRetentionPeriod, IssueWarningQuota, ProhibitPostQuota,
        MountAtStartup, RetainDeletedItemsUntilBackup, MaintenanceSchedule, QuotaNotificationSchedule, ItemRetentionPeriod, MaxItemSize,
        ReplicationMessageSize, ReplicationPeriod, ReplicationSchedule, UseCustomReferralServerList, CustomReferralServerList,
    ];

    /// <summary>Every attribute a database read fetches for them.</summary>
    public static IReadOnlyList<string> Attributes { get; } = Mailbox.Concat(PublicFolder).Select(d => d.Attribute).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
}

/// <summary>Where a mailbox move (and so a database's data) must be replicated first (Set-MailboxDatabase -DataMoveReplicationConstraint).</summary>
public enum DataMoveReplicationConstraintParameter
{
    None = 0,
    SecondCopy = 1,
    SecondDatacenter = 2,
    AllDatacenters = 3,
    AllCopies = 4,
}
