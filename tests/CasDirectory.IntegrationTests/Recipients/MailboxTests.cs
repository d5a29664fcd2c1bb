using System.Diagnostics;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Recipients;

/// <summary>
/// Mailboxes in the domain partition (docs/recipients.md, R1–R7), made, changed, moved and removed with the EMS cmdlets
/// against a real slapd, and read back with ldapsearch as another tool would see them.
/// </summary>
[TestFixture]
public sealed class MailboxTests : FreshLabTest
{
    private const string Password = "Lab-Pa55word!";
    private static string Secure(string password) => $"(ConvertTo-SecureString '{password}' -AsPlainText -Force)";

    private ProcessResult NewMailbox(string name, string alias, string extra = "") =>
        Lab.Casdir($"New-Mailbox -Name '{name}' -Alias {alias} -UserPrincipalName {alias}@lab.local -Password {Secure(Password)} {extra}");

    private LdifEntry User(string name) =>
        Lab.Tools.Entries(DirectoryAccounts.Reader, $"CN={name},CN=Users,{Lab.Partition.DomainDn}", "(objectClass=*)", "base", "*", "+").Single();

    private IReadOnlyList<LdifEntry> Users() =>
        Lab.Tools.Entries(DirectoryAccounts.Reader, Lab.Partition.DomainDn, "(objectClass=user)", "sub", "cn", "homeMDB");

    /// <summary>ldapwhoami as the user: exit 0 when the password is right, 49 (invalid credentials) when not.</summary>
    private int Bind(string dn, string password)
    {
        var info = new ProcessStartInfo("ldapwhoami") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["LDAPNOINIT"] = "1";
        foreach (var argument in new[] { "-x", "-H", Lab.Url, "-D", dn, "-w", password })
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    [Test]
    public void New_Mailbox_writes_the_user_as_Exchange_2010_does()
    {
        var result = NewMailbox("Chris Ashton", "chris", "-Database MDB01 -FirstName Chris -LastName Ashton");
        var user = User("Chris Ashton");
        var agDn = $"CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,{Lab.Partition.OrganizationDn}";

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(user.Values("objectClass"), Is.EquivalentTo(new[] { "top", "person", "organizationalPerson", "user" }));
            Assert.That(user.Value("homeMDB"), Is.EqualTo($"CN=MDB01,CN=Databases,{agDn}").IgnoreCase);
            Assert.That(user.Value("msExchHomeServerName"), Is.EqualTo("/o=First Organization/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=E2K10-MLT-01"));
            Assert.That(user.Value("homeMTA"), Is.EqualTo($"CN=Microsoft MTA,CN=E2K10-MLT-01,CN=Servers,{agDn}").IgnoreCase);
            Assert.That(user.Value("mailNickname"), Is.EqualTo("chris"));
            Assert.That(user.Value("mail"), Is.EqualTo("chris@lab.local"));
            Assert.That(user.Values("proxyAddresses"), Is.EqualTo(new[] { "SMTP:chris@lab.local" }));
            Assert.That(user.Value("legacyExchangeDN"), Is.EqualTo("/o=First Organization/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=chris"));
            Assert.That(user.Binary("msExchMailboxGuid"), Has.Length.EqualTo(16));
            Assert.That(user.Value("msExchRecipientTypeDetails"), Is.EqualTo("1"));
            Assert.That(user.Value("msExchRecipientDisplayType"), Is.EqualTo("1073741824"));
            Assert.That(user.Value("msExchVersion"), Is.EqualTo("44220983382016"));
            Assert.That(user.Values("showInAddressBook"), Has.Count.EqualTo(2));
            Assert.That(user.Value("userPrincipalName"), Is.EqualTo("chris@lab.local"));
            Assert.That(user.Value("givenName"), Is.EqualTo("Chris"));
            Assert.That(user.Value("userPassword"), Is.Null, "the reader account never sees a password");
        });
    }

    [Test]
    public void A_new_mailbox_user_binds_with_its_password_and_a_wrong_one_is_refused()
    {
        NewMailbox("Chris Ashton", "chris");
        var dn = $"CN=Chris Ashton,CN=Users,{Lab.Partition.DomainDn}";

        Assert.That(Bind(dn, Password), Is.Zero);
        Assert.That(Bind(dn, "not-the-password"), Is.EqualTo(49));
    }

    [Test]
    public void A_disabled_user_does_not_bind_even_with_its_password()
    {
        var made = Lab.Casdir($"New-Mailbox -Name 'Dis Abled' -Alias dis -UserPrincipalName dis@lab.local -AccountDisabled -Password {Secure(Password)}");

        Assert.That(made.ExitCode, Is.Zero, made.ToString());
        Assert.That(Bind($"CN=Dis Abled,CN=Users,{Lab.Partition.DomainDn}", Password), Is.EqualTo(49), "userAccountControl ACCOUNTDISABLE: no logon, as in AD");
    }

    [Test]
    public void Set_Mailbox_Password_gives_a_sample_mailbox_a_password()
    {
        var set = Lab.Casdir($"Set-Mailbox alex -Password {Secure(Password)}");

        Assert.That(set.ExitCode, Is.Zero, set.ToString());
        Assert.That(Bind($"CN=Alex Darrow,CN=Users,{Lab.Partition.DomainDn}", Password), Is.Zero);
    }

    [Test]
    public void The_sample_lab_has_three_mailboxes_on_its_two_databases()
    {
        var mailboxes = Lab.Json("Get-Mailbox");

        Assert.That(mailboxes.EnumerateArray().Select(m => (m.GetProperty("Alias").GetString(), m.GetProperty("Database").GetProperty("Name").GetString())),
            Is.EqualTo(new[] { ("alex", "MDB01"), ("ben", "MDB01"), ("cara", "MDB02") }));
    }

    [Test]
    public void Without_Database_the_2010_database_with_fewest_mailboxes_is_chosen()
    {
        NewMailbox("Dana Birk", "dana");

        Assert.That(User("Dana Birk").Value("homeMDB"), Does.StartWith("CN=MDB02,").IgnoreCase, "MDB01 holds two sample mailboxes, MDB02 one (R6)");
    }

    [Test]
    public void Without_Alias_the_name_without_spaces_is_the_alias_and_the_address()
    {
        var result = Lab.Casdir($"New-Mailbox -Name 'Dana Birk' -UserPrincipalName dana@lab.local -Password {Secure(Password)}");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(User("Dana Birk").Value("mailNickname"), Is.EqualTo("DanaBirk"));
        Assert.That(User("Dana Birk").Value("mail"), Is.EqualTo("DanaBirk@lab.local"));
    }

    [Test]
    public void A_legacyExchangeDN_another_recipient_holds_gets_a_hex_suffix()
    {
        // alex's legacyExchangeDN ends in cn=alex; a second mailbox whose alias is alex but whose address differs.
        var result = Lab.Casdir($"New-Mailbox -Name 'Alex Two' -Alias alex -UserPrincipalName alex2@lab.local -PrimarySmtpAddress alex.two@lab.local -SamAccountName alex2 -Password {Secure(Password)}");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(User("Alex Two").Value("legacyExchangeDN"), Does.Match("/cn=Recipients/cn=alex[0-9a-f]{8}$"));
    }

    [Test]
    public void An_address_another_mailbox_has_is_refused_and_nothing_is_written()
    {
        var before = Users().Count;
        var result = NewMailbox("Alex Again", "alexagain", "-PrimarySmtpAddress ALEX@lab.local");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("already used by 'Alex Darrow'"));
        Assert.That(Users(), Has.Count.EqualTo(before));
    }

    [TestCase("-Alias 'has space'", "is not a valid alias")]
    [TestCase("-Alias ok -PrimarySmtpAddress not-an-address", "not a valid SMTP address")]
    [TestCase("-Alias ok -OrganizationalUnit 'CN=Sites,CN=Configuration,DC=lab,DC=local'", "recipients live in the domain partition")]
    [TestCase("-Alias ok -Database NoSuchDb", "Get-MailboxDatabase lists them")]
    public void Bad_input_is_refused_with_a_clear_message_and_writes_nothing(string arguments, string message)
    {
        var before = Users().Count;
        var result = Lab.Casdir($"New-Mailbox -Name 'Bad Input' -UserPrincipalName bad@lab.local -Password {Secure(Password)} {arguments}");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(Users(), Has.Count.EqualTo(before));
    }

    [Test]
    public void A_recovery_or_public_folder_database_cannot_hold_a_mailbox()
    {
        Lab.Casdir("New-MailboxDatabase -Name RDB01 -Server E2K10-MLT-01 -Recovery");
        var recovery = NewMailbox("Dana Birk", "dana", "-Database RDB01");

        Assert.That(recovery.ExitCode, Is.EqualTo(1), recovery.ToString());
        Assert.That(recovery.Error, Does.Contain("recovery database"));
    }

    [Test]
    public void New_MoveRequest_moves_at_once_and_the_request_stays_completed_until_removed()
    {
        var moved = Lab.Json("New-MoveRequest alex -TargetDatabase MDB02 -BatchName wave1");
        var user = User("Alex Darrow");
        var again = Lab.Casdir("New-MoveRequest alex -TargetDatabase MDB01");
        var removed = Lab.Casdir("Remove-MoveRequest alex -Confirm:$false");
        var back = Lab.Casdir("New-MoveRequest alex -TargetDatabase MDB01");

        Assert.Multiple(() =>
        {
            Assert.That(moved[0].GetProperty("Status").GetString(), Is.EqualTo("Completed"));
            Assert.That(moved[0].GetProperty("TargetDatabase").GetProperty("Name").GetString(), Is.EqualTo("MDB02"));
            Assert.That(user.Value("homeMDB"), Does.StartWith("CN=MDB02,").IgnoreCase);
            Assert.That(user.Value("msExchHomeServerName"), Does.EndWith("/cn=E2K10-MLT-02"));
            Assert.That(user.Value("homeMTA"), Does.StartWith("CN=Microsoft MTA,CN=E2K10-MLT-02,").IgnoreCase);
            Assert.That(user.Value("msExchMailboxMoveStatus"), Is.EqualTo("10"));
            Assert.That(user.Value("msExchMailboxMoveSourceMDBLink"), Does.StartWith("CN=MDB01,").IgnoreCase);
            Assert.That(again.ExitCode, Is.EqualTo(1), "a completed request is cleared before the next move");
            Assert.That(removed.ExitCode, Is.Zero, removed.ToString());
            Assert.That(back.ExitCode, Is.Zero, back.ToString());
            Assert.That(User("Alex Darrow").Value("homeMDB"), Does.StartWith("CN=MDB01,").IgnoreCase);
        });
    }

    [Test]
    public void Get_MoveRequest_filters_by_status_and_batch()
    {
        Lab.Casdir("New-MoveRequest alex -TargetDatabase MDB02 -BatchName wave1");
        Lab.Casdir("New-MoveRequest cara -TargetDatabase MDB01 -BatchName wave2");

        Assert.That(Lab.Json("Get-MoveRequest -BatchName wave2").EnumerateArray().Select(r => r.GetProperty("Alias").GetString()), Is.EqualTo(new[] { "cara" }));
        Assert.That(Lab.Json("Get-MoveRequest -MoveStatus Completed").GetArrayLength(), Is.EqualTo(2));
        Assert.That(Lab.Casdir("Get-MoveRequest ben").Error, Does.Contain("move request 'ben' was not found"));
    }

    [Test]
    public void Set_Mailbox_adds_an_address_and_switching_the_primary_keeps_the_old_one_as_secondary()
    {
        var added = Lab.Casdir("Set-Mailbox alex -EmailAddresses @{Add='a.darrow@lab.local'}");
        var primary = Lab.Casdir("Set-Mailbox alex -PrimarySmtpAddress a.darrow@lab.local");
        var user = User("Alex Darrow");

        Assert.That(added.ExitCode, Is.Zero, added.ToString());
        Assert.That(primary.ExitCode, Is.Zero, primary.ToString());
        Assert.That(user.Value("mail"), Is.EqualTo("a.darrow@lab.local"));
        Assert.That(user.Values("proxyAddresses"), Is.EquivalentTo(new[] { "SMTP:a.darrow@lab.local", "smtp:alex@lab.local" }));
    }

    [Test]
    public void Set_Mailbox_quotas_are_read_back_as_sizes()
    {
        var result = Lab.Json("Set-Mailbox alex -ProhibitSendQuota 2GB -IssueWarningQuota 1.9GB -UseDatabaseQuotaDefaults $false -PassThru");

        Assert.That(User("Alex Darrow").Value("mDBOverQuotaLimit"), Is.EqualTo("2097152"));
        Assert.That(result[0].GetProperty("UseDatabaseQuotaDefaults").GetBoolean(), Is.False);
        Assert.That(Lab.Casdir("Get-Mailbox alex | fl ProhibitSendQuota").Output, Does.Contain("2 GB (2,147,483,648 bytes)"));
    }

    [Test]
    public void Two_primary_SMTP_addresses_are_refused()
    {
        var result = Lab.Casdir("Set-Mailbox alex -EmailAddresses SMTP:a@lab.local,SMTP:b@lab.local");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("exactly one is written SMTP:"));
        Assert.That(User("Alex Darrow").Values("proxyAddresses"), Is.EqualTo(new[] { "SMTP:alex@lab.local" }));
    }

    [Test]
    public void Enable_Mailbox_gives_an_existing_user_a_mailbox()
    {
        var add = Lab.Tools.Add(DirectoryAccounts.Provisioning, $"""
            dn: CN=Jan Kotas,CN=Users,{Lab.Partition.DomainDn}
            objectClass: top
            objectClass: person
            objectClass: organizationalPerson
            objectClass: user
            cn: Jan Kotas
            sn: Kotas
            sAMAccountName: jan
            userPrincipalName: jan@lab.local
            """);
        var enabled = Lab.Casdir("Enable-Mailbox 'Jan Kotas' -Alias jan -Database MDB02");
        var twice = Lab.Casdir("Enable-Mailbox 'Jan Kotas'");

        Assert.That(add.ExitCode, Is.Zero, add.ToString());
        Assert.That(enabled.ExitCode, Is.Zero, enabled.ToString());
        Assert.That(User("Jan Kotas").Value("homeMDB"), Does.StartWith("CN=MDB02,").IgnoreCase);
        Assert.That(User("Jan Kotas").Value("mail"), Is.EqualTo("jan@lab.local"));
        Assert.That(twice.Error, Does.Contain("already has a mailbox"));
    }

    [Test]
    public void Remove_Mailbox_deletes_the_user()
    {
        var result = Lab.Casdir("Remove-Mailbox ben -Confirm:$false");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Users().Select(u => u.Value("cn")), Is.EquivalentTo(new[] { "Alex Darrow", "Cara Lee" }));
    }

    [Test]
    public void A_database_that_holds_mailboxes_is_not_removed_and_keeps_its_copy()
    {
        var result = Lab.Casdir("Remove-MailboxDatabase MDB02 -Confirm:$false");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("contains one or more mailboxes"));
        Assert.That(Lab.Json("Get-MailboxDatabase MDB02")[0].GetProperty("Servers").GetArrayLength(), Is.EqualTo(1), "nothing was deleted");
    }

    [Test]
    public void Renaming_a_database_re_points_its_mailboxes()
    {
        var result = Lab.Casdir("Set-MailboxDatabase MDB02 -Name MDB02-Renamed");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(User("Cara Lee").Value("homeMDB"), Does.StartWith("CN=MDB02-Renamed,").IgnoreCase);
        Assert.That(Lab.Json("Get-Mailbox cara")[0].GetProperty("Database").GetProperty("Name").GetString(), Is.EqualTo("MDB02-Renamed"));
    }

    [Test]
    public void Get_Mailbox_finds_a_mailbox_by_each_of_its_identities()
    {
        foreach (var identity in new[] { "alex", "Alex Darrow", "alex@lab.local", "LAB\\alex", "lab.local/Users/Alex Darrow", $"CN=Alex Darrow,CN=Users,{Lab.Partition.DomainDn}",
                     "/o=First Organization/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=alex" })
            Assert.That(Lab.Json($"Get-Mailbox '{identity}'")[0].GetProperty("Alias").GetString(), Is.EqualTo("alex"), identity);
    }

    [Test]
    public void Get_Mailbox_shows_the_shells_columns()
    {
        var result = Lab.Casdir("Get-Mailbox -Database MDB01");

        Assert.That(result.Output, Does.Match(Table.Row("Alex Darrow  alex   e2k10-mlt-01  Unlimited")));
        Assert.That(result.Output, Does.Contain("ProhibitSendQuota"));
    }
}
