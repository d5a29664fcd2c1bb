using System.Net;
using System.Xml.Linq;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.AutodiscoverClient;

namespace CasDirectory.IntegrationTests.Service.Autodiscover;

/// <summary>
/// POX Autodiscover over HTTPS against the sample lab (docs/outlook.md, O1–O6), asked with Microsoft's published request
/// body: the answer has the 2006a shape and the KB sample's rules.
/// </summary>
[TestFixture]
public sealed class PoxAutodiscoverTests : FreshLabTest
{
    private AutodiscoverClient _client = null!;

    [SetUp]
    public async Task StartService() => _client = await AutodiscoverClient.Start(Lab);

    [TearDown]
    public async Task StopService() => await _client.DisposeAsync();

    private const string AdminGroup = "/o=First Organization/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)";

    [Test]
    public async Task The_answer_has_the_2006a_shape_with_User_and_one_Protocol_per_type()
    {
        var answer = await _client.Pox("alex@lab.local");

        var root = answer.Root!;
        Assert.That(root.Name, Is.EqualTo(Plain + "Autodiscover"));
        var response = root.Element(Outlook + "Response")!;
        Assert.That(response, Is.Not.Null, "Response in the 2006a namespace");
        Assert.That(response.Element(Outlook + "User")!.Elements().Select(e => e.Name.LocalName), Is.EqualTo(new[] { "DisplayName", "LegacyDN", "DeploymentId" }));
        Assert.That(response.Element(Outlook + "User")!.Element(Outlook + "LegacyDN")!.Value, Is.EqualTo(AdminGroup + "/cn=Recipients/cn=alex"));
        var account = response.Element(Outlook + "Account")!;
        Assert.That((string?)account.Element(Outlook + "AccountType"), Is.EqualTo("email"));
        Assert.That((string?)account.Element(Outlook + "Action"), Is.EqualTo("settings"));
        Assert.That(account.Elements(Outlook + "Protocol").Select(p => (string?)p.Element(Outlook + "Type")), Is.EqualTo(new[] { "EXCH", "EXPR", "WEB" }));
    }

    [Test]
    public async Task Before_an_array_EXCH_names_the_databases_own_server_as_the_KB_sample_does()
    {
        var answer = await _client.Pox("alex@lab.local");

        Assert.Multiple(() =>
        {
            Assert.That(Protocol(answer, "EXCH", "Server"), Is.EqualTo("E2K10-MLT-01.lab.local").IgnoreCase);
            Assert.That(Protocol(answer, "EXCH", "ServerDN"), Is.EqualTo(AdminGroup + "/cn=Configuration/cn=Servers/cn=E2K10-MLT-01"));
            Assert.That(Protocol(answer, "EXCH", "MdbDN"), Is.EqualTo(Protocol(answer, "EXCH", "ServerDN") + "/cn=Microsoft Private MDB"));
            Assert.That(Protocol(answer, "EXCH", "ServerVersion"), Is.EqualTo("738280F7"), "14.2.247: 0x70000000 + (14<<22) + (2<<16) + 0x8000 + 247");
            Assert.That(Protocol(answer, "EXCH", "AD"), Is.EqualTo("casdir-dc.lab.local"));
            Assert.That(Protocol(answer, "EXCH", "EwsUrl"), Is.EqualTo("https://E2K10-MLT-01.lab.local/EWS/Exchange.asmx"));
        });
    }

    [Test]
    public async Task Behind_an_array_EXCH_names_the_array_and_its_legacyExchangeDN_and_nothing_else_does()
    {
        Lab.Casdir("New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-A");
        Lab.Casdir("Set-MailboxDatabase MDB01 -RpcClientAccessServer outlook.lab.local");
        var arrayDn = Lab.Json("Get-ClientAccessArray CASArray-A")[0].GetProperty("ExchangeLegacyDN").GetString();

        var answer = await _client.Pox("alex@lab.local");

        Assert.Multiple(() =>
        {
            Assert.That(Protocol(answer, "EXCH", "Server"), Is.EqualTo("outlook.lab.local"));
            Assert.That(Protocol(answer, "EXCH", "ServerDN"), Is.EqualTo(arrayDn));
            Assert.That(Protocol(answer, "EXCH", "MdbDN"), Is.EqualTo(arrayDn + "/cn=Microsoft Private MDB"));
            // Truths 2–4: the array answers no web service and external clients never hear its name.
            var urls = answer.Descendants().Where(e => e.Name.LocalName.EndsWith("Url", StringComparison.Ordinal)).Select(e => e.Value).ToList();
            Assert.That(urls, Is.Not.Empty);
            Assert.That(urls, Has.None.Contains("outlook.lab.local"));
            Assert.That(Protocol(answer, "EXPR", "Server"), Is.EqualTo("webmail.lab.local"));
        });
    }

    [Test]
    public async Task PublicFolderServer_is_the_mailbox_server_of_the_public_folder_database_never_the_array()
    {
        Lab.Casdir("New-PublicFolderDatabase -Name PFDB01 -Server E2K10-MLT-02");
        Lab.Casdir("Set-MailboxDatabase MDB01 -PublicFolderDatabase PFDB01");
        Lab.Casdir("New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-A");
        Lab.Casdir("Set-MailboxDatabase MDB01 -RpcClientAccessServer outlook.lab.local");

        var answer = await _client.Pox("alex@lab.local");

        Assert.That(Protocol(answer, "EXCH", "PublicFolderServer"), Is.EqualTo("E2K10-MLT-02.lab.local").IgnoreCase);
    }

    [Test]
    public async Task EXPR_is_there_only_while_Outlook_Anywhere_is_enabled()
    {
        var on = await _client.Pox("alex@lab.local");
        Lab.Casdir("Disable-OutlookAnywhere -Server E2K10-MLT-01 -Confirm:$false");
        Lab.Casdir("Disable-OutlookAnywhere -Server E2K10-MLT-02 -Confirm:$false");
        var off = await _client.Pox("alex@lab.local");

        Assert.That(Protocol(on, "EXPR", "Server"), Is.EqualTo("webmail.lab.local"));
        Assert.That(Protocol(on, "EXPR", "SSL"), Is.EqualTo("On"));
        Assert.That(Protocol(on, "EXPR", "AuthPackage"), Is.EqualTo("Basic"));
        Assert.That(Protocol(off, "EXPR", "Type"), Is.Null);
    }

    [Test]
    public async Task A_move_shows_in_the_next_answer()
    {
        Lab.Casdir("New-MoveRequest alex -TargetDatabase MDB02");

        var answer = await _client.Pox("alex@lab.local");

        Assert.That(Protocol(answer, "EXCH", "Server"), Is.EqualTo("E2K10-MLT-02.lab.local").IgnoreCase);
    }

    [Test]
    public async Task A_LegacyDN_request_answers_that_mailbox()
    {
        var (status, body, _) = await _client.Post("autodiscover/autodiscover.xml", PoxBody(null, AdminGroup + "/cn=Recipients/cn=alex"));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Protocol(XDocument.Parse(body), "EXCH", "Server"), Is.EqualTo("E2K10-MLT-01.lab.local").IgnoreCase);
    }

    [Test]
    public async Task A_secondary_address_is_redirected_to_the_primary()
    {
        Lab.Casdir("Set-Mailbox alex -EmailAddresses @{Add='a.darrow@lab.local'}");

        var answer = await _client.Pox("a.darrow@lab.local");

        var account = answer.Descendants(Outlook + "Account").Single();
        Assert.That((string?)account.Element(Outlook + "Action"), Is.EqualTo("redirectAddr"));
        Assert.That((string?)account.Element(Outlook + "RedirectAddr"), Is.EqualTo("alex@lab.local"));
    }

    [Test]
    public async Task An_unknown_address_is_error_500_in_the_2006_Response()
    {
        var answer = await _client.Pox("nobody@lab.local");

        var error = answer.Root!.Element(Plain + "Response")!.Element(Plain + "Error")!;
        Assert.That((string?)error.Element(Plain + "ErrorCode"), Is.EqualTo("500"));
        Assert.That((string?)error.Element(Plain + "Message"), Is.EqualTo("The e-mail address cannot be found."));
    }

    [Test]
    public async Task The_curl_a_user_types_gets_the_answer()
    {
        var body = Path.GetTempFileName();
        try
        {
            File.WriteAllText(body, PoxBody("alex@lab.local"));
            var curl = ProcessRunner.Run(ProcessRunner.StartInfo("curl", ["-sS", "--fail", "--cacert", Lab.Status.State.CaFile!, "-u", $"alex@lab.local:{Password}",
                "-H", "Content-Type: text/xml", "--data-binary", "@" + body, _client.Url + "autodiscover/autodiscover.xml"]));

            Assert.That(curl.ExitCode, Is.Zero, curl.ToString());
            Assert.That(Protocol(XDocument.Parse(curl.Output), "EXCH", "Server"), Is.EqualTo("E2K10-MLT-01.lab.local").IgnoreCase);
        }
        finally
        {
            File.Delete(body);
        }
    }
}
