using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;
using CasDirectory.Core.Values;

namespace CasDirectory.PowerShell.Objects;

/// <summary>
/// What Get-Mailbox writes, with the names and value types of Exchange 2010's Mailbox: the directory's view of the user and
/// its mailbox. Identity is the user's canonical name (lab.local/Users/John Doe), as EMS shows it.
/// </summary>
public sealed class Mailbox
{
    private readonly Core.Recipients.Mailbox _stored;

    private Mailbox(Core.Recipients.Mailbox mailbox, string? databaseName)
    {
        _stored = mailbox;
        Name = mailbox.Name;
        Alias = mailbox.Alias;
        DisplayName = mailbox.DisplayName;
        ServerName = mailbox.ServerName?.ToLowerInvariant(); // EMS shows ServerName in lower case
        Database = new ADObjectId(databaseName ?? DistinguishedNames.FirstValue(mailbox.DatabaseDn), mailbox.DatabaseDn);
        PrimarySmtpAddress = mailbox.PrimarySmtpAddress;
        EmailAddresses = [.. mailbox.EmailAddresses];
        LegacyExchangeDN = mailbox.LegacyExchangeDN;
        ExchangeGuid = mailbox.ExchangeGuid ?? System.Guid.Empty;
        RecipientTypeDetails = mailbox.RecipientTypeDetails.ToString();
        UserPrincipalName = mailbox.UserPrincipalName;
        SamAccountName = mailbox.SamAccountName;
        OrganizationalUnit = RecipientNames.CanonicalName(mailbox.OrganizationalUnitDn);
        AddressListMembership = mailbox.AddressListMembership.Select(dn => new ADObjectId(DistinguishedNames.FirstValue(dn), dn)).ToArray();
        HiddenFromAddressListsEnabled = mailbox.HiddenFromAddressListsEnabled;
        Identity = new ADObjectId(mailbox.Name, mailbox.DistinguishedName, RecipientNames.CanonicalName(mailbox.DistinguishedName));
        DistinguishedName = mailbox.DistinguishedName;
        Guid = ExchangeServer.ParseGuid(mailbox.Guid);
        WhenCreated = mailbox.Created?.LocalDateTime;
    }

    public static Mailbox From(Core.Recipients.Mailbox mailbox, IEnumerable<Core.Databases.MailboxDatabase> databases) =>
        new(mailbox, databases.FirstOrDefault(d => DistinguishedNames.AreEqual(d.DistinguishedName, mailbox.DatabaseDn))?.Name);

    public string Name { get; }
    public string Alias { get; }
    public string? DisplayName { get; }
    public string? ServerName { get; }
    public ADObjectId Database { get; }
    public string? PrimarySmtpAddress { get; }
    public string[] EmailAddresses { get; }
    public string? LegacyExchangeDN { get; }
    public Guid ExchangeGuid { get; }
    public string RecipientType => "UserMailbox"; // every kind of mailbox is a UserMailbox recipient; RecipientTypeDetails tells them apart
    public string RecipientTypeDetails { get; }
    public string? UserPrincipalName { get; }
    public string? SamAccountName { get; }
    public string OrganizationalUnit { get; }
    public ADObjectId[] AddressListMembership { get; }
    public bool HiddenFromAddressListsEnabled { get; }
    public bool UseDatabaseQuotaDefaults => (bool)_stored.Setting(MailboxSettings.UseDatabaseQuotaDefaults)!;
    public Unlimited<ByteQuantifiedSize> IssueWarningQuota => (Unlimited<ByteQuantifiedSize>)_stored.Setting(MailboxSettings.IssueWarningQuota)!;
    public Unlimited<ByteQuantifiedSize> ProhibitSendQuota => (Unlimited<ByteQuantifiedSize>)_stored.Setting(MailboxSettings.ProhibitSendQuota)!;
    public Unlimited<ByteQuantifiedSize> ProhibitSendReceiveQuota => (Unlimited<ByteQuantifiedSize>)_stored.Setting(MailboxSettings.ProhibitSendReceiveQuota)!;
    public string? CustomAttribute1 => (string?)_stored.Setting(MailboxSettings.CustomAttributes[0]);
    public string? CustomAttribute2 => (string?)_stored.Setting(MailboxSettings.CustomAttributes[1]);
    public string? CustomAttribute3 => (string?)_stored.Setting(MailboxSettings.CustomAttributes[2]);
    public string? CustomAttribute4 => (string?)_stored.Setting(MailboxSettings.CustomAttributes[3]);
    public string? CustomAttribute5 => (string?)_stored.Setting(MailboxSettings.CustomAttributes[4]);
    public string? CustomAttribute6 => (string?)_stored.Setting(MailboxSettings.CustomAttributes[5]);
    public string? CustomAttribute7 => (string?)_stored.Setting(MailboxSettings.CustomAttributes[6]);
    public string? CustomAttribute8 => (string?)_stored.Setting(MailboxSettings.CustomAttributes[7]);
    public string? CustomAttribute9 => (string?)_stored.Setting(MailboxSettings.CustomAttributes[8]);
    public string? CustomAttribute10 => (string?)_stored.Setting(MailboxSettings.CustomAttributes[9]);
    public string? CustomAttribute11 => (string?)_stored.Setting(MailboxSettings.CustomAttributes[10]);
    public string? CustomAttribute12 => (string?)_stored.Setting(MailboxSettings.CustomAttributes[11]);
    public string? CustomAttribute13 => (string?)_stored.Setting(MailboxSettings.CustomAttributes[12]);
    public string? CustomAttribute14 => (string?)_stored.Setting(MailboxSettings.CustomAttributes[13]);
    public string? CustomAttribute15 => (string?)_stored.Setting(MailboxSettings.CustomAttributes[14]);
    public string[] ExtensionCustomAttribute1 => (string[])_stored.Setting(MailboxSettings.ExtensionCustomAttributes[0])!;
    public string[] ExtensionCustomAttribute2 => (string[])_stored.Setting(MailboxSettings.ExtensionCustomAttributes[1])!;
    public string[] ExtensionCustomAttribute3 => (string[])_stored.Setting(MailboxSettings.ExtensionCustomAttributes[2])!;
    public string[] ExtensionCustomAttribute4 => (string[])_stored.Setting(MailboxSettings.ExtensionCustomAttributes[3])!;
    public string[] ExtensionCustomAttribute5 => (string[])_stored.Setting(MailboxSettings.ExtensionCustomAttributes[4])!;
    public string? Office => (string?)_stored.Setting(MailboxSettings.Office);
    public string? Phone => (string?)_stored.Setting(MailboxSettings.Phone);
    public string? SimpleDisplayName => (string?)_stored.Setting(MailboxSettings.SimpleDisplayName);
    public Unlimited<ByteQuantifiedSize> MaxSendSize => (Unlimited<ByteQuantifiedSize>)_stored.Setting(MailboxSettings.MaxSendSize)!;
    public Unlimited<ByteQuantifiedSize> MaxReceiveSize => (Unlimited<ByteQuantifiedSize>)_stored.Setting(MailboxSettings.MaxReceiveSize)!;
    public Unlimited<int> RecipientLimits => (Unlimited<int>)_stored.Setting(MailboxSettings.RecipientLimits)!;
    public bool DeliverToMailboxAndForward => (bool)_stored.Setting(MailboxSettings.DeliverToMailboxAndForward)!;
    public ADObjectId? ForwardingAddress => Reference(MailboxSettings.ForwardingAddress);
    public string? ForwardingSmtpAddress => (string?)_stored.Setting(MailboxSettings.ForwardingSmtpAddress);
    public ADObjectId[] GrantSendOnBehalfTo => References(MailboxSettings.GrantSendOnBehalfTo);
    public ADObjectId[] AcceptMessagesOnlyFrom => References(MailboxSettings.AcceptMessagesOnlyFrom);
    public ADObjectId[] AcceptMessagesOnlyFromDLMembers => References(MailboxSettings.AcceptMessagesOnlyFromDLMembers);
    public ADObjectId[] RejectMessagesFrom => References(MailboxSettings.RejectMessagesFrom);
    public ADObjectId[] RejectMessagesFromDLMembers => References(MailboxSettings.RejectMessagesFromDLMembers);
    public ADObjectId[] ModeratedBy => References(MailboxSettings.ModeratedBy);
    public ADObjectId[] BypassModerationFrom => References(MailboxSettings.BypassModerationFrom);
    public ADObjectId[] BypassModerationFromDLMembers => References(MailboxSettings.BypassModerationFromDLMembers);
    public ADObjectId[] AcceptMessagesOnlyFromSendersOrMembers => [.. AcceptMessagesOnlyFrom, .. AcceptMessagesOnlyFromDLMembers];
    public ADObjectId[] RejectMessagesFromSendersOrMembers => [.. RejectMessagesFrom, .. RejectMessagesFromDLMembers];
    public ADObjectId[] BypassModerationFromSendersOrMembers => [.. BypassModerationFrom, .. BypassModerationFromDLMembers];
    public bool ModerationEnabled => (bool)_stored.Setting(MailboxSettings.ModerationEnabled)!;
    public TransportModerationNotificationFlags SendModerationNotifications => (TransportModerationNotificationFlags)_stored.Setting(MailboxSettings.SendModerationNotifications)!;
    public ADObjectId? ArbitrationMailbox => Reference(MailboxSettings.ArbitrationMailbox);
    public bool RequireSenderAuthenticationEnabled => (bool)_stored.Setting(MailboxSettings.RequireSenderAuthenticationEnabled)!;
    public EnhancedTimeSpan RetainDeletedItemsFor => (EnhancedTimeSpan)_stored.Setting(MailboxSettings.RetainDeletedItemsFor)!;
    public bool UseDatabaseRetentionDefaults => (bool)_stored.Setting(MailboxSettings.UseDatabaseRetentionDefaults)!;
    public bool RetainDeletedItemsUntilBackup => (bool)_stored.Setting(MailboxSettings.RetainDeletedItemsUntilBackup)!;
    public Unlimited<ByteQuantifiedSize> RecoverableItemsQuota => (Unlimited<ByteQuantifiedSize>)_stored.Setting(MailboxSettings.RecoverableItemsQuota)!;
    public Unlimited<ByteQuantifiedSize> RecoverableItemsWarningQuota => (Unlimited<ByteQuantifiedSize>)_stored.Setting(MailboxSettings.RecoverableItemsWarningQuota)!;
    public ByteQuantifiedSize RulesQuota => (ByteQuantifiedSize)_stored.Setting(MailboxSettings.RulesQuota)!;
    public bool RetentionHoldEnabled => (bool)_stored.Setting(MailboxSettings.RetentionHoldEnabled)!;
    public bool CalendarVersionStoreDisabled => (bool)_stored.Setting(MailboxSettings.CalendarVersionStoreDisabled)!;
    public bool LitigationHoldEnabled => (bool)_stored.Setting(MailboxSettings.LitigationHoldEnabled)!;
    public bool SingleItemRecoveryEnabled => (bool)_stored.Setting(MailboxSettings.SingleItemRecoveryEnabled)!;
    public DateTime? LitigationHoldDate => (DateTime?)_stored.Setting(MailboxSettings.LitigationHoldDate);
    public string? LitigationHoldOwner => (string?)_stored.Setting(MailboxSettings.LitigationHoldOwner);
    public DateTime? StartDateForRetentionHold => (DateTime?)_stored.Setting(MailboxSettings.StartDateForRetentionHold);
    public DateTime? EndDateForRetentionHold => (DateTime?)_stored.Setting(MailboxSettings.EndDateForRetentionHold);
    public string? RetentionComment => (string?)_stored.Setting(MailboxSettings.RetentionComment);
    public string? RetentionUrl => (string?)_stored.Setting(MailboxSettings.RetentionUrl);
    public bool AuditEnabled => (bool)_stored.Setting(MailboxSettings.AuditEnabled)!;
    public EnhancedTimeSpan AuditLogAgeLimit => (EnhancedTimeSpan)_stored.Setting(MailboxSettings.AuditLogAgeLimit)!;
    public MailboxAuditOperations[] AuditAdmin => (MailboxAuditOperations[])_stored.Setting(MailboxSettings.AuditAdmin)!;
    public MailboxAuditOperations[] AuditDelegate => (MailboxAuditOperations[])_stored.Setting(MailboxSettings.AuditDelegate)!;
    public MailboxAuditOperations[] AuditOwner => (MailboxAuditOperations[])_stored.Setting(MailboxSettings.AuditOwner)!;
    public string[] Languages => (string[])_stored.Setting(MailboxSettings.Languages)!;
    public int? MaxSafeSenders => (int?)_stored.Setting(MailboxSettings.MaxSafeSenders);
    public int? MaxBlockedSenders => (int?)_stored.Setting(MailboxSettings.MaxBlockedSenders);
    public int? ResourceCapacity => (int?)_stored.Setting(MailboxSettings.ResourceCapacity);
    public ExternalOofOptions ExternalOofOptions => (ExternalOofOptions)_stored.Setting(MailboxSettings.ExternalOofOptions)!;
    public bool CalendarRepairDisabled => (bool)_stored.Setting(MailboxSettings.CalendarRepairDisabled)!;
    public bool EmailAddressPolicyEnabled => (bool)_stored.Setting(MailboxSettings.EmailAddressPolicyEnabled)!;
    public bool ResetPasswordOnNextLogon => (bool)_stored.Setting(MailboxSettings.ResetPasswordOnNextLogon)!;
    public string[] UMDtmfMap => (string[])_stored.Setting(MailboxSettings.UMDtmfMap)!;
    public ADObjectId? OfflineAddressBook => Reference(MailboxSettings.OfflineAddressBook);
    public bool AntispamBypassEnabled => (bool)_stored.Setting(MailboxSettings.AntispamBypassEnabled)!;
    public bool SCLDeleteEnabled => (bool)_stored.Setting(MailboxSettings.SCLDeleteEnabled)!;
    public int? SCLDeleteThreshold => (int?)_stored.Setting(MailboxSettings.SCLDeleteThreshold);
    public bool SCLJunkEnabled => (bool)_stored.Setting(MailboxSettings.SCLJunkEnabled)!;
    public int? SCLJunkThreshold => (int?)_stored.Setting(MailboxSettings.SCLJunkThreshold);
    public bool SCLQuarantineEnabled => (bool)_stored.Setting(MailboxSettings.SCLQuarantineEnabled)!;
    public int? SCLQuarantineThreshold => (int?)_stored.Setting(MailboxSettings.SCLQuarantineThreshold);
    public bool SCLRejectEnabled => (bool)_stored.Setting(MailboxSettings.SCLRejectEnabled)!;
    public int? SCLRejectThreshold => (int?)_stored.Setting(MailboxSettings.SCLRejectThreshold);
    public bool DowngradeHighPriorityMessagesEnabled => (bool)_stored.Setting(MailboxSettings.DowngradeHighPriorityMessagesEnabled)!;
    public bool MessageTrackingReadStatusEnabled => (bool)_stored.Setting(MailboxSettings.MessageTrackingReadStatusEnabled)!;
    public ADObjectId? ArchiveDatabase => Reference(MailboxSettings.ArchiveDatabase);
    public string[] ArchiveName => (string[])_stored.Setting(MailboxSettings.ArchiveName)!;
    public Unlimited<ByteQuantifiedSize> ArchiveQuota => (Unlimited<ByteQuantifiedSize>)_stored.Setting(MailboxSettings.ArchiveQuota)!;
    public Unlimited<ByteQuantifiedSize> ArchiveWarningQuota => (Unlimited<ByteQuantifiedSize>)_stored.Setting(MailboxSettings.ArchiveWarningQuota)!;
    public ArchiveStatusFlags ArchiveStatus => (ArchiveStatusFlags)_stored.Setting(MailboxSettings.ArchiveStatus)!;
    public Guid ArchiveGuid => _stored.ArchiveGuid ?? System.Guid.Empty;
    public string? MailTip => MailTips.MailTip(_stored.Stored.GetValueOrDefault("msExchSenderHintTranslations", []));
    public string[] MailTipTranslations => [.. MailTips.Translations(_stored.Stored.GetValueOrDefault("msExchSenderHintTranslations", []))];
    public string? LinkedMasterAccount => _stored.LinkedMasterAccountSid is { } sid ? Core.Security.SecurityIdentifier.FromBinary(sid).ToString() : null;
    public bool IsLinked => _stored.RecipientTypeDetails == Core.Recipients.RecipientTypeDetails.LinkedMailbox;
    public bool IsShared => _stored.RecipientTypeDetails == Core.Recipients.RecipientTypeDetails.SharedMailbox;
    public bool IsResource => _stored.RecipientTypeDetails is Core.Recipients.RecipientTypeDetails.RoomMailbox or Core.Recipients.RecipientTypeDetails.EquipmentMailbox;
    public string? ResourceType => _stored.RecipientTypeDetails switch { Core.Recipients.RecipientTypeDetails.RoomMailbox => "Room", Core.Recipients.RecipientTypeDetails.EquipmentMailbox => "Equipment", _ => null };
    public string WindowsEmailAddress => PrimarySmtpAddress ?? "";
    public bool IsMailboxEnabled => true;

    private ADObjectId? Reference(Core.Settings.SettingDefinition definition) =>
        _stored.Setting(definition) is string dn ? new ADObjectId(DistinguishedNames.FirstValue(dn), dn) : null;

    private ADObjectId[] References(Core.Settings.SettingDefinition definition) =>
        _stored.Setting(definition) is string[] dns ? dns.Select(dn => new ADObjectId(DistinguishedNames.FirstValue(dn), dn)).ToArray() : [];

    /// <summary>Exchange 2010's object version, as EMS shows it for mailboxes it made.</summary>
    public string ExchangeVersion => "0.10 (14.0.100.0)";
    public ADObjectId Identity { get; }
    public string DistinguishedName { get; }
    public Guid? Guid { get; }
    public DateTime? WhenCreated { get; }

    public override string ToString() => Name;
}
