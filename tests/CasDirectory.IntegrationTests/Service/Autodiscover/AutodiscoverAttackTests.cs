using System.Net;
using System.Xml.Linq;
using CasDirectory.IntegrationTests.Fixtures;
using CasDirectory.Ldap.Local;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.AutodiscoverClient;

namespace CasDirectory.IntegrationTests.Service.Autodiscover;

/// <summary>
/// What an attack on the Autodiscover listener found, held (docs/outlook.md, O6 and "Bad input"): a logon names one
/// enabled account of this domain, an address two recipients hold answers for neither, a mailbox in a recovery database
/// is no mailbox a client opens, and a made-up address costs the directory nothing.
/// </summary>
[TestFixture]
public sealed class AutodiscoverAttackTests : FreshLabTest
{
    private AutodiscoverClient _client = null!;

    [SetUp]
    public async Task StartService() => _client = await AutodiscoverClient.Start(Lab);

    [TearDown]
    public async Task StopService() => await _client.DisposeAsync();

    private static string? ErrorCode(string body) => XDocument.Parse(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "ErrorCode")?.Value;

    private LdapToolResult Modify(string dn, string change) =>
        Lab.Tools.Modify(DirectoryAccounts.Provisioning, $"dn: {dn}\nchangetype: modify\n{change}\n");

    [Test]
    public async Task A_disabled_account_does_not_log_on()
    {
        var made = Lab.Casdir($"New-Mailbox -Name 'Dis Abled' -Alias dis -UserPrincipalName dis@lab.local -AccountDisabled -Password (ConvertTo-SecureString '{Password}' -AsPlainText -Force)");
        Assert.That(made.ExitCode, Is.Zero, made.ToString());

        var (status, _, _) = await _client.Post("autodiscover/autodiscover.xml", PoxBody("dis@lab.local"), "dis@lab.local");

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase("FOO\\alex")]
    [TestCase("x@y\\alex")]
    public async Task Another_domains_name_does_not_log_on(string logon)
    {
        var (status, _, _) = await _client.Post("autodiscover/autodiscover.xml", PoxBody("alex@lab.local"), logon);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task An_address_two_recipients_hold_answers_for_neither()
    {
        // Raw writes R7's per-attribute check in slapd does not see: one address in alex's mail and in ben's proxyAddresses.
        var ben = Modify($"CN=Ben Andrews,CN=Users,{Lab.Partition.DomainDn}", "add: proxyAddresses\nproxyAddresses: smtp:shared@lab.local");
        var alex = Modify($"CN=Alex Darrow,CN=Users,{Lab.Partition.DomainDn}", "replace: mail\nmail: shared@lab.local");
        Assert.That(ben.ExitCode + alex.ExitCode, Is.Zero, ben + "\n" + alex);

        var (_, body, _) = await _client.Post("autodiscover/autodiscover.xml", PoxBody("shared@lab.local"));

        Assert.That(ErrorCode(body), Is.EqualTo("603"));
        Assert.That(body, Does.Contain("more than one recipient").And.Not.Contain("Ben"));
    }

    [Test]
    public async Task A_mailbox_in_a_recovery_database_is_answered_as_one_no_client_opens()
    {
        Lab.Casdir("New-MailboxDatabase -Name RDB01 -Server E2K10-MLT-01 -Recovery");
        var raw = Modify($"CN=Alex Darrow,CN=Users,{Lab.Partition.DomainDn}",
            $"replace: homeMDB\nhomeMDB: {Lab.Partition.DatabaseDn("RDB01")}");
        Assert.That(raw.ExitCode, Is.Zero, "slapd's constraint knows the class only: " + raw);

        var (_, body, _) = await _client.Post("autodiscover/autodiscover.xml", PoxBody("alex@lab.local"));

        Assert.That(ErrorCode(body), Is.EqualTo("603"));
        Assert.That(body, Does.Contain("recovery database"));
    }

    [Test]
    public async Task A_made_up_address_of_any_length_is_not_found_without_asking_the_directory()
    {
        var (_, body, _) = await _client.Post("autodiscover/autodiscover.xml", PoxBody(new string('a', 60_000) + "@lab.local"));

        Assert.That(ErrorCode(body), Is.EqualTo("500"));
    }

    [Test]
    public async Task A_user_principal_name_wins_over_another_users_mail_of_the_same_text()
    {
        // One text as Ben's mail and Cara's UPN: the logon is Cara's, as a domain controller resolves a UPN first.
        var ben = Modify($"CN=Ben Andrews,CN=Users,{Lab.Partition.DomainDn}", "replace: mail\nmail: bandrews@lab.local");
        var cara = Modify($"CN=Cara Lee,CN=Users,{Lab.Partition.DomainDn}", "replace: userPrincipalName\nuserPrincipalName: bandrews@lab.local");
        Assert.That(ben.ExitCode + cara.ExitCode, Is.Zero, ben + "\n" + cara);

        var (status, _, _) = await _client.Post("autodiscover/autodiscover.xml", PoxBody("cara@lab.local"), "bandrews@lab.local");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), "the logon names Cara, whose own address is asked for");
    }

    [Test]
    public void An_EWS_client_makes_no_Outlook_profile()
    {
        var answer = _client.EwsGetUserSettings("alex@lab.local", "UserDisplayName");

        Assert.That(answer.ExitCode, Is.Zero, answer.Error);
        Assert.That(Lab.Tools.Entries(DirectoryAccounts.Reader, $"CN=Alex Darrow,CN=Users,{Lab.Partition.DomainDn}", "(objectClass=*)", "base", "casdirProfileRpcServer")
            .Single().Value("casdirProfileRpcServer"), Is.Null);
    }

    [Test]
    public async Task When_slapd_dies_Autodiscover_answers_503_and_recovers_when_it_is_back()
    {
        Assert.That(Protocol(await _client.Pox("alex@lab.local"), "EXCH", "Server"), Is.Not.Null);
        Lab.KillSlapd();

        var (down, body, response) = await _client.Post("autodiscover/autodiscover.xml", PoxBody("alex@lab.local"));
        Lab.Restart();
        var back = await _client.Pox("alex@lab.local");

        Assert.That(down, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body);
        Assert.That(response.Headers.RetryAfter, Is.Not.Null);
        Assert.That(body, Does.Not.Contain("   at "), "no stack trace reaches the client");
        Assert.That(Protocol(back, "EXCH", "Server"), Is.EqualTo("E2K10-MLT-01.lab.local").IgnoreCase, "the pooled sessions that failed were dropped, not reused");
    }
}
