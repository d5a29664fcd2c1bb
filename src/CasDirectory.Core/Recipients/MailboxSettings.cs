using System.Globalization;
using CasDirectory.Core.Settings;

namespace CasDirectory.Core.Recipients;

/// <summary>
/// The properties of a mailbox that Set-Mailbox (and New-Mailbox where it takes them) writes, each in the attribute
/// Exchange 2010 keeps it in on the user, with Exchange's default when unset and its range (docs/settings.md,
/// "Mailboxes"). Sizes are kilobytes and periods seconds, as in AD; quotas apply only while UseDatabaseQuotaDefaults
/// is $false, as in Exchange.
/// </summary>
public static class MailboxSettings
{
    private static readonly TimeSpan MaximumRetention = TimeSpan.FromDays(24855);

    public static readonly SettingDefinition UseDatabaseQuotaDefaults = new("UseDatabaseQuotaDefaults", "mDBUseDefaults", new BooleanSyntax(Unset: true));
    public static readonly SettingDefinition IssueWarningQuota = new("IssueWarningQuota", "mDBStorageQuota", new QuotaSyntax());
    public static readonly SettingDefinition ProhibitSendQuota = new("ProhibitSendQuota", "mDBOverQuotaLimit", new QuotaSyntax());
    public static readonly SettingDefinition ProhibitSendReceiveQuota = new("ProhibitSendReceiveQuota", "mDBOverHardQuotaLimit", new QuotaSyntax());
    public static readonly SettingDefinition HiddenFromAddressListsEnabled = new("HiddenFromAddressListsEnabled", "msExchHideFromAddressLists", new BooleanSyntax());

    public static readonly IReadOnlyList<SettingDefinition> CustomAttributes =
        Enumerable.Range(1, 15).Select(i => new SettingDefinition($"CustomAttribute{i}", $"extensionAttribute{i}", new TextSyntax(1024))).ToList();
    public static readonly IReadOnlyList<SettingDefinition> ExtensionCustomAttributes =
        Enumerable.Range(1, 5).Select(i => new SettingDefinition($"ExtensionCustomAttribute{i}", $"msExchExtensionCustomAttribute{i}", new MultiTextSyntax(2048))).ToList();

    public static readonly SettingDefinition Office = new("Office", "physicalDeliveryOfficeName", new TextSyntax(128));
    public static readonly SettingDefinition Phone = new("Phone", "telephoneNumber", new TextSyntax(64));
    public static readonly SettingDefinition SimpleDisplayName = new("SimpleDisplayName", "displayNamePrintable", new TextSyntax(256));

    /// <summary>Message size limits: KB, Unlimited when unset; Exchange 2010 takes up to 2 GB - 1 KB.</summary>
    public static readonly SettingDefinition MaxSendSize = new("MaxSendSize", "submissionContLength", new QuotaSyntax(2097151));
    public static readonly SettingDefinition MaxReceiveSize = new("MaxReceiveSize", "delivContLength", new QuotaSyntax(2097151));
    public static readonly SettingDefinition RecipientLimits = new("RecipientLimits", "msExchRecipLimit", new UnlimitedIntegerSyntax(0, int.MaxValue));

    public static readonly SettingDefinition DeliverToMailboxAndForward = new("DeliverToMailboxAndForward", "deliverAndRedirect", new BooleanSyntax());
    public static readonly SettingDefinition ForwardingAddress = new("ForwardingAddress", "altRecipient", new ReferenceSyntax());
    public static readonly SettingDefinition ForwardingSmtpAddress = new("ForwardingSmtpAddress", "msExchGenericForwardingAddress", new TextSyntax(1123));
    public static readonly SettingDefinition GrantSendOnBehalfTo = new("GrantSendOnBehalfTo", "publicDelegates", new ReferenceListSyntax());

    public static readonly SettingDefinition AcceptMessagesOnlyFrom = new("AcceptMessagesOnlyFrom", "authOrig", new ReferenceListSyntax());
    public static readonly SettingDefinition AcceptMessagesOnlyFromDLMembers = new("AcceptMessagesOnlyFromDLMembers", "dLMemSubmitPerms", new ReferenceListSyntax());
    public static readonly SettingDefinition RejectMessagesFrom = new("RejectMessagesFrom", "unauthOrig", new ReferenceListSyntax());
    public static readonly SettingDefinition RejectMessagesFromDLMembers = new("RejectMessagesFromDLMembers", "dLMemRejectPerms", new ReferenceListSyntax());
    public static readonly SettingDefinition BypassModerationFrom = new("BypassModerationFrom", "msExchBypassModerationLink", new ReferenceListSyntax());
    public static readonly SettingDefinition BypassModerationFromDLMembers = new("BypassModerationFromDLMembers", "msExchBypassModerationFromDLMembersLink", new ReferenceListSyntax());
    public static readonly SettingDefinition ModeratedBy = new("ModeratedBy", "msExchModeratedByLink", new ReferenceListSyntax());
    public static readonly SettingDefinition ModerationEnabled = new("ModerationEnabled", "msExchEnableModeration", new BooleanSyntax());
    public static readonly SettingDefinition SendModerationNotifications = new("SendModerationNotifications", "msExchModerationFlags", new ModerationNotificationSyntax());
    public static readonly SettingDefinition ArbitrationMailbox = new("ArbitrationMailbox", "msExchArbitrationMailbox", new ReferenceSyntax());
    public static readonly SettingDefinition RequireSenderAuthenticationEnabled = new("RequireSenderAuthenticationEnabled", "msExchRequireAuthToSendTo", new BooleanSyntax());

    /// <summary>Deleted-item retention: garbageCollPeriod in seconds (14 days unset), deletedItemFlags bit 1 = not the database's defaults, bit 2 = until backup.</summary>
    public static readonly SettingDefinition RetainDeletedItemsFor = new("RetainDeletedItemsFor", "garbageCollPeriod", new SecondsSyntax(MaximumRetention, TimeSpan.FromDays(14)));
    public static readonly SettingDefinition UseDatabaseRetentionDefaults = new("UseDatabaseRetentionDefaults", "deletedItemFlags", new FlagBitSyntax(1, SetMeansTrue: false));
    public static readonly SettingDefinition RetainDeletedItemsUntilBackup = new("RetainDeletedItemsUntilBackup", "deletedItemFlags", new FlagBitSyntax(2));
    public static readonly SettingDefinition RecoverableItemsQuota = new("RecoverableItemsQuota", "msExchDumpsterQuota", new QuotaSyntax());
    public static readonly SettingDefinition RecoverableItemsWarningQuota = new("RecoverableItemsWarningQuota", "msExchDumpsterWarningQuota", new QuotaSyntax());
    public static readonly SettingDefinition RulesQuota = new("RulesQuota", "msExchMDBRulesQuota", new SizeSyntax(32, 256, 64));

    /// <summary>Holds and recovery: bits of msExchELCMailboxFlags (ExpirationSuspended 1, DisableCalendarLogging 4, LitigationHold 8, SingleItemRecovery 16).</summary>
    public static readonly SettingDefinition RetentionHoldEnabled = new("RetentionHoldEnabled", "msExchELCMailboxFlags", new FlagBitSyntax(1));
    public static readonly SettingDefinition CalendarVersionStoreDisabled = new("CalendarVersionStoreDisabled", "msExchELCMailboxFlags", new FlagBitSyntax(4));
    public static readonly SettingDefinition LitigationHoldEnabled = new("LitigationHoldEnabled", "msExchELCMailboxFlags", new FlagBitSyntax(8));
    public static readonly SettingDefinition SingleItemRecoveryEnabled = new("SingleItemRecoveryEnabled", "msExchELCMailboxFlags", new FlagBitSyntax(16));
    public static readonly SettingDefinition LitigationHoldDate = new("LitigationHoldDate", "msExchLitigationHoldDate", new GeneralizedTimeSyntax());
    public static readonly SettingDefinition LitigationHoldOwner = new("LitigationHoldOwner", "msExchLitigationHoldOwner", new TextSyntax(1024));
    public static readonly SettingDefinition StartDateForRetentionHold = new("StartDateForRetentionHold", "msExchElcExpirySuspensionStart", new GeneralizedTimeSyntax());
    public static readonly SettingDefinition EndDateForRetentionHold = new("EndDateForRetentionHold", "msExchElcExpirySuspensionEnd", new GeneralizedTimeSyntax());
    public static readonly SettingDefinition RetentionComment = new("RetentionComment", "msExchRetentionComment", new TextSyntax(1024));
    public static readonly SettingDefinition RetentionUrl = new("RetentionUrl", "msExchRetentionURL", new TextSyntax(2048));

    public static readonly SettingDefinition AuditEnabled = new("AuditEnabled", "msExchMailboxAuditEnable", new BooleanSyntax());
    public static readonly SettingDefinition AuditLogAgeLimit = new("AuditLogAgeLimit", "msExchMailboxAuditLogAgeLimit", new SecondsSyntax(MaximumRetention, TimeSpan.FromDays(90)));
    public static readonly SettingDefinition AuditAdmin = new("AuditAdmin", "msExchAuditAdmin", new FlagsSyntax<MailboxAuditOperations>(
        MailboxAuditOperations.Update | MailboxAuditOperations.Move | MailboxAuditOperations.MoveToDeletedItems | MailboxAuditOperations.SoftDelete |
        MailboxAuditOperations.HardDelete | MailboxAuditOperations.FolderBind | MailboxAuditOperations.SendAs | MailboxAuditOperations.SendOnBehalf));
    public static readonly SettingDefinition AuditDelegate = new("AuditDelegate", "msExchAuditDelegate", new FlagsSyntax<MailboxAuditOperations>(
        MailboxAuditOperations.Update | MailboxAuditOperations.SoftDelete | MailboxAuditOperations.HardDelete | MailboxAuditOperations.SendAs));
    public static readonly SettingDefinition AuditOwner = new("AuditOwner", "msExchAuditOwner", new FlagsSyntax<MailboxAuditOperations>(MailboxAuditOperations.None));

    public static readonly SettingDefinition Languages = new("Languages", "msExchUserCulture", new CultureListSyntax());
    public static readonly SettingDefinition MaxSafeSenders = new("MaxSafeSenders", "msExchMaxSafeSenders", new IntegerSyntax(0, int.MaxValue));
    public static readonly SettingDefinition MaxBlockedSenders = new("MaxBlockedSenders", "msExchMaxBlockedSenders", new IntegerSyntax(0, int.MaxValue));
    public static readonly SettingDefinition ResourceCapacity = new("ResourceCapacity", "msExchResourceCapacity", new IntegerSyntax(0, int.MaxValue));
    public static readonly SettingDefinition ExternalOofOptions = new("ExternalOofOptions", "msExchExternalOOFOptions", new EnumSyntax<ExternalOofOptions>(Recipients.ExternalOofOptions.External));
    public static readonly SettingDefinition CalendarRepairDisabled = new("CalendarRepairDisabled", "msExchCalendarRepairDisabled", new BooleanSyntax());
    public static readonly SettingDefinition EmailAddressPolicyEnabled = new("EmailAddressPolicyEnabled", "msExchPoliciesExcluded", new EmailAddressPolicySyntax());
    public static readonly SettingDefinition ResetPasswordOnNextLogon = new("ResetPasswordOnNextLogon", "pwdLastSet", new PasswordResetSyntax());
    public static readonly SettingDefinition UMDtmfMap = new("UMDtmfMap", "msExchUMDtmfMap", new MultiTextSyntax(256));
    public static readonly SettingDefinition OfflineAddressBook = new("OfflineAddressBook", "msExchUseOAB", new ReferenceSyntax());

    /// <summary>Content filtering: msExchMessageHygieneFlags bit 1 bypasses it; each SCL threshold 0–9 in its own attribute, each action switched on by a bit of casdirMessageHygieneSCLEnabled.</summary>
    public static readonly SettingDefinition AntispamBypassEnabled = new("AntispamBypassEnabled", "msExchMessageHygieneFlags", new FlagBitSyntax(1));
    public static readonly SettingDefinition SCLDeleteThreshold = new("SCLDeleteThreshold", "msExchMessageHygieneSCLDeleteThreshold", new IntegerSyntax(0, 9));
    public static readonly SettingDefinition SCLJunkThreshold = new("SCLJunkThreshold", "msExchMessageHygieneSCLJunkThreshold", new IntegerSyntax(0, 9));
    public static readonly SettingDefinition SCLQuarantineThreshold = new("SCLQuarantineThreshold", "msExchMessageHygieneSCLQuarantineThreshold", new IntegerSyntax(0, 9));
    public static readonly SettingDefinition SCLRejectThreshold = new("SCLRejectThreshold", "msExchMessageHygieneSCLRejectThreshold", new IntegerSyntax(0, 9));
    public static readonly SettingDefinition SCLDeleteEnabled = new("SCLDeleteEnabled", "casdirMessageHygieneSCLEnabled", new FlagBitSyntax(1));
    public static readonly SettingDefinition SCLJunkEnabled = new("SCLJunkEnabled", "casdirMessageHygieneSCLEnabled", new FlagBitSyntax(2));
    public static readonly SettingDefinition SCLQuarantineEnabled = new("SCLQuarantineEnabled", "casdirMessageHygieneSCLEnabled", new FlagBitSyntax(4));
    public static readonly SettingDefinition SCLRejectEnabled = new("SCLRejectEnabled", "casdirMessageHygieneSCLEnabled", new FlagBitSyntax(8));
    /// <summary>Transport behaviours whose Exchange attribute is not public: bits of casdirRecipientFlags.</summary>
    public static readonly SettingDefinition DowngradeHighPriorityMessagesEnabled = new("DowngradeHighPriorityMessagesEnabled", "casdirRecipientFlags", new FlagBitSyntax(1));
    public static readonly SettingDefinition MessageTrackingReadStatusEnabled = new("MessageTrackingReadStatusEnabled", "casdirRecipientFlags", new FlagBitSyntax(2, SetMeansTrue: false));

    /// <summary>The archive (Exchange 2010 SP1): its database, GUID, name, quotas and status.</summary>
    public static readonly SettingDefinition ArchiveDatabase = new("ArchiveDatabase", "msExchArchiveDatabaseLink", new ReferenceSyntax());
    public static readonly SettingDefinition ArchiveName = new("ArchiveName", "msExchArchiveName", new MultiTextSyntax(512));
    public static readonly SettingDefinition ArchiveQuota = new("ArchiveQuota", "msExchArchiveQuota", new QuotaSyntax());
    public static readonly SettingDefinition ArchiveWarningQuota = new("ArchiveWarningQuota", "msExchArchiveWarnQuota", new QuotaSyntax());
    public static readonly SettingDefinition ArchiveStatus = new("ArchiveStatus", "msExchArchiveStatus", new EnumSyntax<ArchiveStatusFlags>(ArchiveStatusFlags.None));

    /// <summary>What Set-Mailbox writes through its parameters of the same name (references already resolved to DNs).</summary>
    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        UseDatabaseQuotaDefaults, IssueWarningQuota, ProhibitSendQuota, ProhibitSendReceiveQuota, HiddenFromAddressListsEnabled,
        .. CustomAttributes, .. ExtensionCustomAttributes, Office, SimpleDisplayName, MaxSendSize, MaxReceiveSize, RecipientLimits,
        DeliverToMailboxAndForward, ForwardingAddress, ForwardingSmtpAddress, GrantSendOnBehalfTo,
        AcceptMessagesOnlyFrom, AcceptMessagesOnlyFromDLMembers, RejectMessagesFrom, RejectMessagesFromDLMembers,
        ModeratedBy, ModerationEnabled, SendModerationNotifications, ArbitrationMailbox, RequireSenderAuthenticationEnabled,
        RetainDeletedItemsFor, UseDatabaseRetentionDefaults, RetainDeletedItemsUntilBackup, RecoverableItemsQuota, RecoverableItemsWarningQuota, RulesQuota,
        RetentionHoldEnabled, CalendarVersionStoreDisabled, LitigationHoldEnabled, SingleItemRecoveryEnabled, LitigationHoldDate, LitigationHoldOwner,
        StartDateForRetentionHold, EndDateForRetentionHold, RetentionComment, RetentionUrl,
        AuditEnabled, AuditLogAgeLimit, AuditAdmin, AuditDelegate, AuditOwner, Languages, MaxSafeSenders, MaxBlockedSenders, ResourceCapacity,
        ExternalOofOptions, CalendarRepairDisabled, EmailAddressPolicyEnabled, ResetPasswordOnNextLogon, UMDtmfMap, OfflineAddressBook,
        AntispamBypassEnabled, SCLDeleteThreshold, SCLJunkThreshold, SCLQuarantineThreshold, SCLRejectThreshold,
        SCLDeleteEnabled, SCLJunkEnabled, SCLQuarantineEnabled, SCLRejectEnabled, DowngradeHighPriorityMessagesEnabled, MessageTrackingReadStatusEnabled,
        ArchiveDatabase, ArchiveName, ArchiveQuota, ArchiveWarningQuota, ArchiveStatus,
    ];

    /// <summary>Attributes kept on a mailbox user besides the settings: MailTip translations, the linked master account, the archive's GUID, creation time, account state.</summary>
    public static IReadOnlyList<string> OtherAttributes { get; } =
    [
        "msExchSenderHintTranslations", "msExchMasterAccountSid", "msExchArchiveGUID", "msExchWhenMailboxCreated", "msExchUserAccountControl",
        "userAccountControl", "msExchBypassModerationLink", "msExchBypassModerationFromDLMembersLink", "msExchMailboxMoveRemoteHostName", "msExchRecipientDisplayType", "msExchVersion",
    ];

    /// <summary>Every attribute a mailbox read fetches for them.</summary>
    public static IReadOnlyList<string> Attributes { get; } =
        All.Select(d => d.Attribute).Append(Phone.Attribute).Concat(OtherAttributes).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The attribute values a new mailbox starts with for the settings given (flag bits from 0), for New-Mailbox's one add.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> InitialValues(IEnumerable<SettingChange> changes)
    {
        var list = changes.ToList();
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var change in list.Where(c => c.Definition.Syntax is not FlagBitSyntax))
            if (change.Definition.Syntax.Write(change.Definition.Name, change.Value) is { Count: > 0 } written)
                values[change.Definition.Attribute] = written;
        foreach (var group in list.Where(c => c.Definition.Syntax is FlagBitSyntax).GroupBy(c => c.Definition.Attribute, StringComparer.OrdinalIgnoreCase))
            values[group.Key] = [group.Aggregate(0L, (bits, c) => ((FlagBitSyntax)c.Definition.Syntax).Apply(bits, c.Definition.Name, c.Value)).ToString(CultureInfo.InvariantCulture)];
        return values;
    }
}
