using CasDirectory.IntegrationTests.Fixtures;
using CasDirectory.Ldap.Local;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Recipients;

/// <summary>
/// Set-Mailbox's properties (docs/settings.md, "Mailboxes"): each stored in the attribute Exchange 2010 keeps it in,
/// read back by ldapsearch and by Get-Mailbox; bad values refused with nothing written, by the cmdlet and by slapd.
/// </summary>
[TestFixture]
public sealed class MailboxSettingsTests : FreshLabTest
{
    private string AlexDn => $"CN=Alex Darrow,CN=Users,{Lab.Partition.DomainDn}";

    private LdifEntry Alex() => Lab.Tools.Entries(DirectoryAccounts.Reader, AlexDn, "(objectClass=*)", "base", "*").Single();

    private string Shown(string properties) => Lab.Casdir($"Get-Mailbox alex | Format-List {properties}").Output;

    [Test]
    public void Set_Mailbox_stores_each_property_in_its_Exchange_attribute_and_Get_Mailbox_reads_it_back()
    {
        var result = Lab.Casdir("Set-Mailbox alex -CustomAttribute1 Sales -CustomAttribute15 EMEA -Office 'Building 2' -SimpleDisplayName 'Alex D' " +
                                "-MaxSendSize 10MB -MaxReceiveSize 20MB -RecipientLimits 50 -ForwardingAddress ben -DeliverToMailboxAndForward $true " +
                                "-GrantSendOnBehalfTo cara -RetainDeletedItemsFor 30.00:00:00 -SingleItemRecoveryEnabled $true -Languages en-US,de-DE " +
                                "-AuditEnabled $true -AuditOwner Update,HardDelete -RulesQuota 128KB -ExternalOofOptions InternalOnly -MailTip 'Out until May' " +
                                "-ExtensionCustomAttribute1 a,b -SCLJunkThreshold 6 -SCLJunkEnabled $true");
        var alex = Alex();

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(alex.Value("extensionAttribute1"), Is.EqualTo("Sales"));
            Assert.That(alex.Value("extensionAttribute15"), Is.EqualTo("EMEA"));
            Assert.That(alex.Value("physicalDeliveryOfficeName"), Is.EqualTo("Building 2"));
            Assert.That(alex.Value("displayNamePrintable"), Is.EqualTo("Alex D"));
            Assert.That(alex.Value("submissionContLength"), Is.EqualTo("10240"), "KB");
            Assert.That(alex.Value("delivContLength"), Is.EqualTo("20480"));
            Assert.That(alex.Value("msExchRecipLimit"), Is.EqualTo("50"));
            Assert.That(alex.Value("altRecipient"), Is.EqualTo($"CN=Ben Andrews,CN=Users,{Lab.Partition.DomainDn}").IgnoreCase);
            Assert.That(alex.Value("deliverAndRedirect"), Is.EqualTo("TRUE"));
            Assert.That(alex.Values("publicDelegates").Single(), Is.EqualTo($"CN=Cara Lee,CN=Users,{Lab.Partition.DomainDn}").IgnoreCase);
            Assert.That(alex.Value("garbageCollPeriod"), Is.EqualTo("2592000"), "seconds");
            Assert.That(alex.Value("msExchELCMailboxFlags"), Is.EqualTo("16"), "SingleItemRecovery bit");
            Assert.That(alex.Values("msExchUserCulture"), Is.EqualTo(new[] { "en-US", "de-DE" }));
            Assert.That(alex.Value("msExchMailboxAuditEnable"), Is.EqualTo("TRUE"));
            Assert.That(alex.Value("msExchAuditOwner"), Is.EqualTo("33"), "Update 1 + HardDelete 32");
            Assert.That(alex.Value("msExchMDBRulesQuota"), Is.EqualTo("128"));
            Assert.That(alex.Value("msExchExternalOOFOptions"), Is.EqualTo("1"));
            Assert.That(alex.Values("msExchSenderHintTranslations"), Is.EqualTo(new[] { "default:Out until May" }));
            Assert.That(alex.Values("msExchExtensionCustomAttribute1"), Is.EquivalentTo(new[] { "a", "b" }));
            Assert.That(alex.Value("msExchMessageHygieneSCLJunkThreshold"), Is.EqualTo("6"));
            Assert.That(alex.Value("casdirMessageHygieneSCLEnabled"), Is.EqualTo("2"));
        });
        var shown = Shown("CustomAttribute1,Office,MaxSendSize,RecipientLimits,ForwardingAddress,RetainDeletedItemsFor,SingleItemRecoveryEnabled,AuditOwner,RulesQuota,MailTip,SCLJunkThreshold");
        Assert.Multiple(() =>
        {
            Assert.That(shown, Does.Match(@"CustomAttribute1\s*: Sales"));
            Assert.That(shown, Does.Match(@"Office\s*: Building 2"));
            Assert.That(shown, Does.Contain("10 MB (10,485,760 bytes)"));
            Assert.That(shown, Does.Match(@"RecipientLimits\s*: 50"));
            Assert.That(shown, Does.Contain("Ben Andrews"));
            Assert.That(shown, Does.Match(@"RetainDeletedItemsFor\s*: 30\.00:00:00"));
            Assert.That(shown, Does.Match(@"SingleItemRecoveryEnabled\s*: True"));
            Assert.That(shown, Does.Contain("HardDelete"));
            Assert.That(shown, Does.Contain("128 KB"));
            Assert.That(shown, Does.Match(@"MailTip\s*: Out until May"));
        });
    }

    [TestCase("-MaxSendSize 3GB", "submissionContLength")]
    [TestCase("-RulesQuota 512KB", "msExchMDBRulesQuota")]
    [TestCase("-SCLJunkThreshold 12", "msExchMessageHygieneSCLJunkThreshold")]
    [TestCase("-RecipientLimits -1", "msExchRecipLimit")]
    [TestCase("-Languages english", "msExchUserCulture")]
    [TestCase("-MailTipTranslations 'no culture here'", "msExchSenderHintTranslations")]
    [TestCase("-ForwardingAddress alex", "altRecipient")]
    public void Set_Mailbox_refuses_a_value_outside_Exchanges_range_and_writes_nothing(string arguments, string attribute)
    {
        var result = Lab.Casdir($"Set-Mailbox alex -Office Kept {arguments}");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("not valid").Or.Contain("not a culture").Or.Contain("itself"));
        Assert.That(Alex().Value(attribute), Is.Null);
        Assert.That(Alex().Value("physicalDeliveryOfficeName"), Is.Null, "nothing of the command was written");
    }

    [TestCase("msExchMDBRulesQuota", "999")]
    [TestCase("msExchMessageHygieneSCLRejectThreshold", "12")]
    [TestCase("submissionContLength", "3000000")]
    [TestCase("msExchExternalOOFOptions", "7")]
    public void The_directory_refuses_a_raw_out_of_range_value(string attribute, string value)
    {
        var result = Lab.Tools.Modify(DirectoryAccounts.Provisioning, $"""
            dn: {AlexDn}
            changetype: modify
            replace: {attribute}
            {attribute}: {value}
            """);

        Assert.That(result.ExitCode, Is.EqualTo(19), $"constraint violation: {result}");
        Assert.That(Alex().Value(attribute), Is.Null);
    }

    [Test]
    public void The_directory_refuses_an_archive_link_that_is_not_a_mailbox_database()
    {
        var result = Lab.Tools.Modify(DirectoryAccounts.Provisioning, $"""
            dn: {AlexDn}
            changetype: modify
            replace: msExchArchiveDatabaseLink
            msExchArchiveDatabaseLink: {Lab.Partition.ServerDn("E2K10-MLT-01")}
            """);

        Assert.That(result.ExitCode, Is.EqualTo(19), result.ToString());
    }

    [TestCase("-RetentionPolicy 'Default MRM Policy'", "retention policies")]
    [TestCase("-SharingPolicy 'Default Sharing Policy'", "sharing policies")]
    [TestCase("-ThrottlingPolicy DefaultThrottlingPolicy", "throttling policies")]
    [TestCase("-AddressBookPolicy ABP1", "address book policies")]
    [TestCase("-RoleAssignmentPolicy 'Default Role Assignment Policy'", "role assignment policies")]
    [TestCase("-ManagedFolderMailboxPolicy MFP", "managed folder mailbox policies")]
    [TestCase("-MailboxPlan Plan1", "mailbox plans")]
    [TestCase("-SecondaryDialPlan DP1", "Unified Messaging dial plans")]
    public void A_policy_the_directory_does_not_hold_is_refused_before_anything_is_written(string arguments, string objects)
    {
        var result = Lab.Casdir($"Set-Mailbox alex -Office Kept {arguments}");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain($"holds no {objects}"));
        Assert.That(Alex().Value("physicalDeliveryOfficeName"), Is.Null);
    }

    [Test]
    public void A_policy_given_as_null_clears_nothing_that_exists_and_the_rest_of_the_command_is_written()
    {
        var result = Lab.Casdir("Set-Mailbox alex -RetentionPolicy $null -SharingPolicy $null -Office Kept");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Alex().Value("physicalDeliveryOfficeName"), Is.EqualTo("Kept"));
    }

    [TestCase("-QueryBaseDNRestrictionEnabled $true", "not multi-tenant")]
    [TestCase("-WindowsLiveID alex@live.com", "Windows Live IDs")]
    [TestCase("-ImmutableId abc", "Exchange Online")]
    [TestCase("-RemoteRecipientType ProvisionMailbox", "Exchange Online")]
    [TestCase("-ArchiveDomain archive.contoso.com", "Exchange Online")]
    public void A_hosting_or_cloud_value_is_refused_with_what_is_missing(string arguments, string message)
    {
        var result = Lab.Casdir($"Set-Mailbox alex {arguments}");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain(message));
    }

    [Test]
    public void A_primary_address_given_by_hand_turns_the_email_address_policy_off()
    {
        Lab.Casdir("Set-Mailbox alex -EmailAddresses @{Add='a.darrow@lab.local'}");
        var result = Lab.Casdir("Set-Mailbox alex -WindowsEmailAddress a.darrow@lab.local");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Alex().Value("mail"), Is.EqualTo("a.darrow@lab.local"));
        Assert.That(Alex().Values("msExchPoliciesExcluded"), Is.EqualTo(new[] { "{26491cfc-9e50-4857-861b-0cb8df22b5d7}" }));
        Assert.That(Shown("EmailAddressPolicyEnabled"), Does.Match(@"EmailAddressPolicyEnabled\s*: False"));
        Assert.That(Lab.Casdir("Set-Mailbox alex -EmailAddressPolicyEnabled $true").ExitCode, Is.Zero);
        Assert.That(Alex().Value("msExchPoliciesExcluded"), Is.Null);
    }

    [Test]
    public void Litigation_hold_keeps_the_mailbox_until_IgnoreLegalHold()
    {
        Lab.Casdir("Set-Mailbox ben -LitigationHoldEnabled $true -LitigationHoldOwner 'Legal' -LitigationHoldDate '2027-01-31 10:00'");
        var refused = Lab.Casdir("Remove-Mailbox ben -Confirm:$false");
        var disabled = Lab.Casdir("Disable-Mailbox ben -Confirm:$false");
        var removed = Lab.Casdir("Remove-Mailbox ben -IgnoreLegalHold -Confirm:$false");

        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error, Does.Contain("litigation hold"));
        Assert.That(disabled.ExitCode, Is.EqualTo(1), disabled.ToString());
        Assert.That(removed.ExitCode, Is.Zero, removed.ToString());
    }

    [Test]
    public void Disable_Mailbox_takes_the_mailbox_settings_away_and_keeps_the_users_own()
    {
        Lab.Casdir("Set-Mailbox alex -CustomAttribute1 Sales -Office 'Building 2' -MaxSendSize 10MB -ForwardingAddress ben -AuditEnabled $true");
        var result = Lab.Casdir("Disable-Mailbox alex -Confirm:$false");
        var alex = Alex();

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(alex.Value("homeMDB"), Is.Null);
            Assert.That(alex.Value("submissionContLength"), Is.Null);
            Assert.That(alex.Value("altRecipient"), Is.Null);
            Assert.That(alex.Value("msExchMailboxAuditEnable"), Is.Null);
            Assert.That(alex.Value("extensionAttribute1"), Is.EqualTo("Sales"), "the account's own attributes stay");
            Assert.That(alex.Value("physicalDeliveryOfficeName"), Is.EqualTo("Building 2"));
        });
    }

    [Test]
    public void Get_Mailbox_Filter_is_translated_into_one_LDAP_filter_and_SortBy_sorts()
    {
        var byAlias = Lab.Casdir("Get-Mailbox -Filter \"Alias -like 'a*'\" | ForEach-Object Alias");
        var byDatabase = Lab.Casdir("Get-Mailbox -Filter {Database -eq 'MDB02'} | ForEach-Object Alias");
        var sorted = Lab.Casdir("Get-Mailbox -SortBy PrimarySmtpAddress | ForEach-Object Alias");
        var bad = Lab.Casdir("Get-Mailbox -Filter \"Nonsense -eq 'x'\"");

        Assert.That(byAlias.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Is.EqualTo(new[] { "alex" }), byAlias.ToString());
        Assert.That(byDatabase.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Is.EqualTo(new[] { "cara" }), byDatabase.ToString());
        Assert.That(sorted.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Is.EqualTo(new[] { "alex", "ben", "cara" }));
        Assert.That(bad.ExitCode, Is.EqualTo(2));
        Assert.That(bad.Error, Does.Contain("'Nonsense' is not a property of Mailbox"));
    }

    [Test]
    public void Set_Mailbox_Type_converts_the_mailbox_and_disables_a_resources_user()
    {
        var result = Lab.Casdir("Set-Mailbox alex -Type Room");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Alex().Value("msExchRecipientTypeDetails"), Is.EqualTo("16"));
        Assert.That(Alex().Value("msExchRecipientDisplayType"), Is.EqualTo("7"));
        Assert.That(Alex().Value("userAccountControl"), Is.EqualTo("514"));
    }

    [Test]
    public void Forwarding_to_an_SMTP_address_a_reset_password_and_a_DTMF_map_are_stored_as_Exchange_stores_them()
    {
        var result = Lab.Casdir("Set-Mailbox alex -ForwardingSmtpAddress manuel@contoso.com -ResetPasswordOnNextLogon $true -CreateDTMFMap $true");
        var alex = Alex();

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(alex.Value("msExchGenericForwardingAddress"), Is.EqualTo("smtp:manuel@contoso.com"));
        Assert.That(alex.Value("pwdLastSet"), Is.EqualTo("0"));
        Assert.That(alex.Values("msExchUMDtmfMap"), Does.Contain("emailAddress:2539"));
        Assert.That(Lab.Casdir("Set-Mailbox alex -ResetPasswordOnNextLogon $false -ForwardingSmtpAddress $null").ExitCode, Is.Zero);
        Assert.That(Alex().Value("pwdLastSet"), Is.Null);
        Assert.That(Alex().Value("msExchGenericForwardingAddress"), Is.Null);
    }

    [Test]
    public void A_hold_date_is_a_generalized_time_and_null_clears_it()
    {
        var set = Lab.Casdir("Set-Mailbox alex -LitigationHoldDate '2027-01-31 10:00' -StartDateForRetentionHold '2027-02-01' -RetentionHoldEnabled $true");
        var stored = Alex().Value("msExchLitigationHoldDate");
        var cleared = Lab.Casdir("Set-Mailbox alex -LitigationHoldDate $null");

        Assert.That(set.ExitCode, Is.Zero, set.ToString());
        Assert.That(stored, Is.EqualTo("20270131100000.0Z"));
        Assert.That(Alex().Value("msExchELCMailboxFlags"), Is.EqualTo("1"));
        Assert.That(cleared.ExitCode, Is.Zero, cleared.ToString());
        Assert.That(Alex().Value("msExchLitigationHoldDate"), Is.Null);
        Assert.That(Alex().Value("msExchElcExpirySuspensionStart"), Is.Not.Null, "only the date given is cleared");
    }

    [Test]
    public void A_senders_or_members_list_is_kept_as_individual_senders_and_a_moderation_list_as_given()
    {
        var result = Lab.Casdir("Set-Mailbox alex -AcceptMessagesOnlyFromSendersOrMembers ben,cara -ModeratedBy ben -ModerationEnabled $true -SendModerationNotifications Internal");
        var both = Lab.Casdir("Set-Mailbox alex -AcceptMessagesOnlyFrom ben -AcceptMessagesOnlyFromSendersOrMembers cara");
        var alex = Alex();

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(alex.Values("authOrig"), Has.Count.EqualTo(2));
        Assert.That(alex.Value("dLMemSubmitPerms"), Is.Null, "ben and cara are users, not groups");
        Assert.That(alex.Values("msExchModeratedByLink").Single(), Does.StartWith("CN=Ben Andrews,").IgnoreCase);
        Assert.That(alex.Value("msExchModerationFlags"), Is.EqualTo("2"));
        Assert.That(both.ExitCode, Is.EqualTo(2));
        Assert.That(both.Error, Does.Contain("set the same lists"));
    }
}
