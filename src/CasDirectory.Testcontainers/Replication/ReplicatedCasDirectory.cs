using Docker.DotNet;
using DotNet.Testcontainers.Networks;
using DotNet.Testcontainers.Volumes;

namespace CasDirectory.Testcontainers;

/// <summary>
/// A replicated CasDirectory, as docker-compose.ha.yml runs one: two providers in mirror mode and read-only consumers,
/// each a <see cref="CasDirectoryContainer"/> of the module's image, on a Docker network of their own. Build it with
/// <see cref="CasDirectoryBuilder.BuildReplicated"/>:
/// <code>
/// await using var directory = new CasDirectoryBuilder().WithSampleLab().BuildReplicated(consumers: 1);
/// await directory.StartAsync();
/// await directory.RunCasdirAsync("New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-A");
/// string mirror = directory.Mirror.GetLdapUrl();                 // ldap://127.0.0.1:&lt;port&gt;
/// await directory.KillAsync(directory.Provider);                 // a crash: the mirror takes the writes
/// </code>
/// The provider (serverID 1) creates the directory and shares its accounts and CA with the others through a volume of
/// 0600 files; the mirror (serverID 2) and the consumers (3 on) join it and are seeded by replication. Every server
/// has the same accounts' passwords and the same CA. <see cref="DisposeAsync"/> removes every container, the volume
/// and the network, also after a start that failed halfway.
/// </summary>
public sealed class ReplicatedCasDirectory : IAsyncDisposable
{
    /// <summary>The most consumers one directory has: serverIDs 3 to 99 (the entrypoint's serverIDs are 1 to 99).</summary>
    public const int MaxConsumers = 97;

    /// <summary>Where the secrets volume is mounted: the provider writes it, the others read it.</summary>
    private const string SecretsPath = "/var/lib/casdir-replica-secrets";

    private static readonly TimeSpan InStepTimeout = TimeSpan.FromMinutes(2);

    private readonly IDockerEndpointAuthenticationConfiguration _endpoint;
    private readonly Guid _sessionId;
    private readonly IVolume _secrets;
    private readonly IReadOnlyList<CasDirectoryContainer> _servers;

    internal ReplicatedCasDirectory(CasDirectoryBuilder provider, CasDirectoryBuilder replica, int consumers)
    {
        _endpoint = provider.DockerEndpoint;
        _sessionId = provider.SessionId;
        var name = $"casdirectory-{Guid.NewGuid():N}"[..25];
        Network = new NetworkBuilder().WithDockerEndpoint(_endpoint).WithName(name).Build();
        _secrets = new VolumeBuilder().WithDockerEndpoint(_endpoint).WithName($"{name}-secrets").Build();

        var servers = new List<CasDirectoryContainer>
        {
            Server(provider, 1, "provider", $"2={LdapsUrl(2)}", "create", AccessMode.ReadWrite),
            Server(replica, 2, "provider", $"1={LdapsUrl(1)}", "join", AccessMode.ReadOnly),
        };
        for (var id = 3; id < 3 + consumers; id++)
            servers.Add(Server(replica, id, "consumer", $"1={LdapsUrl(1)} 2={LdapsUrl(2)}", "join", AccessMode.ReadOnly));
        _servers = servers;
    }

    /// <summary>The provider that created the directory (serverID 1): it takes writes, and the LDIF and scripts given to the builder ran on it.</summary>
    public CasDirectoryContainer Provider => _servers[0];

    /// <summary>The provider's mirror (serverID 2): it takes writes too, and replicates both ways with the provider.</summary>
    public CasDirectoryContainer Mirror => _servers[1];

    /// <summary>The read-only consumers (serverIDs 3 on): they replicate from both providers and refer writes to them.</summary>
    public IReadOnlyList<CasDirectoryContainer> Consumers => _servers.Skip(2).ToList();

    /// <summary>Every server: the provider, the mirror, then the consumers (serverIDs 1, 2, 3 …).</summary>
    public IReadOnlyList<CasDirectoryContainer> Servers => _servers;

    /// <summary>The servers' network: another container on it reaches a server by <see cref="GetNetworkAlias"/> (LDAP 389, LDAPS 636).</summary>
    public INetwork Network { get; }

    /// <summary>The directory's DNS domain, e.g. lab.local.</summary>
    public string Domain => Provider.Domain;

    /// <summary>The domain's naming context, e.g. DC=lab,DC=local.</summary>
    public string DefaultNamingContext => Provider.DefaultNamingContext;

    /// <summary>The configuration partition, e.g. CN=Configuration,DC=lab,DC=local.</summary>
    public string ConfigurationNamingContext => Provider.ConfigurationNamingContext;

    /// <summary>A server's serverID: 1 the provider, 2 the mirror, 3 on the consumers.</summary>
    public int GetServerId(CasDirectoryContainer server)
    {
        var index = _servers.ToList().IndexOf(server);
        return index >= 0 ? index + 1 : throw new ArgumentException("The container is not a server of this replicated directory.", nameof(server));
    }

    /// <summary>A server's name on <see cref="Network"/> (ldap-1, ldap-2, …), which its certificate also names.</summary>
    public string GetNetworkAlias(CasDirectoryContainer server) => Alias(GetServerId(server));

    /// <summary>An account's bind DN and password: the same on every server.</summary>
    public NetworkCredential GetCredential(CasDirectoryAccount account) => Provider.GetCredential(account);

    /// <summary>The directory's CA, PEM-encoded: it issued every server's LDAPS certificate.</summary>
    public string GetCaCertificatePem() => Provider.GetCaCertificatePem();

    /// <summary>The directory's CA: it issued every server's LDAPS certificate (each for localhost, 127.0.0.1 and its network alias).</summary>
    public X509Certificate2 GetCaCertificate() => Provider.GetCaCertificate();

    /// <summary>
    /// The provider that takes writes now: <see cref="Provider"/> while its container runs, else <see cref="Mirror"/>
    /// (as the compose setup's front end fails over: no fail-back).
    /// </summary>
    public async Task<CasDirectoryContainer> GetWriterAsync(CancellationToken ct = default)
    {
        foreach (var provider in new[] { Provider, Mirror })
            if (await IsRunningAsync(provider, ct).ConfigureAwait(false))
                return provider;
        throw new InvalidOperationException("Neither provider of the replicated directory runs: there is no writer.");
    }

    /// <summary>Runs one casdir line on the writer (<see cref="GetWriterAsync"/>) as the provisioning account.</summary>
    public Task<ExecResult> RunCasdirAsync(string commandLine, CancellationToken ct = default) =>
        RunCasdirAsync(commandLine, CasDirectoryAccount.Provisioning, ct);

    /// <summary>Runs one casdir line on the writer (<see cref="GetWriterAsync"/>) as the given account.</summary>
    public async Task<ExecResult> RunCasdirAsync(string commandLine, CasDirectoryAccount account, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commandLine);
        var writer = await GetWriterAsync(ct).ConfigureAwait(false);
        return await writer.RunCasdirAsync(commandLine, account, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Kills a server's container (SIGKILL, no shutdown: a crash) and returns once it has ended, for failover tests. A
    /// server's data lives on a tmpfs, so a killed or stopped server stays out: the others go on without it.
    /// <c>server.StopAsync()</c> stops one the graceful way.
    /// </summary>
    public async Task KillAsync(CasDirectoryContainer server, CancellationToken ct = default)
    {
        GetServerId(server);
        using var client = Client();
        try
        {
            await client.Containers.KillContainerAsync(server.Id, new ContainerKillParameters { Signal = "KILL" }, ct).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            return; // it is not running
        }
        while (await IsRunningAsync(server, ct).ConfigureAwait(false))
            await Task.Delay(50, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes sure the image is on the engine, creates the network and the secrets volume, starts the provider (and
    /// applies the builder's LDIF and scripts on it), then the mirror and the consumers, and waits until every server
    /// holds every change each running provider made (contextCSN of the configuration and domain naming contexts).
    /// </summary>
    /// <exception cref="CasDirectoryStartupException">A server ended while starting (the message names it and says why), or the servers did not get in step within two minutes.</exception>
    public async Task StartAsync(CancellationToken ct = default)
    {
        await Network.CreateAsync(ct).ConfigureAwait(false);
        await _secrets.CreateAsync(ct).ConfigureAwait(false);
        await StartServerAsync(Provider, ct).ConfigureAwait(false);
        // The consumers seed from both providers, so they wait inside for the mirror: all may start at once.
        await Task.WhenAll(_servers.Skip(1).Select(server => StartServerAsync(server, ct))).ConfigureAwait(false);
        await new ReplicaSteps(_servers, Describe).WaitUntilInStepAsync(InStepTimeout, ct).ConfigureAwait(false);
    }

    /// <summary>Removes every server's container, the secrets volume and the network (what exists of them).</summary>
    public async ValueTask DisposeAsync()
    {
        var failures = new List<Exception>();
        async Task Try(Func<ValueTask> dispose)
        {
            try
            {
                await dispose().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        }
        // Containers first: a volume or network in use cannot be removed.
        await Task.WhenAll(_servers.Select(server => Try(server.DisposeAsync))).ConfigureAwait(false);
        await Try(_secrets.DisposeAsync).ConfigureAwait(false);
        await Try(Network.DisposeAsync).ConfigureAwait(false);
        if (failures.Count > 0)
            throw new AggregateException("The replicated directory could not be removed completely.", failures);
    }

    private async Task StartServerAsync(CasDirectoryContainer server, CancellationToken ct)
    {
        try
        {
            await server.StartAsync(ct).ConfigureAwait(false);
        }
        catch (CasDirectoryStartupException e)
        {
            throw new CasDirectoryStartupException($"{Describe(server)}: {e.Message}", e);
        }
    }

    private CasDirectoryContainer Server(CasDirectoryBuilder builder, int id, string role, string replicateFrom, string init, AccessMode secretsAccess) =>
        builder
            .WithNetwork(Network)
            .WithNetworkAliases(Alias(id))
            .WithVolumeMount(_secrets, SecretsPath, secretsAccess)
            .WithEnvironment("CASDIR_SERVER_ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("CASDIR_ROLE", role)
            .WithEnvironment("CASDIR_REPLICATE_FROM", replicateFrom)
            .WithEnvironment("CASDIR_INIT", init)
            .WithEnvironment("CASDIR_REPLICA_SECRETS", SecretsPath)
            .WithEnvironment("CASDIR_TLS_NAMES", Alias(id))
            .Build();

    private string Describe(CasDirectoryContainer server) => GetServerId(server) switch
    {
        1 => "The provider (serverID 1)",
        2 => "The mirror (serverID 2)",
        var id => $"The consumer serverID {id}",
    };

    private static string Alias(int serverId) => $"ldap-{serverId}";

    private static string LdapsUrl(int serverId) => $"ldaps://{Alias(serverId)}:{CasDirectoryBuilder.LdapsPort}";

    private async Task<bool> IsRunningAsync(CasDirectoryContainer server, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(server.Id))
            return false;
        using var client = Client();
        try
        {
            return (await client.Containers.InspectContainerAsync(server.Id, ct).ConfigureAwait(false)).State?.Running == true;
        }
        catch (DockerContainerNotFoundException)
        {
            return false;
        }
    }

    private IDockerClient Client() => _endpoint.GetDockerClientBuilder(_sessionId).Build();
}
