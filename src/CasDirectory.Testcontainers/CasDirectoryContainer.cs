using System.Net.Security;
using System.Text;
using Docker.DotNet;

namespace CasDirectory.Testcontainers;

/// <summary>
/// A running CasDirectory: slapd with CasDirectory's schema, tree and rules, the casdir CLI, and on request the
/// site-topology service and its Autodiscover listener, in one container. Its ports are published on 127.0.0.1 only.
/// </summary>
public sealed class CasDirectoryContainer : DockerContainer
{
    private const string AccountsDirectory = "/var/lib/casdir/accounts";
    private const string CaCertificateFile = "/var/lib/casdir/tls/ca.crt";

    private readonly CasDirectoryConfiguration _configuration;
    private IReadOnlyDictionary<CasDirectoryAccount, NetworkCredential>? _credentials;
    private string? _caCertificatePem;

    /// <summary>Creates the container from a configuration; use <see cref="CasDirectoryBuilder"/>.</summary>
    public CasDirectoryContainer(CasDirectoryConfiguration configuration)
        : base(configuration)
    {
        _configuration = configuration;
    }

    /// <summary>The directory's DNS domain, e.g. lab.local.</summary>
    public string Domain => _configuration.Domain ?? CasDirectoryBuilder.DefaultDomain;

    /// <summary>The Exchange organization's name, e.g. First Organization.</summary>
    public string Organization => _configuration.Organization ?? CasDirectoryBuilder.DefaultOrganization;

    /// <summary>The domain's naming context, e.g. DC=lab,DC=local.</summary>
    public string DefaultNamingContext => "DC=" + string.Join(",DC=", Domain.Split('.'));

    /// <summary>The configuration partition, e.g. CN=Configuration,DC=lab,DC=local: the base of every Exchange object.</summary>
    public string ConfigurationNamingContext => "CN=Configuration," + DefaultNamingContext;

    internal bool RunsSiteTopologyService => _configuration.SiteTopologyService == true;

    internal bool RunsAutodiscover => _configuration.Autodiscover == true;

    /// <summary>The directory's LDAP URL on the host, e.g. ldap://127.0.0.1:32768.</summary>
    public string GetLdapUrl() => $"ldap://{Hostname}:{GetMappedPublicPort(CasDirectoryBuilder.LdapPort)}";

    /// <summary>
    /// The directory's LDAPS URL on the host. Its certificate is issued for localhost and 127.0.0.1 by the container's
    /// own CA (<see cref="GetCaCertificate"/>); trust that CA in the client, not every certificate.
    /// </summary>
    public string GetLdapsUrl() => $"ldaps://{Hostname}:{GetMappedPublicPort(CasDirectoryBuilder.LdapsPort)}";

    /// <summary>The site-topology service's status endpoint (healthz, readyz, findings); only with <see cref="CasDirectoryBuilder.WithSiteTopologyService"/>.</summary>
    public Uri GetStatusUrl() => RunsSiteTopologyService
        ? new Uri($"http://{Hostname}:{GetMappedPublicPort(CasDirectoryBuilder.StatusPort)}/")
        : throw new InvalidOperationException("The site-topology service does not run in this container: build it with WithSiteTopologyService().");

    /// <summary>
    /// The Autodiscover URL Outlook POSTs its POX request to, on the host: https://127.0.0.1:&lt;port&gt;/autodiscover/autodiscover.xml;
    /// EWS clients' SOAP endpoint is beside it (<c>new Uri(url, "autodiscover.svc")</c>). Only with
    /// <see cref="CasDirectoryBuilder.WithAutodiscover"/>. Its certificate is issued by <see cref="GetCaCertificate"/>
    /// (<see cref="CreateHttpClientHandler"/> trusts that CA alone).
    /// </summary>
    public Uri GetAutodiscoverUrl() => RunsAutodiscover
        ? new Uri($"https://{Hostname}:{GetMappedPublicPort(CasDirectoryBuilder.AutodiscoverPort)}/autodiscover/autodiscover.xml")
        : throw new InvalidOperationException("The Autodiscover listener does not run in this container: build it with WithAutodiscover().");

    /// <summary>
    /// An <see cref="HttpClientHandler"/> for the container's HTTPS endpoints (Autodiscover): it trusts the container's
    /// CA (<see cref="GetCaCertificate"/>) and no other, still checks the certificate's name, and uses no proxy (the
    /// ports are on the host's loopback). <c>using var http = new HttpClient(directory.CreateHttpClientHandler());</c>
    /// </summary>
    public HttpClientHandler CreateHttpClientHandler()
    {
        var ca = GetCaCertificate();
        return new HttpClientHandler
        {
            UseProxy = false,
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            {
                // A wrong name is wrong whoever issued it; an unknown root is judged below against this CA alone.
                if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
                    return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            },
        };
    }

    /// <summary>The container's own CA certificate (<see cref="GetCaCertificate"/>), PEM-encoded.</summary>
    public string GetCaCertificatePem() => _caCertificatePem ?? throw NotStarted();

    /// <summary>The container's own CA certificate: it issued the directory's LDAPS certificate and the Autodiscover listener's.</summary>
    public X509Certificate2 GetCaCertificate() => X509Certificate2.CreateFromPem(GetCaCertificatePem());

    /// <summary>An account's bind DN (as <see cref="NetworkCredential.UserName"/>) and generated password.</summary>
    public NetworkCredential GetCredential(CasDirectoryAccount account) =>
        (_credentials ?? throw NotStarted()).TryGetValue(account, out var credential)
            ? new NetworkCredential(credential.UserName, credential.Password)
            : throw new ArgumentOutOfRangeException(nameof(account), account, "Reader, Provisioning or Updater.");

    /// <summary>
    /// Runs one casdir line (an Exchange Management Shell cmdlet line, e.g. <c>Get-ExchangeServer</c>) in the container
    /// as the provisioning account; the result holds casdir's output, errors and exit code (0 when it succeeded).
    /// </summary>
    public Task<ExecResult> RunCasdirAsync(string commandLine, CancellationToken ct = default) =>
        RunCasdirAsync(commandLine, CasDirectoryAccount.Provisioning, ct);

    /// <summary>Runs one casdir line in the container as the given account.</summary>
    public Task<ExecResult> RunCasdirAsync(string commandLine, CasDirectoryAccount account, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commandLine);
        return InContainerAsync(() => ExecAsync(["env", $"CASDIR_ACCOUNT={AccountFileName(account)}", "casdir", commandLine], ct));
    }

    /// <summary>Runs a PowerShell script (casdir's cmdlets and the core language) in the container as the provisioning account.</summary>
    public async Task<ExecResult> RunCasdirScriptAsync(string script, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        var path = $"/tmp/casdir-scripts/{Guid.NewGuid():N}.ps1";
        return await InContainerAsync(async () =>
        {
            await CopyAsync(Encoding.UTF8.GetBytes(script), path, fileMode: Unix.FileMode644, ct: ct).ConfigureAwait(false);
            return await ExecAsync(["casdir", "-File", path], ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>Applies LDIF (entries to add, or change records) as the provisioning account, with ldapmodify -a.</summary>
    public async Task<ExecResult> ApplyLdifAsync(string ldif, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ldif);
        var path = $"/tmp/casdir-ldif/{Guid.NewGuid():N}.ldif";
        return await InContainerAsync(async () =>
        {
            await CopyAsync(Encoding.UTF8.GetBytes(ldif), path, fileMode: Unix.FileMode644, ct: ct).ConfigureAwait(false);
            return await ExecAsync(
            [
                "ldapmodify", "-a", "-x", "-H", "ldap://127.0.0.1/",
                "-D", AccountDn(CasDirectoryAccount.Provisioning), "-y", PasswordFile(CasDirectoryAccount.Provisioning), "-f", path,
            ], ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes sure the container's image is on the engine (building it on first use) and starts nothing: what StartAsync
    /// does first. Tests call it before timing StartAsync, so the figure is the start's, not a first build's.
    /// </summary>
    internal Task EnsureImageAsync(CancellationToken ct = default) => CasDirectoryImage.EnsureAsync(_configuration, ct);

    /// <summary>
    /// Makes sure the image is on the engine (building it on first use), starts the container, waits until the reader
    /// account reads the configuration partition, then applies WithLdif and WithCasdirScript in order.
    /// </summary>
    public override async Task StartAsync(CancellationToken ct = default)
    {
        await EnsureImageAsync(ct).ConfigureAwait(false);
        try
        {
            await base.StartAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or ContainerNotRunningException && !ct.IsCancellationRequested)
        {
            // Testcontainers reports a container that ends at once either way (a bare timeout when its ports were
            // never mapped): the container's own last words say why.
            if (await DescribeEndAsync().ConfigureAwait(false) is not { } end)
                throw;
            throw new CasDirectoryStartupException($"The CasDirectory container ended while starting: {end}", e);
        }
        await ReadCredentialsAsync(ct).ConfigureAwait(false);
        foreach (var ldif in _configuration.Ldifs)
        {
            var result = await ApplyLdifAsync(ldif.Content, ct).ConfigureAwait(false);
            if (result.ExitCode != 0)
                throw new CasDirectoryStartupException($"{ldif.Name} given to WithLdif could not be applied as the provisioning account (ldapmodify exited {result.ExitCode}): {Trimmed(result.Stderr, result.Stdout)}");
        }
        foreach (var script in _configuration.Scripts)
        {
            var result = await RunCasdirScriptAsync(script.Content, ct).ConfigureAwait(false);
            if (result.ExitCode != 0)
                throw new CasDirectoryStartupException($"{script.Name} given to WithCasdirScript failed (casdir exited {result.ExitCode}): {Trimmed(result.Stderr, result.Stdout)}");
        }
    }

    internal string AccountDn(CasDirectoryAccount account) => $"CN=casdir-{AccountFileName(account)},CN=Users,{DefaultNamingContext}";

    internal static string PasswordFile(CasDirectoryAccount account) => $"{AccountsDirectory}/{AccountFileName(account)}.password";

    private static string AccountFileName(CasDirectoryAccount account) => account switch
    {
        CasDirectoryAccount.Reader => "reader",
        CasDirectoryAccount.Provisioning => "provisioning",
        CasDirectoryAccount.Updater => "updater",
        _ => throw new ArgumentOutOfRangeException(nameof(account), account, "Reader, Provisioning or Updater."),
    };

    private async Task ReadCredentialsAsync(CancellationToken ct)
    {
        var accounts = new[] { CasDirectoryAccount.Reader, CasDirectoryAccount.Provisioning, CasDirectoryAccount.Updater };
        var reads = accounts.Select(async account =>
        {
            var dn = ReadTextAsync($"{AccountsDirectory}/{AccountFileName(account)}.dn", ct);
            var password = ReadTextAsync(PasswordFile(account), ct);
            return (account, credential: new NetworkCredential((await dn.ConfigureAwait(false)).Trim(), (await password.ConfigureAwait(false)).Trim()));
        }).ToList();
        var ca = ReadTextAsync(CaCertificateFile, ct);
        var credentials = await Task.WhenAll(reads).ConfigureAwait(false);
        _credentials = credentials.ToDictionary(c => c.account, c => c.credential);
        _caCertificatePem = await ca.ConfigureAwait(false);
    }

    // The directory's files live on a tmpfs, which the engine's archive API (ReadFileAsync) does not see: read them with cat.
    private async Task<string> ReadTextAsync(string path, CancellationToken ct)
    {
        var result = await InContainerAsync(() => ExecAsync(["cat", path], ct)).ConfigureAwait(false);
        return result.ExitCode == 0
            ? result.Stdout
            : throw new InvalidOperationException($"{path} could not be read in the CasDirectory container: {result.Stderr.Trim()}");
    }

    /// <summary>
    /// Runs work against the container; if the container has ended (slapd or the service died, the container was
    /// stopped), says so with its exit code and its last log lines instead of the engine's bare 409.
    /// </summary>
    private async Task<T> InContainerAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"The CasDirectory container is not running: {await DescribeEndAsync().ConfigureAwait(false) ?? "it is paused or stopping"}", e);
        }
    }

    /// <summary>How the container ended (exit code and last log lines), or null while it runs.</summary>
    private async Task<string?> DescribeEndAsync()
    {
        using var client = _configuration.DockerEndpointAuthConfig.GetDockerClientBuilder(_configuration.SessionId).Build();
        ContainerInspectResponse container;
        try
        {
            container = await client.Containers.InspectContainerAsync(Id).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            return "it was removed";
        }
        if (container.State is not { Running: false } state)
            return null;
        var (stdout, stderr) = await GetLogsAsync(timestampsEnabled: false).ConfigureAwait(false);
        var lastLines = (stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(10);
        return $"exit code {state.ExitCode}; its last log lines:{Environment.NewLine}{string.Join(Environment.NewLine, lastLines)}";
    }

    private static string Trimmed(string stderr, string stdout)
    {
        var text = (string.IsNullOrWhiteSpace(stderr) ? stdout : stderr).Trim();
        return text.Length > 2000 ? text[..2000] + " …" : text;
    }

    private static InvalidOperationException NotStarted() => new("The CasDirectory container has not been started: await StartAsync() first.");
}
