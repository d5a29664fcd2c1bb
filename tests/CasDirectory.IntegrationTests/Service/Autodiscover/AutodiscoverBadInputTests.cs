using System.Net;
using System.Xml.Linq;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.AutodiscoverClient;

namespace CasDirectory.IntegrationTests.Service.Autodiscover;

/// <summary>
/// What a client cannot do to the Autodiscover listener: every bad request gets a clear HTTP or Autodiscover error, the
/// service keeps answering, and the directory is as it was. One service for the fixture: the requests write nothing.
/// </summary>
[TestFixture]
public sealed class AutodiscoverBadInputTests : SharedLabTest
{
    private AutodiscoverClient _client = null!;
    private string _before = "";

    [OneTimeSetUp]
    public async Task StartService()
    {
        _client = await AutodiscoverClient.Start(Lab);
        // One good answer first, so alex's profile record is written before the snapshot the tests compare with.
        await _client.Pox("alex@lab.local");
        _before = Dump();
    }

    [OneTimeTearDown]
    public async Task StopService() => await _client.DisposeAsync();

    private string Dump() => Lab.Tools.Search(Ldap.Local.DirectoryAccounts.Reader, Lab.Partition.DomainDn, "(objectClass=user)", "sub", "*", "modifyTimestamp").Output;

    [TearDown]
    public async Task TheServiceStillAnswersAndNothingWasWritten()
    {
        Assert.That(Protocol(await _client.Pox("alex@lab.local"), "EXCH", "Server"), Is.Not.Null, "the service still answers");
        Assert.That(Dump(), Is.EqualTo(_before), "the directory is as it was");
    }

    private static string? ErrorCode(string body) => XDocument.Parse(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "ErrorCode")?.Value;

    [Test]
    public async Task No_Authorization_header_is_401_with_a_Basic_challenge()
    {
        var (status, body, response) = await _client.Post("autodiscover/autodiscover.xml", PoxBody("alex@lab.local"), user: null);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Basic realm="));
        Assert.That(body, Does.Not.Contain("alex"));
    }

    [TestCase("alex@lab.local", "wrong-password")]
    [TestCase("nobody@lab.local", Password)]
    [TestCase("LAB\\alex", "")]
    public async Task A_wrong_logon_is_401_and_says_nothing_more(string user, string password)
    {
        var (status, body, _) = await _client.Post("autodiscover/autodiscover.xml", PoxBody("alex@lab.local"), user, password);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(body.Trim(), Is.EqualTo("401 Unauthorized"));
    }

    [Test]
    public async Task Each_logon_form_works()
    {
        foreach (var user in new[] { "alex@lab.local", "LAB\\alex", "alex" })
            Assert.That((await _client.Post("autodiscover/autodiscover.xml", PoxBody("alex@lab.local"), user)).Status, Is.EqualTo(HttpStatusCode.OK), user);
    }

    [Test]
    public async Task Another_users_address_is_403()
    {
        var (status, body, _) = await _client.Post("autodiscover/autodiscover.xml", PoxBody("ben@lab.local"));

        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(body, Does.Contain("only for your own mailbox"));
    }

    [TestCase("<Autodiscover><Request>", TestName = "Malformed_xml_is_error_600")]
    [TestCase("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006\"><Request><EMailAddress>&e;</EMailAddress></Request></Autodiscover>", TestName = "An_external_entity_is_error_600_and_never_read")]
    [TestCase("<Autodiscover xmlns=\"urn:other\"><Request><EMailAddress>alex@lab.local</EMailAddress></Request></Autodiscover>", TestName = "An_unknown_request_schema_is_error_600")]
    [TestCase("<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006\"><Request><AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request></Autodiscover>", TestName = "A_request_without_an_address_is_error_600")]
    public async Task A_request_that_is_not_one_is_error_600(string body)
    {
        var (status, answer, _) = await _client.Post("autodiscover/autodiscover.xml", body);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ErrorCode(answer), Is.EqualTo("600"));
        Assert.That(answer, Does.Not.Contain("root:"));
    }

    [Test]
    public async Task A_response_schema_this_server_does_not_provide_is_error_601()
    {
        var (_, answer, _) = await _client.Post("autodiscover/autodiscover.xml", PoxBody("alex@lab.local", schema: "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006"));

        Assert.That(ErrorCode(answer), Is.EqualTo("601"));
    }

    [Test]
    public async Task A_huge_body_is_413()
    {
        var (status, _, _) = await _client.Post("autodiscover/autodiscover.xml", PoxBody("alex@lab.local").Replace("<Request>", "<Request><!--" + new string('x', 200_000) + "-->"));

        Assert.That(status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public async Task A_SOAP_request_that_is_not_GetUserSettings_is_400_with_a_fault()
    {
        var (status, body, _) = await _client.Post("autodiscover/autodiscover.svc", "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><GetDomainSettingsRequestMessage xmlns=\"http://schemas.microsoft.com/exchange/2010/Autodiscover\"/></s:Body></s:Envelope>");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body, Does.Contain("GetDomainSettingsRequestMessage is not served here"));
    }

    [Test]
    public async Task Another_path_is_404()
    {
        var (status, _, _) = await _client.Post("ews/exchange.asmx", "<x/>");

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Nothing_is_answered_in_clear_text()
    {
        var port = new Uri(_client.Url).Port;
        using var plain = new HttpClient();
        Assert.That(async () => await plain.PostAsync($"http://127.0.0.1:{port}/autodiscover/autodiscover.xml", new StringContent(PoxBody("alex@lab.local"))),
            Throws.InstanceOf<HttpRequestException>(), "the listener speaks TLS only");
    }
}
