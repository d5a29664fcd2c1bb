using System.Globalization;
using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;
using CasDirectory.Core.Settings;
using CasDirectory.Core.Values;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// <para type="synopsis">Changes a mailbox: names, addresses, quotas, limits, forwarding, delivery restrictions, moderation, holds, auditing, the archive and the other properties Exchange 2010 keeps on the user, in one modify.</para>
/// <para type="description">-EmailAddresses replaces the list (SMTP: marks the primary) or edits it with @{Add=…; Remove=…};
/// -PrimarySmtpAddress makes an address primary, keeps the old one as secondary and turns the e-mail address policy off,
/// as Exchange does. A change of alias does not change the legacyExchangeDN: it names the mailbox in every Outlook
/// profile and message already sent. Each property is kept in the attribute Exchange 2010 uses (docs/settings.md,
/// "Mailboxes"). Policies, mailbox plans and dial plans are objects the directory does not hold: only $null is taken
/// for them (docs/recipients.md, "Refused").</para>
/// </summary>
/// <example>
/// <code>Set-Mailbox alex -ProhibitSendQuota 2GB -UseDatabaseQuotaDefaults $false</code>
/// <para>Gives Alex a quota of his own (Microsoft Learn, Set-Mailbox, Exchange 2010 example, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Set-Mailbox alex -EmailAddresses @{Add='a.darrow@lab.local'}</code>
/// <para>Adds a secondary address.</para>
/// </example>
/// <example>
/// <code>Set-Mailbox alex -DeliverToMailboxAndForward $true -ForwardingAddress ben</code>
/// <para>Delivers Alex's mail to his mailbox and forwards a copy to Ben (Microsoft Learn, Set-Mailbox, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-Mailbox -Database MDB01 | Set-Mailbox -MaxSendSize 2MB -CustomAttribute1 Sales</code>
/// <para>Limits the messages MDB01's mailboxes send to 2 MB and tags them (Microsoft Learn, Set-Mailbox, Exchange 2010 example 3, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Set-Mailbox cara -LitigationHoldEnabled $true -RetainDeletedItemsFor 30.00:00:00 -SingleItemRecoveryEnabled $true</code>
/// <para>Puts Cara's mailbox on litigation hold and keeps her deleted items for 30 days.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "Mailbox", SupportsShouldProcess = true, DefaultParameterSetName = "Identity")]
[OutputType(typeof(Objects.Mailbox))]
public sealed class SetMailboxCommand : CasDirectoryCmdlet
{
    private const string Set = "Identity";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = Set)]
    [ArgumentCompleter(typeof(MailboxNameCompleter))]
    public MailboxIdParameter Identity { get; set; } = null!;

    [Parameter] public string? Name { get; set; }
    [Parameter] public string? Alias { get; set; }
    [Parameter] public string? DisplayName { get; set; }
    [Parameter] public string? SimpleDisplayName { get; set; }
    [Parameter] public string? UserPrincipalName { get; set; }
    [Parameter] public string? SamAccountName { get; set; }
    [Parameter] public SmtpAddress PrimarySmtpAddress { get; set; }
    /// <summary>mail: the Windows e-mail address; on a mailbox it is the primary SMTP address, so it acts as -PrimarySmtpAddress.</summary>
    [Parameter] public SmtpAddress WindowsEmailAddress { get; set; }
    [Parameter, ExchangeValue(typeof(Objects.ProxyAddressCollection))] public Objects.ProxyAddressCollection? EmailAddresses { get; set; }
    [Parameter] public bool EmailAddressPolicyEnabled { get; set; }
    [Parameter] public bool HiddenFromAddressListsEnabled { get; set; }

    [Parameter] public bool UseDatabaseQuotaDefaults { get; set; }
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> IssueWarningQuota { get; set; }
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> ProhibitSendQuota { get; set; }
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> ProhibitSendReceiveQuota { get; set; }
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> RecoverableItemsQuota { get; set; }
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> RecoverableItemsWarningQuota { get; set; }
    /// <summary>The rules quota, 32KB to 256KB (msExchMDBRulesQuota; default 64KB).</summary>
    [Parameter, ExchangeValue(typeof(ByteQuantifiedSize))] public ByteQuantifiedSize RulesQuota { get; set; }
    /// <summary>The largest message the mailbox may send, up to 2GB - 1KB, or Unlimited (submissionContLength, KB).</summary>
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> MaxSendSize { get; set; }
    /// <summary>The largest message the mailbox may receive (delivContLength, KB).</summary>
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> MaxReceiveSize { get; set; }
    /// <summary>The most recipients a message may have (msExchRecipLimit), or Unlimited.</summary>
    [Parameter, ExchangeValue(typeof(Unlimited<int>))] public Unlimited<int> RecipientLimits { get; set; }

    [Parameter, AllowNull] public string? CustomAttribute1 { get; set; }
    [Parameter, AllowNull] public string? CustomAttribute2 { get; set; }
    [Parameter, AllowNull] public string? CustomAttribute3 { get; set; }
    [Parameter, AllowNull] public string? CustomAttribute4 { get; set; }
    [Parameter, AllowNull] public string? CustomAttribute5 { get; set; }
    [Parameter, AllowNull] public string? CustomAttribute6 { get; set; }
    [Parameter, AllowNull] public string? CustomAttribute7 { get; set; }
    [Parameter, AllowNull] public string? CustomAttribute8 { get; set; }
    [Parameter, AllowNull] public string? CustomAttribute9 { get; set; }
    [Parameter, AllowNull] public string? CustomAttribute10 { get; set; }
    [Parameter, AllowNull] public string? CustomAttribute11 { get; set; }
    [Parameter, AllowNull] public string? CustomAttribute12 { get; set; }
    [Parameter, AllowNull] public string? CustomAttribute13 { get; set; }
    [Parameter, AllowNull] public string? CustomAttribute14 { get; set; }
    [Parameter, AllowNull] public string? CustomAttribute15 { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<string>))] public MultiValuedProperty<string>? ExtensionCustomAttribute1 { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<string>))] public MultiValuedProperty<string>? ExtensionCustomAttribute2 { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<string>))] public MultiValuedProperty<string>? ExtensionCustomAttribute3 { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<string>))] public MultiValuedProperty<string>? ExtensionCustomAttribute4 { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<string>))] public MultiValuedProperty<string>? ExtensionCustomAttribute5 { get; set; }
    [Parameter, AllowNull] public string? Office { get; set; }

    /// <summary>Where a copy of the mailbox's mail goes: a recipient of the domain (altRecipient); $null stops forwarding.</summary>
    [Parameter, AllowNull] public RecipientIdParameter? ForwardingAddress { get; set; }
    /// <summary>An SMTP address mail is forwarded to (msExchGenericForwardingAddress); $null clears it.</summary>
    [Parameter, AllowNull] public ProxyAddress? ForwardingSmtpAddress { get; set; }
    [Parameter] public bool DeliverToMailboxAndForward { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<RecipientIdParameter>))] public MultiValuedProperty<RecipientIdParameter>? GrantSendOnBehalfTo { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<RecipientIdParameter>))] public MultiValuedProperty<RecipientIdParameter>? AcceptMessagesOnlyFrom { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<RecipientIdParameter>))] public MultiValuedProperty<RecipientIdParameter>? AcceptMessagesOnlyFromDLMembers { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<RecipientIdParameter>))] public MultiValuedProperty<RecipientIdParameter>? AcceptMessagesOnlyFromSendersOrMembers { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<RecipientIdParameter>))] public MultiValuedProperty<RecipientIdParameter>? RejectMessagesFrom { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<RecipientIdParameter>))] public MultiValuedProperty<RecipientIdParameter>? RejectMessagesFromDLMembers { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<RecipientIdParameter>))] public MultiValuedProperty<RecipientIdParameter>? RejectMessagesFromSendersOrMembers { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<RecipientIdParameter>))] public MultiValuedProperty<RecipientIdParameter>? BypassModerationFromSendersOrMembers { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<RecipientIdParameter>))] public MultiValuedProperty<RecipientIdParameter>? ModeratedBy { get; set; }
    [Parameter] public bool ModerationEnabled { get; set; }
    [Parameter] public TransportModerationNotificationFlags SendModerationNotifications { get; set; }
    /// <summary>The arbitration mailbox that holds this mailbox's moderation requests (msExchArbitrationMailbox).</summary>
    [Parameter, AllowNull] public MailboxIdParameter? ArbitrationMailbox { get; set; }
    [Parameter] public bool RequireSenderAuthenticationEnabled { get; set; }

    [Parameter, ExchangeValue(typeof(EnhancedTimeSpan))] public EnhancedTimeSpan RetainDeletedItemsFor { get; set; }
    [Parameter] public bool RetainDeletedItemsUntilBackup { get; set; }
    [Parameter] public bool UseDatabaseRetentionDefaults { get; set; }
    [Parameter] public bool SingleItemRecoveryEnabled { get; set; }
    [Parameter] public bool LitigationHoldEnabled { get; set; }
    [Parameter, AllowNull, NullableDate] public DateTime LitigationHoldDate { get; set; }
    [Parameter, AllowNull] public string? LitigationHoldOwner { get; set; }
    [Parameter] public bool RetentionHoldEnabled { get; set; }
    [Parameter, AllowNull, NullableDate] public DateTime StartDateForRetentionHold { get; set; }
    [Parameter, AllowNull, NullableDate] public DateTime EndDateForRetentionHold { get; set; }
    [Parameter, AllowNull] public string? RetentionComment { get; set; }
    [Parameter, AllowNull] public string? RetentionUrl { get; set; }
    [Parameter] public bool CalendarVersionStoreDisabled { get; set; }
    [Parameter] public bool CalendarRepairDisabled { get; set; }

    [Parameter] public bool AuditEnabled { get; set; }
    [Parameter, ExchangeValue(typeof(EnhancedTimeSpan))] public EnhancedTimeSpan AuditLogAgeLimit { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<MailboxAuditOperations>))] public MultiValuedProperty<MailboxAuditOperations>? AuditAdmin { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<MailboxAuditOperations>))] public MultiValuedProperty<MailboxAuditOperations>? AuditDelegate { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<MailboxAuditOperations>))] public MultiValuedProperty<MailboxAuditOperations>? AuditOwner { get; set; }

    /// <summary>The user's languages, in order of preference (msExchUserCulture), such as en-US,de-DE.</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<string>))] public MultiValuedProperty<string>? Languages { get; set; }
    /// <summary>The MailTip senders see (msExchSenderHintTranslations, "default:" value); $null clears it.</summary>
    [Parameter, AllowNull] public string? MailTip { get; set; }
    /// <summary>MailTip translations, "FR: text" each (msExchSenderHintTranslations).</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<string>))] public MultiValuedProperty<string>? MailTipTranslations { get; set; }
    [Parameter] public int MaxSafeSenders { get; set; }
    [Parameter] public int MaxBlockedSenders { get; set; }
    [Parameter] public ExternalOofOptions ExternalOofOptions { get; set; }
    [Parameter] public int ResourceCapacity { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<string>))] public MultiValuedProperty<string>? ResourceCustom { get; set; }
    [Parameter] public bool DowngradeHighPriorityMessagesEnabled { get; set; }
    [Parameter] public bool MessageTrackingReadStatusEnabled { get; set; }

    [Parameter] public bool AntispamBypassEnabled { get; set; }
    [Parameter] public bool SCLDeleteEnabled { get; set; }
    [Parameter] public int SCLDeleteThreshold { get; set; }
    [Parameter] public bool SCLJunkEnabled { get; set; }
    [Parameter] public int SCLJunkThreshold { get; set; }
    [Parameter] public bool SCLQuarantineEnabled { get; set; }
    [Parameter] public int SCLQuarantineThreshold { get; set; }
    [Parameter] public bool SCLRejectEnabled { get; set; }
    [Parameter] public int SCLRejectThreshold { get; set; }

    /// <summary>Writes the keypad spellings Unified Messaging finds the user by (msExchUMDtmfMap).</summary>
    [Parameter] public bool CreateDTMFMap { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<string>))] public MultiValuedProperty<string>? UMDtmfMap { get; set; }

    /// <summary>The archive's database (msExchArchiveDatabaseLink); the mailbox must have an archive (Enable-Mailbox -Archive).</summary>
    [Parameter, AllowNull] [ArgumentCompleter(typeof(DatabaseNameCompleter))] public DatabaseIdParameter? ArchiveDatabase { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<string>))] public MultiValuedProperty<string>? ArchiveName { get; set; }
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> ArchiveQuota { get; set; }
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> ArchiveWarningQuota { get; set; }
    [Parameter] public ArchiveStatusFlags ArchiveStatus { get; set; }
    /// <summary>Refused: a remote (cloud) archive needs an Exchange Online organisation.</summary>
    [Parameter, AllowNull] public SmtpDomain? ArchiveDomain { get; set; }

    /// <summary>Re-points the mailbox at another database without moving it (homeMDB; New-MoveRequest moves one).</summary>
    [Parameter] [ArgumentCompleter(typeof(DatabaseNameCompleter))] public DatabaseIdParameter? Database { get; set; }
    /// <summary>Converts the mailbox: Regular, Room, Equipment or Shared (msExchRecipientTypeDetails).</summary>
    [Parameter] public ConvertibleMailboxSubType Type { get; set; }
    /// <summary>The default offline address book of the mailbox, by name or DN (msExchUseOAB); $null clears it.</summary>
    [Parameter, AllowNull] public OfflineAddressBookIdParameter? OfflineAddressBook { get; set; }

    [Parameter, AllowNull] public UserIdParameter? LinkedMasterAccount { get; set; }
    [Parameter] public string? LinkedDomainController { get; set; }
    [Parameter] public System.Management.Automation.PSCredential? LinkedCredential { get; set; }

    [Parameter, AllowNull] public MailboxPolicyIdParameter? RetentionPolicy { get; set; }
    [Parameter, AllowNull] public MailboxPolicyIdParameter? ManagedFolderMailboxPolicy { get; set; }
    [Parameter] public SwitchParameter ManagedFolderMailboxPolicyAllowed { get; set; }
    [Parameter, AllowNull] public MailboxPolicyIdParameter? RoleAssignmentPolicy { get; set; }
    [Parameter, AllowNull] public SharingPolicyIdParameter? SharingPolicy { get; set; }
    [Parameter, AllowNull] public ThrottlingPolicyIdParameter? ThrottlingPolicy { get; set; }
    [Parameter, AllowNull] public AddressBookMailboxPolicyIdParameter? AddressBookPolicy { get; set; }
    [Parameter, AllowNull] public MailboxPlanIdParameter? MailboxPlan { get; set; }
    [Parameter, AllowNull] public UMDialPlanIdParameter? SecondaryDialPlan { get; set; }
    [Parameter, AllowNull] public string? SecondaryAddress { get; set; }
    /// <summary>Nothing to remove: the directory holds no managed folders or MRM policies (docs/recipients.md).</summary>
    [Parameter] public SwitchParameter RemoveManagedFolderAndPolicy { get; set; }
    /// <summary>Nothing to remove: the directory stores no pictures (thumbnailPhoto is not modelled).</summary>
    [Parameter] public SwitchParameter RemovePicture { get; set; }
    /// <summary>Nothing to remove: the directory stores no spoken names.</summary>
    [Parameter] public SwitchParameter RemoveSpokenName { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection] public MultiValuedProperty<byte[]>? UserCertificate { get; set; }
    [Parameter, AllowNull, AllowEmptyCollection] public MultiValuedProperty<byte[]>? UserSMimeCertificate { get; set; }

    [Parameter] public RemoteRecipientType RemoteRecipientType { get; set; }
    [Parameter] public bool QueryBaseDNRestrictionEnabled { get; set; }
    [Parameter, AllowNull] public SmtpAddress WindowsLiveID { get; set; }
    [Parameter, AllowNull] public string? FederatedIdentity { get; set; }
    [Parameter, AllowNull] public string? ImmutableId { get; set; }

    /// <summary>A new password for the mailbox's user (stored as a salted hash; the user binds with it).</summary>
    [Parameter] public System.Security.SecureString? Password { get; set; }
    [Parameter] public bool ResetPasswordOnNextLogon { get; set; }

    /// <summary>Changes an arbitration mailbox (they are hidden from Set-Mailbox without it, as in Exchange).</summary>
    [Parameter] public SwitchParameter Arbitration { get; set; }
    /// <summary>Stamps what a mailbox must have and lacks: msExchVersion, msExchRecipientDisplayType, the default address lists.</summary>
    [Parameter] public SwitchParameter ApplyMandatoryProperties { get; set; }
    [Parameter] public SwitchParameter Force { get; set; }
    /// <summary>The directory has no recipient scopes: every mailbox of the domain is in scope already.</summary>
    [Parameter] public SwitchParameter IgnoreDefaultScope { get; set; }

    /// <summary>Write the changed mailbox to the pipeline (EMS's Set- cmdlets write nothing by default).</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    private bool Given(string name) => MyInvocation.BoundParameters.ContainsKey(name);

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        RefuseUnmodelled();
        var mailbox = MailboxTargets.Find(directory, Identity.RawIdentity, Arbitration);
        CurrentTarget = mailbox.Name;
        var replace = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var binary = new Dictionary<string, byte[]?>(StringComparer.OrdinalIgnoreCase);
        var settings = SettingsGiven(MailboxSettings.All).ToList();

        if (Alias is not null)
            replace["mailNickname"] = [MailboxProvisioning.RequireAlias(Alias)];
        if (DisplayName is not null)
            replace["displayName"] = DisplayName.Length == 0 ? [] : [DisplayName];
        if (UserPrincipalName is not null && !SmtpAddress.TryParse(UserPrincipalName, out _))
            throw new DomainRuleException($"-UserPrincipalName '{ObjectName.Shown(UserPrincipalName)}' is not of the form user@domain.", isMalformedInput: true);
        if (UserPrincipalName is not null)
            replace["userPrincipalName"] = [UserPrincipalName];
        if (SamAccountName is not null)
            replace["sAMAccountName"] = [MailboxProvisioning.RequireSamAccountName(SamAccountName)];
        SmtpAddress? primaryGiven = Given(nameof(PrimarySmtpAddress)) ? PrimarySmtpAddress : null, windowsGiven = Given(nameof(WindowsEmailAddress)) ? WindowsEmailAddress : null;
        if (primaryGiven is not null && windowsGiven is not null && !primaryGiven.Equals(windowsGiven))
            throw new DomainRuleException("-PrimarySmtpAddress and -WindowsEmailAddress name different addresses; a mailbox's Windows e-mail address is its primary SMTP address. Give one.", isMalformedInput: true);
        var newPrimary = primaryGiven ?? windowsGiven;
        if (EmailAddresses is not null && newPrimary is not null)
            throw new DomainRuleException("-EmailAddresses and -PrimarySmtpAddress cannot be used together (as in EMS): mark the primary with SMTP: in -EmailAddresses.", isMalformedInput: true);
        if (EmailAddresses is not null || newPrimary is not null)
        {
            var current = mailbox.EmailAddresses.Select(ProxyAddress.Parse).ToList();
            var list = EmailAddresses?.ApplyTo(current) ?? current;
            SmtpAddress? oldPrimary = mailbox.PrimarySmtpAddress is { } p && SmtpAddress.TryParse(p, out var parsed) ? parsed : null;
            var primary = newPrimary ?? MailboxProvisioning.PrimaryOf(list, oldPrimary);
            var addresses = MailboxProvisioning.Addresses(primary, list);
            RecipientUniqueness.Check(directory.ReadMailboxes(), mailbox.DistinguishedName, addresses, UserPrincipalName, SamAccountName);
            replace["mail"] = [primary.Address];
            replace["proxyAddresses"] = addresses.Select(a => a.ToString()).ToList();
            // A primary address given by hand takes the mailbox out of the e-mail address policy, as Exchange does.
            if (newPrimary is not null && !Given(nameof(EmailAddressPolicyEnabled)))
                settings.Add(new SettingChange(MailboxSettings.EmailAddressPolicyEnabled, false));
        }
        else if (UserPrincipalName is not null || SamAccountName is not null)
            RecipientUniqueness.Check(directory.ReadMailboxes(), mailbox.DistinguishedName, [], UserPrincipalName, SamAccountName);

        // $null binds to a DateTime parameter as its default value: it clears the date, as in EMS.
        foreach (var date in new[] { MailboxSettings.LitigationHoldDate, MailboxSettings.StartDateForRetentionHold, MailboxSettings.EndDateForRetentionHold })
            if (settings.FindIndex(c => c.Definition == date && c.Value is DateTime d && d == default) is var i and >= 0)
                settings[i] = settings[i] with { Value = null };
        ResolveReferences(directory, mailbox, settings);
        DeliveryRestrictions(directory, settings);
        if (Given(nameof(ForwardingSmtpAddress)))
            Replace(settings, MailboxSettings.ForwardingSmtpAddress, ForwardingSmtpAddress is { } forward
                ? (forward.IsSmtp && SmtpAddress.TryParse(forward.AddressString, out var smtp) ? "smtp:" + smtp.Address
                    : throw new DomainRuleException($"-ForwardingSmtpAddress '{forward}' is not an SMTP address: use smtp:user@domain or user@domain.", isMalformedInput: true))
                : null);
        if (Given(nameof(MailTip)) || Given(nameof(MailTipTranslations)))
            replace["msExchSenderHintTranslations"] = MailTips.Merge(mailbox.Stored.GetValueOrDefault("msExchSenderHintTranslations", []), Given(nameof(MailTip)), MailTip, MailTipTranslations);
        if (CreateDTMFMap && !Given(nameof(UMDtmfMap)))
            replace["msExchUMDtmfMap"] = DtmfMap.For(Alias ?? mailbox.Alias, mailbox.FirstName, mailbox.LastName);
        if (Given(nameof(ArchiveDatabase)) || Given(nameof(ArchiveName)) || Given(nameof(ArchiveQuota)) || Given(nameof(ArchiveWarningQuota)) || Given(nameof(ArchiveStatus)))
            if (!mailbox.HasArchive)
                throw new DomainRuleException($"'{mailbox.Name}' has no archive; give it one with Enable-Mailbox '{mailbox.Name}' -Archive first.");
        if (Database is not null)
            Rehome(directory, mailbox, replace);
        if (Given(nameof(Type)))
        {
            var type = MailboxTypes.From(Type);
            replace["msExchRecipientTypeDetails"] = [((long)type).ToString(CultureInfo.InvariantCulture)];
            replace["msExchRecipientDisplayType"] = [RecipientDisplayTypes.For(type).ToString(CultureInfo.InvariantCulture)];
            // A resource or shared mailbox's user cannot log on, as Exchange converts it; back to Regular, the account is
            // left as it is (enable it and give it a password, as in Exchange).
            if (MailboxTypes.DisabledAccount(type))
            {
                replace["userAccountControl"] = ["514"];
                replace["msExchUserAccountControl"] = ["2"];
            }
        }
        if (LinkedMasterAccount is not null)
            binary["msExchMasterAccountSid"] = RecipientReferences.MasterAccountSid(LinkedMasterAccount.RawIdentity);
        else if (Given(nameof(LinkedMasterAccount)))
            binary["msExchMasterAccountSid"] = null;
        if (ApplyMandatoryProperties)
        {
            replace["msExchVersion"] = [MailboxProvisioning.Exchange2010ObjectVersion];
            replace["msExchRecipientDisplayType"] = [RecipientDisplayTypes.For(mailbox.RecipientTypeDetails).ToString(CultureInfo.InvariantCulture)];
            if (mailbox.AddressListMembership.Count == 0 && !mailbox.HiddenFromAddressListsEnabled)
                replace["showInAddressBook"] = directory.DefaultAddressLists;
        }

        var newName = Name is null ? null : ObjectName.Require(Name);
        var password = Password is null ? null : new System.Net.NetworkCredential("", Password).Password;
        if (password is { Length: 0 })
            throw new DomainRuleException("-Password is empty.", isMalformedInput: true);
        // Every value is checked before anything is written (the syntax refuses a bad one with its range).
        foreach (var change in settings.Where(c => c.Definition.Syntax is not FlagBitSyntax))
            change.Definition.Syntax.Write(change.Definition.Name, change.Value);
        if (replace.Count == 0 && settings.Count == 0 && binary.Count == 0 && password is null && (newName is null || newName == mailbox.Name))
        {
            WriteWarning($"The command completed successfully but no settings of '{mailbox.Name}' have been modified.");
            return;
        }
        if (!ShouldWrite($"mailbox \"{mailbox.Name}\""))
            return;
        if (replace.Count > 0 || settings.Count > 0 || binary.Count > 0 || password is not null)
            mailbox = directory.SetMailbox(mailbox, replace, settings, password, binary);
        if (newName is not null && newName != mailbox.Name)
            mailbox = directory.RenameMailbox(mailbox, newName);
        if (PassThru)
            WriteObject(Objects.Mailbox.From(mailbox, directory.ReadDatabases()));
    }

    /// <summary>Policies, plans and hosting values: refused unless $null (or their default), before anything is read or written.</summary>
    private void RefuseUnmodelled()
    {
        UnmodelledObjects.RefuseValue(nameof(RetentionPolicy), RetentionPolicy, "retention policies");
        UnmodelledObjects.RefuseValue(nameof(ManagedFolderMailboxPolicy), ManagedFolderMailboxPolicy, "managed folder mailbox policies");
        UnmodelledObjects.RefuseValue(nameof(RoleAssignmentPolicy), RoleAssignmentPolicy, "role assignment policies");
        UnmodelledObjects.RefuseValue(nameof(SharingPolicy), SharingPolicy, "sharing policies");
        UnmodelledObjects.RefuseValue(nameof(ThrottlingPolicy), ThrottlingPolicy, "throttling policies");
        UnmodelledObjects.RefuseValue(nameof(AddressBookPolicy), AddressBookPolicy, "address book policies");
        UnmodelledObjects.RefuseValue(nameof(MailboxPlan), MailboxPlan, "mailbox plans (Exchange 2010 hosting)");
        UnmodelledObjects.RefuseValue(nameof(SecondaryDialPlan), SecondaryDialPlan, "Unified Messaging dial plans");
        UnmodelledObjects.RefuseValue(nameof(SecondaryAddress), SecondaryAddress, "Unified Messaging dial plans (a secondary UM address belongs to one)");
        UnmodelledObjects.RefuseValue(nameof(ResourceCustom), ResourceCustom, "resource configuration (Set-ResourceConfig's custom resource properties)");
        UnmodelledObjects.RefuseValue(nameof(UserCertificate), UserCertificate, "certificates (userCertificate is not modelled)");
        UnmodelledObjects.RefuseValue(nameof(UserSMimeCertificate), UserSMimeCertificate, "certificates (userSMIMECertificate is not modelled)");
        if (ArchiveDomain is not null)
            throw UnmodelledObjects.Hosting(nameof(ArchiveDomain), "a remote archive lives in an Exchange Online organisation, which this directory has no connection to.");
        if (RemoteRecipientType != RemoteRecipientType.None)
            throw UnmodelledObjects.Hosting(nameof(RemoteRecipientType), "hybrid provisioning states need an Exchange Online organisation, which this directory has no connection to; only None is taken.");
        if (QueryBaseDNRestrictionEnabled)
            throw UnmodelledObjects.Hosting(nameof(QueryBaseDNRestrictionEnabled), "it restricts searches to a hosted organisation's base DN, and this directory is not multi-tenant; only $false is taken.");
        if (Given(nameof(WindowsLiveID)) && WindowsLiveID != default)
            throw UnmodelledObjects.Hosting(nameof(WindowsLiveID), "Windows Live IDs belong to Exchange 2010's hosted (Live@edu) deployments, which this directory does not model.");
        if (!string.IsNullOrEmpty(FederatedIdentity))
            throw UnmodelledObjects.Hosting(nameof(FederatedIdentity), "federated identities belong to Exchange 2010's hosted deployments, which this directory does not model.");
        if (!string.IsNullOrEmpty(ImmutableId))
            throw UnmodelledObjects.Hosting(nameof(ImmutableId), "an immutable ID links the mailbox to an Exchange Online identity, which this directory has no connection to.");
        if ((LinkedDomainController is not null || LinkedCredential is not null) && LinkedMasterAccount is null)
            throw new DomainRuleException("-LinkedDomainController and -LinkedCredential go with -LinkedMasterAccount.", isMalformedInput: true);
    }

    private void ResolveReferences(Ldap.Exchange.ExchangeDirectory directory, Mailbox mailbox, List<SettingChange> settings)
    {
        Resolve(settings, MailboxSettings.ForwardingAddress, ForwardingAddress?.RawIdentity, identity =>
        {
            var dn = RecipientReferences.Recipient(directory, identity);
            return DistinguishedNames.AreEqual(dn, mailbox.DistinguishedName)
                ? throw new DomainRuleException($"-ForwardingAddress names '{mailbox.Name}' itself; a mailbox cannot forward to itself.", isMalformedInput: true)
                : dn;
        });
        Resolve(settings, MailboxSettings.ArbitrationMailbox, ArbitrationMailbox?.RawIdentity, identity => RecipientReferences.Arbitration(directory, identity));
        Resolve(settings, MailboxSettings.ArchiveDatabase, ArchiveDatabase?.RawIdentity, identity =>
        {
            var database = ObjectLookup.Database(directory.ReadDatabases().Where(d => !d.IsPublicFolderDatabase), identity);
            MailboxProvisioning.RequireMailboxDatabase(database, directory.ReadServersAndArrays().Servers);
            return database.DistinguishedName;
        });
        if (Given(nameof(ArchiveDatabase)) && ArchiveDatabase is null)
            throw new DomainRuleException("-ArchiveDatabase $null would leave the archive without a database; remove the archive with Disable-Mailbox -Archive.", isMalformedInput: true);
        Resolve(settings, MailboxSettings.OfflineAddressBook, OfflineAddressBook?.RawIdentity, identity =>
            directory.FindReference(identity, directory.Partition.OrganizationDn, ["msExchOAB"])
            ?? throw new ObjectNotFoundException("offline address book", identity, $"No msExchOAB object under {directory.Partition.OrganizationDn} has that name or DN."));
        ResolveList(settings, MailboxSettings.GrantSendOnBehalfTo, GrantSendOnBehalfTo, directory);
        ResolveList(settings, MailboxSettings.ModeratedBy, ModeratedBy, directory);
        ResolveList(settings, MailboxSettings.AcceptMessagesOnlyFrom, AcceptMessagesOnlyFrom, directory);
        ResolveList(settings, MailboxSettings.AcceptMessagesOnlyFromDLMembers, AcceptMessagesOnlyFromDLMembers, directory);
        ResolveList(settings, MailboxSettings.RejectMessagesFrom, RejectMessagesFrom, directory);
        ResolveList(settings, MailboxSettings.RejectMessagesFromDLMembers, RejectMessagesFromDLMembers, directory);
    }

    /// <summary>*SendersOrMembers: one list Exchange splits into individuals and groups, each kept in its own attribute.</summary>
    private void DeliveryRestrictions(Ldap.Exchange.ExchangeDirectory directory, List<SettingChange> settings)
    {
        void Split(string parameter, MultiValuedProperty<RecipientIdParameter>? value, SettingDefinition senders, SettingDefinition members, params string[] exclusive)
        {
            if (!Given(parameter))
                return;
            if (exclusive.FirstOrDefault(Given) is { } other)
                throw new DomainRuleException($"-{parameter} and -{other} set the same lists; give one of them.", isMalformedInput: true);
            var dns = RecipientReferences.Recipients(directory, value) ?? [];
            var groups = dns.Where(dn => RecipientReferences.IsGroup(directory, dn)).ToList();
            settings.Add(new SettingChange(senders, dns.Except(groups, StringComparer.OrdinalIgnoreCase).ToList()));
            settings.Add(new SettingChange(members, groups));
        }
        Split(nameof(AcceptMessagesOnlyFromSendersOrMembers), AcceptMessagesOnlyFromSendersOrMembers, MailboxSettings.AcceptMessagesOnlyFrom, MailboxSettings.AcceptMessagesOnlyFromDLMembers,
            nameof(AcceptMessagesOnlyFrom), nameof(AcceptMessagesOnlyFromDLMembers));
        Split(nameof(RejectMessagesFromSendersOrMembers), RejectMessagesFromSendersOrMembers, MailboxSettings.RejectMessagesFrom, MailboxSettings.RejectMessagesFromDLMembers,
            nameof(RejectMessagesFrom), nameof(RejectMessagesFromDLMembers));
        Split(nameof(BypassModerationFromSendersOrMembers), BypassModerationFromSendersOrMembers, MailboxSettings.BypassModerationFrom, MailboxSettings.BypassModerationFromDLMembers);
    }

    private void ResolveList(List<SettingChange> settings, SettingDefinition definition, MultiValuedProperty<RecipientIdParameter>? value, Ldap.Exchange.ExchangeDirectory directory)
    {
        var index = settings.FindIndex(c => c.Definition == definition);
        if (index >= 0)
            settings[index] = settings[index] with { Value = RecipientReferences.Recipients(directory, value) ?? [] };
    }

    private static void Replace(List<SettingChange> settings, SettingDefinition definition, object? value)
    {
        var index = settings.FindIndex(c => c.Definition == definition);
        if (index >= 0)
            settings[index] = settings[index] with { Value = value };
    }

    /// <summary>-Database: homeMDB, msExchHomeServerName and homeMTA re-pointed (R5 holds); the content is not moved, as in Exchange.</summary>
    private void Rehome(Ldap.Exchange.ExchangeDirectory directory, Mailbox mailbox, Dictionary<string, IReadOnlyList<string>> replace)
    {
        var database = ObjectLookup.Database(directory.ReadDatabases().Where(d => !d.IsPublicFolderDatabase), Database!.RawIdentity);
        var server = MailboxProvisioning.RequireMailboxDatabase(database, directory.ReadServersAndArrays().Servers);
        if (DistinguishedNames.AreEqual(database.DistinguishedName, mailbox.DatabaseDn))
            return;
        replace["homeMDB"] = [database.DistinguishedName];
        replace["msExchHomeServerName"] = [server.LegacyExchangeDN ?? directory.Partition.ServerLegacyDn(server.Name)];
        replace["homeMTA"] = [MailboxProvisioning.HomeMtaFor(directory.Partition, server.Name)];
    }
}
