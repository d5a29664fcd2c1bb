using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using CasDirectory.Testcontainers.Tests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.Testcontainers.Tests;

/// <summary>
/// WithAutodiscover: the service's Autodiscover listener published on the host's loopback, as Outlook asks it (POX,
/// Basic over HTTPS), its certificate issued by the container's own CA (README, "Use it from your tests").
/// </summary>
[TestFixture]
[Category("Container")]
public sealed class AutodiscoverTests
{
    private const string Password = "Lab-Pa55word!";
    private static readonly XNamespace Outlook = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

    private CasDirectoryContainer _directory = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _directory = new CasDirectoryBuilder().WithSampleLab().WithAutodiscover().Build();
        await _directory.StartAsync();
        // The sample's mailboxes have no password: a test gives one with the cmdlet an administrator would use.
        Lab.AssertSucceeded(await _directory.RunCasdirAsync($"Set-Mailbox alex -Password (ConvertTo-SecureString '{Password}' -AsPlainText -Force)"), "Set-Mailbox alex -Password");
        _http = new HttpClient(_directory.CreateHttpClientHandler()) { Timeout = TimeSpan.FromSeconds(30) };
    }

    [OneTimeTearDown]
    public async Task DisposeAsync()
    {
        _http?.Dispose();
        await _directory.DisposeAsync();
    }

    /// <summary>Microsoft's POX request (Outlook's), as tests/CasDirectory.IntegrationTests' AutodiscoverClient sends it.</summary>
    private static string PoxBody(string email) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
          <Request>
            <EMailAddress>{email}</EMailAddress>
            <AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema>
          </Request>
        </Autodiscover>
        """;

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostPoxAsync(string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _directory.GetAutodiscoverUrl()) { Content = new StringContent(PoxBody("alex@lab.local"), Encoding.UTF8, "text/xml") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Test]
    public async Task Outlooks_POX_request_as_alex_over_HTTPS_trusting_only_the_containers_CA_names_his_mailbox_server()
    {
        var (status, body, _) = await PostPoxAsync("alex@lab.local", Password);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        var exch = XDocument.Parse(body).Descendants(Outlook + "Protocol").Single(p => (string?)p.Element(Outlook + "Type") == "EXCH");
        Assert.That(exch.Element(Outlook + "Server")?.Value, Is.EqualTo("E2K10-MLT-01.lab.local").IgnoreCase);
    }

    [Test]
    public async Task A_wrong_password_is_401_with_a_Basic_challenge()
    {
        var (status, body, response) = await PostPoxAsync("alex@lab.local", "not-" + Password);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized), body);
        Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Has.Member("Basic"));
        Assert.That(body, Does.Not.Contain("E2K10"), "nothing about the directory is said before a logon");
    }

    [Test]
    public void The_Autodiscover_url_is_the_POX_endpoint_over_HTTPS_on_the_hosts_loopback()
    {
        var url = _directory.GetAutodiscoverUrl();

        Assert.That(url.Scheme, Is.EqualTo("https"));
        Assert.That(url.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(url.Port, Is.EqualTo((int)_directory.GetMappedPublicPort(CasDirectoryBuilder.AutodiscoverPort)));
        Assert.That(url.AbsolutePath, Is.EqualTo("/autodiscover/autodiscover.xml"));
        Assert.That(new Uri(url, "autodiscover.svc").AbsolutePath, Is.EqualTo("/autodiscover/autodiscover.svc"), "the SOAP endpoint is beside it");
    }

    [Test]
    public async Task The_listeners_certificate_is_the_containers_CAs_for_loopback_and_the_Client_Access_servers()
    {
        X509Certificate2? served = null;
        var handler = _directory.CreateHttpClientHandler();
        var trusts = handler.ServerCertificateCustomValidationCallback!;
        handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
        {
            served = certificate is null ? null : new X509Certificate2(certificate);
            return trusts(message, certificate, chain, errors);
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };

        var health = await http.GetAsync(new Uri(_directory.GetAutodiscoverUrl(), "healthcheck.htm"));

        Assert.That((int)health.StatusCode, Is.EqualTo(200), "the load balancers' page needs no logon");
        Assert.That(served, Is.Not.Null);
        Assert.That(served!.Issuer, Is.EqualTo(_directory.GetCaCertificate().Subject));
        var names = served.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.That(names.EnumerateDnsNames(), Is.SupersetOf(new[] { "autodiscover.lab.local", "localhost", "E2K10-MLT-01.lab.local", "E2K10-MLT-02.lab.local" }));
        Assert.That(names.EnumerateIPAddresses(), Is.SupersetOf(new[] { IPAddress.Loopback, IPAddress.IPv6Loopback }));
    }

    [Test]
    public void A_client_trusting_only_the_systems_roots_refuses_the_certificate()
    {
        using var http = new HttpClient(new HttpClientHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

        Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(_directory.GetAutodiscoverUrl(), "healthcheck.htm")));
    }
}

/// <summary>Without WithAutodiscover the listener neither runs nor is published, even beside the service.</summary>
[TestFixture]
[Category("Container")]
public sealed class WithoutAutodiscoverTests
{
    [Test]
    public async Task The_service_alone_publishes_no_Autodiscover_port_and_listens_on_none()
    {
        await using var directory = new CasDirectoryBuilder().WithSampleLab().WithSiteTopologyService().Build();
        await directory.StartAsync();

        var container = await Engine.InspectAsync(directory.Id);
        var port = $"{CasDirectoryBuilder.AutodiscoverPort}/tcp";
        Assert.That(container.HostConfig?.PortBindings?.Keys ?? [], Does.Not.Contain(port));
        Assert.That(container.NetworkSettings?.Ports?.Where(p => p.Value is { Count: > 0 }).Select(p => p.Key) ?? [], Does.Not.Contain(port));
        Assert.That(container.NetworkSettings?.Ports?.Keys ?? [], Does.Contain($"{CasDirectoryBuilder.StatusPort}/tcp"), "the service's own port is there");
        Assert.Throws<InvalidOperationException>(() => directory.GetAutodiscoverUrl());
        var connect = await directory.ExecAsync(["bash", "-c", $"exec 3<>/dev/tcp/127.0.0.1/{CasDirectoryBuilder.AutodiscoverPort}"]);
        Assert.That(connect.ExitCode, Is.Not.Zero, "nothing listens on the Autodiscover port in the container");
    }

    [Test]
    public async Task WithAutodiscover_turns_the_service_on_and_without_it_there_is_no_Autodiscover_url()
    {
        await using var with = new CasDirectoryBuilder().WithAutodiscover().Build();
        await using var without = new CasDirectoryBuilder().WithSiteTopologyService().Build();

        Assert.That(with.RunsAutodiscover, Is.True);
        Assert.That(with.RunsSiteTopologyService, Is.True, "the service's process serves Autodiscover");
        Assert.That(Assert.Throws<InvalidOperationException>(() => without.GetAutodiscoverUrl())!.Message, Does.Contain("WithAutodiscover()"));
    }
}
