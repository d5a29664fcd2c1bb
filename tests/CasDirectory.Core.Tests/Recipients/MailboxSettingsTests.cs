using CasDirectory.Core;
using CasDirectory.Core.ActiveDirectory;
using CasDirectory.Core.Recipients;
using CasDirectory.Core.Settings;
using CasDirectory.Core.Values;
using NUnit.Framework;

namespace CasDirectory.Core.Tests.Recipients;

/// <summary>The mailbox settings' syntaxes (docs/settings.md, "Mailboxes"), MailTips, DTMF maps and the OPATH filter properties.</summary>
[TestFixture]
public sealed class MailboxSettingsTests
{
    [Test]
    public void Sizes_are_kept_in_kilobytes_and_message_sizes_stop_below_2GB()
    {
        Assert.That(MailboxSettings.MaxSendSize.Syntax.Write("MaxSendSize", new Unlimited<ByteQuantifiedSize>(ByteQuantifiedSize.Parse("10 MB"))), Is.EqualTo(new[] { "10240" }));
        Assert.That(MailboxSettings.MaxSendSize.Syntax.Write("MaxSendSize", Unlimited<ByteQuantifiedSize>.UnlimitedValue), Is.Empty);
        Assert.That(() => MailboxSettings.MaxSendSize.Syntax.Write("MaxSendSize", new Unlimited<ByteQuantifiedSize>(ByteQuantifiedSize.Parse("3 GB"))),
            Throws.TypeOf<DomainRuleException>().With.Message.Contains("MaxSendSize"));
        Assert.That(() => MailboxSettings.RulesQuota.Syntax.Write("RulesQuota", ByteQuantifiedSize.Parse("512 KB")), Throws.TypeOf<DomainRuleException>());
    }

    [Test]
    public void Holds_and_recovery_share_the_ELC_flags_each_in_its_bit()
    {
        var flags = MailboxSettings.InitialValues([new SettingChange(MailboxSettings.SingleItemRecoveryEnabled, true), new SettingChange(MailboxSettings.LitigationHoldEnabled, true)]);

        Assert.That(flags["msExchELCMailboxFlags"], Is.EqualTo(new[] { "24" }));
        Assert.That(MailboxSettings.LitigationHoldEnabled.Read(["24"]), Is.True);
        Assert.That(MailboxSettings.RetentionHoldEnabled.Read(["24"]), Is.False);
        Assert.That(MailboxSettings.UseDatabaseRetentionDefaults.Read([]), Is.True);
    }

    [Test]
    public void Dates_are_generalized_times_in_UTC_and_null_clears_them()
    {
        var written = MailboxSettings.LitigationHoldDate.Syntax.Write("LitigationHoldDate", new DateTime(2027, 1, 31, 10, 0, 0, DateTimeKind.Utc));

        Assert.That(written, Is.EqualTo(new[] { "20270131100000.0Z" }));
        Assert.That(MailboxSettings.LitigationHoldDate.Read(written), Is.EqualTo(new DateTime(2027, 1, 31, 10, 0, 0, DateTimeKind.Utc)));
        Assert.That(MailboxSettings.LitigationHoldDate.Syntax.Write("LitigationHoldDate", null), Is.Empty);
    }

    [Test]
    public void Languages_are_culture_names_in_the_usual_case_and_another_form_is_refused()
    {
        Assert.That(MailboxSettings.Languages.Syntax.Write("Languages", new[] { "en-us", "DE-de", "sr-latn-rs" }), Is.EqualTo(new[] { "en-US", "de-DE", "sr-Latn-RS" }));
        Assert.That(() => MailboxSettings.Languages.Syntax.Write("Languages", "english"), Throws.TypeOf<DomainRuleException>().With.Message.Contains("not a culture"));
    }

    [Test]
    public void The_email_address_policy_is_off_while_its_exclusion_GUID_is_kept()
    {
        Assert.That(MailboxSettings.EmailAddressPolicyEnabled.Read([]), Is.True);
        Assert.That(MailboxSettings.EmailAddressPolicyEnabled.Syntax.Write("EmailAddressPolicyEnabled", false), Is.EqualTo(new[] { "{26491cfc-9e50-4857-861b-0cb8df22b5d7}" }));
        Assert.That(MailboxSettings.EmailAddressPolicyEnabled.Read(["{26491CFC-9E50-4857-861B-0CB8DF22B5D7}"]), Is.False);
    }

    [Test]
    public void Moderation_notifications_sit_in_bits_1_and_2_and_default_to_Always()
    {
        Assert.That(MailboxSettings.SendModerationNotifications.Read([]), Is.EqualTo(TransportModerationNotificationFlags.Always));
        Assert.That(MailboxSettings.SendModerationNotifications.Syntax.Write("SendModerationNotifications", TransportModerationNotificationFlags.Internal), Is.EqualTo(new[] { "2" }));
        Assert.That(MailboxSettings.SendModerationNotifications.Read(["6"]), Is.EqualTo(TransportModerationNotificationFlags.Always));
    }

    [Test]
    public void A_MailTip_and_its_translations_share_one_attribute_and_setting_one_keeps_the_other()
    {
        var withTip = MailTips.Merge([], true, "Out until May", null);
        var withBoth = MailTips.Merge(withTip, false, null, ["fr: Absent jusqu'en mai"]);

        Assert.That(withBoth, Is.EqualTo(new[] { "default:Out until May", "FR:Absent jusqu'en mai" }));
        Assert.That(MailTips.MailTip(withBoth), Is.EqualTo("Out until May"));
        Assert.That(MailTips.Merge(withBoth, true, null, null), Is.EqualTo(new[] { "FR:Absent jusqu'en mai" }));
        Assert.That(() => MailTips.Merge([], false, null, ["no culture"]), Throws.TypeOf<DomainRuleException>());
    }

    [Test]
    public void A_DTMF_map_spells_the_alias_and_names_on_a_telephone_keypad()
    {
        Assert.That(DtmfMap.For("chris", "Chris", "Ashton"), Is.EqualTo(new[] { "emailAddress:24747", "lastNameFirstName:27486624747", "firstNameLastName:24747274866" }));
    }

    [Test]
    public void An_OPATH_filter_becomes_one_LDAP_filter_with_names_looked_up()
    {
        var properties = MailboxFilterProperties.For(_ => false, (attribute, value) => $"CN={value},CN=Databases");

        Assert.That(AdFilter.ToLdap("{Alias -like 'a*'}", properties, _ => null), Is.EqualTo("(mailNickname=a*)"));
        Assert.That(AdFilter.ToLdap("Database -eq 'MDB01' -and CustomAttribute1 -eq 'Sales'", properties, _ => null),
            Is.EqualTo(@"(&(homeMDB=CN=MDB01,CN=Databases)(extensionAttribute1=Sales))"));
        Assert.That(AdFilter.ToLdap("RecipientTypeDetails -eq 'RoomMailbox'", properties, _ => null), Is.EqualTo("(msExchRecipientTypeDetails=16)"));
        Assert.That(() => AdFilter.ToLdap("Nonsense -eq 'x'", properties, _ => null), Throws.TypeOf<DomainRuleException>().With.Message.Contains("not a property of Mailbox"));
    }

    [Test]
    public void A_reference_to_an_object_the_directory_does_not_hold_is_refused_unless_null()
    {
        Assert.That(() => UnmodelledObjects.RefuseValue("RetentionPolicy", "Default MRM Policy", "retention policies"),
            Throws.TypeOf<DomainRuleException>().With.Message.Contains("holds no retention policies").And.Message.Contains("$null"));
        Assert.That(() => UnmodelledObjects.RefuseValue("RetentionPolicy", null, "retention policies"), Throws.Nothing);
        Assert.That(() => UnmodelledObjects.RefuseValue("ResourceCustom", Array.Empty<string>(), "resource configuration"), Throws.Nothing);
    }

    [Test]
    public void An_SMTP_domain_is_a_domain_name()
    {
        Assert.That(SmtpDomain.Parse("archive.contoso.com").Domain, Is.EqualTo("archive.contoso.com"));
        Assert.That(() => SmtpDomain.Parse("not a domain"), Throws.TypeOf<DomainRuleException>());
    }
}
