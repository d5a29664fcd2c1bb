using System.Net;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;
using CasDirectory.Core.Servers;
using NUnit.Framework;

namespace CasDirectory.Core.Tests.Recipients;

/// <summary>The rules by which a user becomes a mailbox (docs/recipients.md, R1–R7), without a directory.</summary>
public sealed class MailboxProvisioningTests
{
    private static readonly ConfigurationPartition Partition = ConfigurationPartition.Default;

    private static ExchangeServer Server(string name, ServerVersion version, ServerRoles roles = ServerRoles.Mailbox | ServerRoles.ClientAccess) => new()
    {
        Name = name, DistinguishedName = Partition.ServerDn(name), Roles = roles, Version = version, IPAddresses = [IPAddress.Loopback],
        LegacyExchangeDN = Partition.ServerLegacyDn(name), Provisioning = ProvisioningState.Complete,
    };

    private static MailboxDatabase Database(string name, string server, bool recovery = false, bool publicFolder = false) => new()
    {
        Name = name, DistinguishedName = Partition.DatabaseDn(name), ServerName = server, Recovery = recovery, IsPublicFolderDatabase = publicFolder,
        CopyServerNames = [server],
    };

    private static Mailbox InDatabase(string alias, string database) => new()
    {
        Name = alias, DistinguishedName = $"CN={alias},{Partition.UsersDn}", Alias = alias, DatabaseDn = Partition.DatabaseDn(database),
        EmailAddresses = [$"SMTP:{alias}@lab.local"], PrimarySmtpAddress = $"{alias}@lab.local", UserPrincipalName = $"{alias}@lab.local", SamAccountName = alias,
    };

    private static readonly ServerVersion Exchange2010 = ServerVersion.Parse("14.2.247.5");
    private static readonly ServerVersion Exchange2007 = ServerVersion.Parse("8.3.83.6");

    [TestCase("Chris Ashton", "ChrisAshton")]
    [TestCase("Zoë O'Brien", "ZoO'Brien")]
    [TestCase("..dots..", "dots")]
    [TestCase("a..b", "a.b")]
    public void R1_the_alias_is_the_name_without_what_an_alias_cannot_hold(string name, string alias) =>
        Assert.That(MailboxProvisioning.AliasFrom(name), Is.EqualTo(alias));

    [Test]
    public void R1_a_name_with_nothing_an_alias_can_hold_asks_for_Alias() =>
        Assert.That(() => MailboxProvisioning.AliasFrom("日本"), Throws.TypeOf<DomainRuleException>().With.Message.Contains("give -Alias"));

    [TestCase("has space")]
    [TestCase(".leading")]
    [TestCase("double..dot")]
    [TestCase("semi;colon")]
    public void R1_an_alias_that_is_no_local_part_is_refused(string alias) =>
        Assert.That(() => MailboxProvisioning.RequireAlias(alias), Throws.TypeOf<DomainRuleException>());

    [Test]
    public void R1_a_65_character_alias_is_refused() =>
        Assert.That(() => MailboxProvisioning.RequireAlias(new string('a', 65)), Throws.TypeOf<DomainRuleException>());

    [Test]
    public void R3_the_legacyExchangeDN_is_the_recipients_path_and_a_clash_gets_a_hex_suffix()
    {
        var guid = Guid.Parse("0123abcd-0000-0000-0000-000000000000");
        var free = MailboxProvisioning.LegacyExchangeDnFor(Partition, "chris", guid, _ => false);
        var clash = MailboxProvisioning.LegacyExchangeDnFor(Partition, "chris", guid, _ => true);

        Assert.That(free, Is.EqualTo("/o=First Organization/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=chris"));
        Assert.That(clash, Is.EqualTo(free + "0123abcd"));
    }

    [Test]
    public void R4_the_primary_comes_first_and_other_smtp_addresses_become_secondary_once_each()
    {
        var addresses = MailboxProvisioning.Addresses(SmtpAddress.Parse("chris@lab.local"),
            [ProxyAddress.Parse("SMTP:c.ashton@lab.local"), ProxyAddress.Parse("smtp:CHRIS@lab.local"), ProxyAddress.Parse("X500:/o=Old/cn=chris"), ProxyAddress.Parse("c.ashton@lab.local")]);

        Assert.That(addresses.Select(a => a.ToString()), Is.EqualTo(new[] { "SMTP:chris@lab.local", "smtp:c.ashton@lab.local", "X500:/o=Old/cn=chris" }));
    }

    [Test]
    public void R4_two_primary_smtp_addresses_are_refused() =>
        Assert.That(() => MailboxProvisioning.PrimaryOf([ProxyAddress.Parse("SMTP:a@lab.local"), ProxyAddress.Parse("SMTP:b@lab.local")], null),
            Throws.TypeOf<DomainRuleException>().With.Message.Contains("exactly one"));

    [Test]
    public void R4_without_an_SMTP_value_the_current_primary_stays_when_it_is_still_listed() =>
        Assert.That(MailboxProvisioning.PrimaryOf([ProxyAddress.Parse("smtp:a@lab.local"), ProxyAddress.Parse("smtp:b@lab.local")], SmtpAddress.Parse("b@lab.local")).Address,
            Is.EqualTo("b@lab.local"));

    [TestCase("no-at-sign")]
    [TestCase("a@b")]
    [TestCase("a b@lab.local")]
    [TestCase("@lab.local")]
    [TestCase("a@-lab.local")]
    public void An_address_that_is_no_smtp_address_is_refused(string text) =>
        Assert.That(SmtpAddress.TryParse(text, out _), Is.False);

    [Test]
    public void R5_a_recovery_public_folder_or_serverless_database_cannot_hold_a_mailbox()
    {
        var servers = new[] { Server("E2K10-01", Exchange2010), Server("E2003", ServerVersion.Parse("6.5.7638.2")) };

        Assert.Multiple(() =>
        {
            Assert.That(() => MailboxProvisioning.RequireMailboxDatabase(Database("RDB", "E2K10-01", recovery: true), servers), Throws.TypeOf<DomainRuleException>().With.Message.Contains("recovery"));
            Assert.That(() => MailboxProvisioning.RequireMailboxDatabase(Database("PF", "E2K10-01", publicFolder: true), servers), Throws.TypeOf<DomainRuleException>().With.Message.Contains("public folder"));
            Assert.That(() => MailboxProvisioning.RequireMailboxDatabase(Database("X", "GONE"), servers), Throws.TypeOf<DomainRuleException>().With.Message.Contains("no server"));
            Assert.That(() => MailboxProvisioning.RequireMailboxDatabase(Database("OLD", "E2003"), servers), Throws.TypeOf<DomainRuleException>().With.Message.Contains("not an Exchange 2007 or 2010"));
            Assert.That(MailboxProvisioning.RequireMailboxDatabase(Database("MDB", "E2K10-01"), servers).Name, Is.EqualTo("E2K10-01"));
        });
    }

    [Test]
    public void R6_without_a_database_the_2010_one_with_fewest_mailboxes_is_chosen_ties_by_name()
    {
        var servers = new[] { Server("E2K10-01", Exchange2010), Server("E2K7-01", Exchange2007) };
        var databases = new[] { Database("MDB-B", "E2K10-01"), Database("MDB-A", "E2K10-01"), Database("MDB-C", "E2K10-01"), Database("MDB-2007", "E2K7-01"), Database("RDB", "E2K10-01", recovery: true) };

        Assert.That(MailboxProvisioning.ChooseDatabase(databases, servers, []).Name, Is.EqualTo("MDB-A"), "ties by name");
        Assert.That(MailboxProvisioning.ChooseDatabase(databases, servers, [InDatabase("x", "MDB-A"), InDatabase("y", "MDB-B")]).Name, Is.EqualTo("MDB-C"));
        Assert.That(() => MailboxProvisioning.ChooseDatabase([databases[3], databases[4]], servers, []), Throws.TypeOf<DomainRuleException>());
    }

    [Test]
    public void R7_an_address_in_use_with_any_prefix_case_is_refused_but_the_mailbox_itself_may_keep_its_own()
    {
        var existing = new[] { InDatabase("chris", "MDB") };
        var taken = new[] { ProxyAddress.Parse("smtp:CHRIS@lab.local") };

        Assert.That(() => RecipientUniqueness.Check(existing, null, taken, null, null), Throws.TypeOf<DomainRuleException>().With.Message.Contains("already used by 'chris'"));
        Assert.That(() => RecipientUniqueness.Check(existing, existing[0].DistinguishedName, taken, null, null), Throws.Nothing);
        Assert.That(() => RecipientUniqueness.Check(existing, null, [], "Chris@Lab.Local", null), Throws.TypeOf<DomainRuleException>().With.Message.Contains("user principal name"));
    }

    [TestCase("chris")]
    [TestCase("Chris")]
    [TestCase("chris@lab.local")]
    [TestCase("SMTP:chris@lab.local")]
    [TestCase("LAB\\chris")]
    [TestCase("lab.local/Users/chris")]
    [TestCase("CN=chris,CN=Users,DC=lab,DC=local")]
    public void A_mailbox_is_found_by_each_identity_EMS_takes(string identity) =>
        Assert.That(RecipientLookup.Mailbox([InDatabase("chris", "MDB"), InDatabase("dana", "MDB")], identity).Alias, Is.EqualTo("chris"));

    [Test]
    public void An_identity_that_fits_two_mailboxes_is_refused_naming_both()
    {
        var one = InDatabase("chris", "MDB");
        var two = InDatabase("dana", "MDB") with { Name = "chris-two", Alias = "chris" };

        Assert.That(() => RecipientLookup.Mailbox([one with { Name = "Chris A" }, two], "chris"), Throws.TypeOf<DomainRuleException>().With.Message.Contains("more than one mailbox"));
    }

    [Test]
    public void The_canonical_name_is_ADs() =>
        Assert.That(RecipientNames.CanonicalName("CN=Chris Ashton,CN=Users,DC=lab,DC=local"), Is.EqualTo("lab.local/Users/Chris Ashton"));
}
