using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace CasDirectory.IntegrationTests.Fixtures;

/// <summary>
/// The service with its Autodiscover listener on, against a lab, and the clients a test asks it with: HttpClient (POX,
/// raw SOAP, bad input) trusting the lab's CA only, and the EWS Managed API's JavaScript port (tests/ews-client).
/// </summary>
public sealed class AutodiscoverClient : IAsyncDisposable
{
    public const string Password = "Lab-Pa55word!";
    private readonly HttpClient _http;

    private AutodiscoverClient(LabDirectory lab, RunningService service, string url)
    {
        Lab = lab;
        Service = service;
        Url = url;
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(lab.Status.State.CaFile!));
        var handler = new HttpClientHandler
        {
            // The lab's CA and nothing else: a certificate the service did not get from it fails the test.
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                    return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            },
        };
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }

    public LabDirectory Lab { get; }
    public RunningService Service { get; }
    public string Url { get; }

    /// <summary>Starts the service on a free port; the sample mailboxes alex, ben and cara get <see cref="Password"/>.</summary>
    public static async Task<AutodiscoverClient> Start(LabDirectory lab, params string[] extra)
    {
        foreach (var alias in new[] { "alex", "ben", "cara" })
        {
            var set = lab.Casdir($"Set-Mailbox {alias} -Password (ConvertTo-SecureString '{Password}' -AsPlainText -Force)");
            if (set.ExitCode != 0)
                throw new InvalidOperationException($"Could not give {alias} a password: {set}");
        }
        var url = $"https://127.0.0.1:{FreePort.Next()}/";
        var service = await RunningService.Start(lab, [$"--Autodiscover:Url={url}", .. extra]);
        return new AutodiscoverClient(lab, service, url);
    }

    public static string PoxBody(string? email, string? legacyDn = null, string schema = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a") => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
          <Request>
            {(email is null ? "" : $"<EMailAddress>{email}</EMailAddress>")}
            {(legacyDn is null ? "" : $"<LegacyDN>{legacyDn}</LegacyDN>")}
            <AcceptableResponseSchema>{schema}</AcceptableResponseSchema>
          </Request>
        </Autodiscover>
        """;

    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> Post(string path, string body, string? user = "alex@lab.local", string password = Password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url + path.TrimStart('/')) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };
        if (user is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>POX for an address as that user; the answer parsed.</summary>
    public async Task<XDocument> Pox(string email, string user = "alex@lab.local")
    {
        var (status, body, _) = await Post("autodiscover/autodiscover.xml", PoxBody(email), user);
        if (status != HttpStatusCode.OK)
            throw new InvalidOperationException($"POX answered {(int)status}: {body}");
        return XDocument.Parse(body);
    }

    public static readonly XNamespace Outlook = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";
    public static readonly XNamespace Plain = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";

    /// <summary>An element of the EXCH, EXPR or WEB protocol of a POX answer, or null.</summary>
    public static string? Protocol(XDocument answer, string type, string element) =>
        answer.Descendants(Outlook + "Protocol").FirstOrDefault(p => (string?)p.Element(Outlook + "Type") == type)?.Element(Outlook + element)?.Value;

    private static readonly Lock InstallLock = new();

    /// <summary>
    /// ews-javascript-api's getUserSettings (tests/ews-client/client.js, npm ci on first use): exit 0 with the settings as
    /// JSON, 3 for HTTP 401, 4 for a per-user error (the JSON still printed), 1 otherwise.
    /// </summary>
    public (int ExitCode, JsonElement? Answer, string Error) EwsGetUserSettings(string mailbox, string settings, string user = "alex@lab.local", string password = Password)
    {
        var folder = RepositoryPaths.Combine("tests", "ews-client");
        lock (InstallLock)
        {
            if (!Directory.Exists(Path.Combine(folder, "node_modules", "ews-javascript-api")))
            {
                var install = ProcessRunner.Run(new System.Diagnostics.ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"]) { WorkingDirectory = folder });
                if (install.ExitCode != 0)
                    throw new InvalidOperationException($"npm ci in {folder} failed (Node.js and npm are needed: sudo apt-get install -y nodejs npm): {install}");
            }
        }
        var info = new System.Diagnostics.ProcessStartInfo("node", ["client.js", Url + "autodiscover/autodiscover.svc", user, password, mailbox, settings]) { WorkingDirectory = folder };
        info.Environment["NODE_EXTRA_CA_CERTS"] = Lab.Status.State.CaFile!;
        var result = ProcessRunner.Run(info, timeout: TimeSpan.FromMinutes(2));
        var line = result.Output.Trim().Split('\n').LastOrDefault(l => l.StartsWith('{'));
        return (result.ExitCode, line is null ? null : JsonDocument.Parse(line).RootElement, result.Error);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Service.DisposeAsync();
    }
}
