using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>
/// What slapd enforces for recipients itself (docs/recipients.md, "What the directory enforces"): raw ldapadd/ldapmodify
/// under the provisioning account cannot put a mailbox in something that is not a mailbox database, give two recipients
/// one address, delete a database a mailbox lives in, or read a password.
/// </summary>
[TestFixture]
public sealed class RecipientRuleTests : FreshLabTest
{
    private const string Provisioning = DirectoryAccounts.Provisioning;

    private string AgDn => $"CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,{Lab.Partition.OrganizationDn}";

    private string UserLdif(string cn, string alias, string homeMdb, string? mail = null) => $"""
        dn: CN={cn},CN=Users,{Lab.Partition.DomainDn}
        objectClass: top
        objectClass: person
        objectClass: organizationalPerson
        objectClass: user
        cn: {cn}
        sn: {cn}
        sAMAccountName: {alias}
        mailNickname: {alias}
        mail: {mail ?? alias + "@lab.local"}
        proxyAddresses: SMTP:{mail ?? alias + "@lab.local"}
        homeMDB: {homeMdb}
        """;

    [Test]
    public void A_mailbox_in_a_mailbox_database_made_with_ldapadd_is_accepted()
    {
        var result = Lab.Tools.Add(Provisioning, UserLdif("Raw User", "raw", $"CN=MDB01,CN=Databases,{AgDn}"));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public void HomeMDB_naming_a_server_is_refused()
    {
        var result = Lab.Tools.Add(Provisioning, UserLdif("Raw User", "raw", $"CN=E2K10-MLT-01,CN=Servers,{AgDn}"));

        Assert.That(result.ExitCode, Is.EqualTo(LdapToolResult.ConstraintViolation), "R5: homeMDB names an msExchPrivateMDB: " + result);
    }

    [Test]
    public void HomeMDB_naming_nothing_is_refused()
    {
        var result = Lab.Tools.Add(Provisioning, UserLdif("Raw User", "raw", $"CN=NoSuchDb,CN=Databases,{AgDn}"));

        Assert.That(result.ExitCode, Is.EqualTo(LdapToolResult.ConstraintViolation), result.ToString());
    }

    [Test]
    public void A_second_recipient_with_an_address_in_use_is_refused()
    {
        var mail = Lab.Tools.Add(Provisioning, UserLdif("Raw User", "raw", $"CN=MDB01,CN=Databases,{AgDn}", mail: "alex@lab.local"));

        Assert.That(mail.ExitCode, Is.EqualTo(LdapToolResult.ConstraintViolation), "R7: alex@lab.local is Alex Darrow's: " + mail);
    }

    [Test]
    public void An_address_in_use_with_another_prefix_case_is_refused()
    {
        var result = Lab.Tools.Modify(Provisioning, $"""
            dn: CN=Cara Lee,CN=Users,{Lab.Partition.DomainDn}
            changetype: modify
            add: proxyAddresses
            proxyAddresses: smtp:ALEX@lab.local
            """);

        Assert.That(result.ExitCode, Is.EqualTo(LdapToolResult.ConstraintViolation), result.ToString());
    }

    [Test]
    public void Deleting_a_database_a_mailbox_lives_in_is_refused_by_slapd()
    {
        // The copy first, as a raw tool deleting the subtree would; then the database itself.
        Lab.Tools.Run("ldapdelete", Provisioning, [$"CN=E2K10-MLT-02,CN=MDB02,CN=Databases,{AgDn}"]);
        var result = Lab.Tools.Run("ldapdelete", Provisioning, [$"CN=MDB02,CN=Databases,{AgDn}"]);

        Assert.That(result.ExitCode, Is.EqualTo(53), "unwilling to perform: " + result);
        Assert.That(result.Error, Does.Contain("still referenced by").IgnoreCase);
    }

    [Test]
    public void The_provisioning_account_sets_passwords_but_cannot_read_them()
    {
        var set = Lab.Tools.Modify(Provisioning, $"""
            dn: CN=Alex Darrow,CN=Users,{Lab.Partition.DomainDn}
            changetype: modify
            replace: userPassword
            userPassword: Lab-Pa55word!
            """);
        var read = Lab.Tools.Entries(Provisioning, $"CN=Alex Darrow,CN=Users,{Lab.Partition.DomainDn}", "(objectClass=*)", "base", "userPassword");

        Assert.That(set.ExitCode, Is.Zero, set.ToString());
        Assert.That(read.Single().Value("userPassword"), Is.Null);
    }

    [Test]
    public void The_provisioning_account_cannot_add_an_extensibleObject_user_or_touch_the_application_accounts()
    {
        var extensible = Lab.Tools.Add(Provisioning, UserLdif("Raw User", "raw", $"CN=MDB01,CN=Databases,{AgDn}") + "\nobjectClass: extensibleObject\nsomeAttribute: x");
        var account = Lab.Tools.Modify(Provisioning, $"""
            dn: {Lab.Account(DirectoryAccounts.Reader).Dn}
            changetype: modify
            replace: description
            description: taken over
            """);

        Assert.That(extensible.ExitCode, Is.Not.Zero, extensible.ToString());
        Assert.That(account.ExitCode, Is.EqualTo(LdapToolResult.InsufficientAccess), account.ToString());
    }

    [Test]
    public void The_reader_account_cannot_write_a_mailbox()
    {
        var result = Lab.Tools.Modify(DirectoryAccounts.Reader, $"""
            dn: CN=Alex Darrow,CN=Users,{Lab.Partition.DomainDn}
            changetype: modify
            replace: mail
            mail: other@lab.local
            """);

        Assert.That(result.ExitCode, Is.EqualTo(LdapToolResult.InsufficientAccess), result.ToString());
    }

    [Test]
    public void Adding_extensibleObject_to_a_user_is_refused()
    {
        var result = Lab.Tools.Modify(Provisioning, $"""
            dn: CN=Cara Lee,CN=Users,{Lab.Partition.DomainDn}
            changetype: modify
            add: objectClass
            objectClass: extensibleObject
            -
            add: o
            o: evil
            """);

        Assert.That(result.ExitCode, Is.EqualTo(LdapToolResult.InsufficientAccess), result.ToString());
    }

    [Test]
    public void A_user_below_an_application_account_or_another_user_is_refused()
    {
        var belowAccount = Lab.Tools.Add(Provisioning, UserLdif("Sub", "sub", $"CN=MDB01,CN=Databases,{AgDn}").Replace($"CN=Sub,CN=Users,{Lab.Partition.DomainDn}", $"CN=Sub,{Lab.Account(DirectoryAccounts.Reader).Dn}"));
        var belowUser = Lab.Tools.Add(Provisioning, UserLdif("Sub", "sub", $"CN=MDB01,CN=Databases,{AgDn}").Replace($"CN=Sub,CN=Users,{Lab.Partition.DomainDn}", $"CN=Sub,CN=Alex Darrow,CN=Users,{Lab.Partition.DomainDn}"));

        Assert.That(belowAccount.ExitCode, Is.EqualTo(LdapToolResult.InsufficientAccess), belowAccount.ToString());
        Assert.That(belowUser.ExitCode, Is.EqualTo(LdapToolResult.InsufficientAccess), belowUser.ToString());
    }

    [Test]
    public void New_Mailbox_puts_a_user_only_in_a_container_or_organizational_unit()
    {
        var result = Lab.Casdir($"New-Mailbox -Name Sub -Alias sub -UserPrincipalName sub@lab.local -OrganizationalUnit '{Lab.Account(DirectoryAccounts.Reader).Dn}' -Password (ConvertTo-SecureString 'Lab-Pa55word!' -AsPlainText -Force)");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("is not a container or organizational unit"));
    }

    [Test]
    public void Remove_MailboxDatabase_refuses_a_database_a_raw_user_names_before_writing_anything()
    {
        Lab.Casdir("New-MailboxDatabase -Name MDB03 -Server E2K10-MLT-02");
        var raw = Lab.Tools.Add(Provisioning, $"""
            dn: CN=Raw No Alias,CN=Users,{Lab.Partition.DomainDn}
            objectClass: top
            objectClass: person
            objectClass: organizationalPerson
            objectClass: user
            cn: Raw No Alias
            sn: Raw
            sAMAccountName: rawnoalias
            homeMDB: CN=MDB03,CN=Databases,{AgDn}
            """);
        Assert.That(raw.ExitCode, Is.Zero, raw.ToString());

        var removed = Lab.Casdir("Remove-MailboxDatabase MDB03 -Confirm:$false");

        Assert.That(removed.ExitCode, Is.EqualTo(1));
        Assert.That(removed.Error, Does.Contain("contains one or more mailboxes").And.Not.Contain("was written"));
        Assert.That(Lab.Json("Get-MailboxDatabase MDB03")[0].GetProperty("Servers").GetArrayLength(), Is.EqualTo(1), "its copy is still there");
    }

    [Test]
    public void Set_Mailbox_refuses_an_X500_address_that_is_another_mailboxs_legacyExchangeDN()
    {
        var result = Lab.Casdir("Set-Mailbox alex -EmailAddresses @{Add='X500:/o=First Organization/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=ben'}");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("already used by 'Ben Andrews'"));
    }

    [Test]
    public void A_cleartext_password_written_with_ldapmodify_is_stored_hashed()
    {
        var set = Lab.Tools.Modify(Provisioning, $"""
            dn: CN=Alex Darrow,CN=Users,{Lab.Partition.DomainDn}
            changetype: modify
            replace: userPassword
            userPassword: Lab-Pa55word!
            """);
        var stored = Lab.Tools.Entries(DirectoryAccounts.Admin, $"CN=Alex Darrow,CN=Users,{Lab.Partition.DomainDn}", "(objectClass=*)", "base", "userPassword").Single();

        Assert.That(set.ExitCode, Is.Zero, set.ToString());
        Assert.That(System.Text.Encoding.UTF8.GetString(stored.Binary("userPassword") ?? System.Text.Encoding.UTF8.GetBytes(stored.Value("userPassword") ?? "")), Does.StartWith("{SSHA}"));
    }
}
