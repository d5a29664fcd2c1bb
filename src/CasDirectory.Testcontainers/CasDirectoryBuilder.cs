using System.Text.RegularExpressions;

namespace CasDirectory.Testcontainers;

/// <summary>
/// Builds a <see cref="CasDirectoryContainer"/>: an Exchange-shaped directory for a test.
/// <code>
/// await using var directory = new CasDirectoryBuilder().WithSampleLab().Build();
/// await directory.StartAsync();
/// </code>
/// Without <see cref="ContainerBuilder{TBuilderEntity, TContainerEntity, TConfigurationEntity}.WithImage(string)"/> the
/// image is casdirectory/testcontainers tagged with this package's version, built on first use from the sources the
/// package carries (CASDIR_TESTCONTAINERS_IMAGE, CASDIR_BASE_IMAGE and CASDIR_SDK_IMAGE change the names).
/// </summary>
public sealed partial class CasDirectoryBuilder : ContainerBuilder<CasDirectoryBuilder, CasDirectoryContainer, CasDirectoryConfiguration>
{
    /// <summary>The directory's LDAP port in the container.</summary>
    public const ushort LdapPort = 389;

    /// <summary>The directory's LDAPS port in the container.</summary>
    public const ushort LdapsPort = 636;

    /// <summary>The site-topology service's status endpoint in the container.</summary>
    public const ushort StatusPort = 3899;

    /// <summary>The Autodiscover listener's HTTPS port in the container.</summary>
    public const ushort AutodiscoverPort = 8443;

    /// <summary>The domain unless <see cref="WithDomain"/> sets another.</summary>
    public const string DefaultDomain = "lab.local";

    /// <summary>The Exchange organization unless <see cref="WithOrganization"/> sets another.</summary>
    public const string DefaultOrganization = "First Organization";

    /// <summary>A builder for the module's own image (built on first use when the engine lacks it).</summary>
    public CasDirectoryBuilder()
        : this(new CasDirectoryConfiguration())
    {
        DockerResourceConfiguration = Init().DockerResourceConfiguration;
    }

    private CasDirectoryBuilder(CasDirectoryConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override CasDirectoryConfiguration DockerResourceConfiguration { get; }

    /// <summary>The directory's DNS domain (default lab.local): its naming contexts and account DNs follow from it.</summary>
    public CasDirectoryBuilder WithDomain(string domain)
    {
        if (domain is null || !DnsName().IsMatch(domain))
            throw new ArgumentException($"'{domain}' is not a DNS domain name such as lab.local or corp.example.com.", nameof(domain));
        return Merge(DockerResourceConfiguration, new CasDirectoryConfiguration(domain: domain)).WithEnvironment("CASDIR_DOMAIN", domain);
    }

    /// <summary>The Exchange organization's name (default First Organization): letters, digits, spaces and hyphens, 1-64.</summary>
    public CasDirectoryBuilder WithOrganization(string organization)
    {
        if (organization is null || !OrganizationName().IsMatch(organization))
            throw new ArgumentException($"'{organization}' is not an organization name this directory takes: letters, digits, spaces and hyphens, 1 to 64, starting and ending with a letter or digit.", nameof(organization));
        return Merge(DockerResourceConfiguration, new CasDirectoryConfiguration(organization: organization)).WithEnvironment("CASDIR_ORG", organization);
    }

    /// <summary>Starts the directory with the sample lab: sites Site-A and Site-B with their subnets, four Exchange servers and their databases.</summary>
    public CasDirectoryBuilder WithSampleLab() =>
        Merge(DockerResourceConfiguration, new CasDirectoryConfiguration(sampleLab: true)).WithEnvironment("CASDIR_SAMPLE", "lab");

    /// <summary>
    /// Applies LDIF (entries to add, or change records) as the provisioning account once the directory is ready and
    /// before <see cref="CasDirectoryContainer.StartAsync"/> returns; the directory's own rules apply to it.
    /// </summary>
    public CasDirectoryBuilder WithLdif(string ldif)
    {
        ArgumentNullException.ThrowIfNull(ldif);
        var name = $"LDIF #{DockerResourceConfiguration.Ldifs.Count + 1}";
        return Merge(DockerResourceConfiguration, new CasDirectoryConfiguration(ldifs: [new StartupInput(name, ldif)]));
    }

    /// <summary>Like <see cref="WithLdif"/>, from a file (read now).</summary>
    public CasDirectoryBuilder WithLdifFile(string path) =>
        Merge(DockerResourceConfiguration, new CasDirectoryConfiguration(ldifs: [new StartupInput($"LDIF file {path}", ReadFile(path, "LDIF"))]));

    /// <summary>
    /// Runs a casdir script (the Exchange Management Shell's cmdlets and PowerShell's core language) as the
    /// provisioning account once the directory is ready and before <see cref="CasDirectoryContainer.StartAsync"/> returns.
    /// </summary>
    public CasDirectoryBuilder WithCasdirScript(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var name = $"script #{DockerResourceConfiguration.Scripts.Count + 1}";
        return Merge(DockerResourceConfiguration, new CasDirectoryConfiguration(scripts: [new StartupInput(name, script)]));
    }

    /// <summary>Like <see cref="WithCasdirScript"/>, from a file (read now).</summary>
    public CasDirectoryBuilder WithCasdirScriptFile(string path) =>
        Merge(DockerResourceConfiguration, new CasDirectoryConfiguration(scripts: [new StartupInput($"script file {path}", ReadFile(path, "casdir script"))]));

    /// <summary>
    /// Runs casdir's site-topology service beside the directory, as the updater account: a server whose IP address
    /// moves into another site's subnet gets that site within about a second. Ready waits for it too.
    /// </summary>
    public CasDirectoryBuilder WithSiteTopologyService() =>
        Merge(DockerResourceConfiguration, new CasDirectoryConfiguration(siteTopologyService: true))
            .WithEnvironment("CASDIR_SITE_TOPOLOGY_SERVICE", "on")
            .WithPortBinding(StatusPort, true);

    /// <summary>
    /// Runs the service's Autodiscover listener (POX at /autodiscover/autodiscover.xml, SOAP at
    /// /autodiscover/autodiscover.svc, Basic authentication checked by a bind as the mailbox's user) and publishes it on
    /// the host's loopback; implies <see cref="WithSiteTopologyService"/>, whose process serves it. Its certificate is
    /// issued at start by the container's own CA (<see cref="CasDirectoryContainer.GetCaCertificate"/>) for
    /// autodiscover.&lt;domain&gt;, localhost, 127.0.0.1, ::1 and, with the sample lab, its Client Access servers' FQDNs.
    /// A mailbox needs a password to log on: <c>RunCasdirAsync("Set-Mailbox alex -Password (ConvertTo-SecureString 'P@ss' -AsPlainText -Force)")</c>.
    /// </summary>
    public CasDirectoryBuilder WithAutodiscover() =>
        Merge(WithSiteTopologyService().DockerResourceConfiguration, new CasDirectoryConfiguration(autodiscover: true))
            .WithEnvironment("CASDIR_AUTODISCOVER", "on")
            .WithPortBinding(AutodiscoverPort, true);

    /// <summary>
    /// The base images the module's own image is built on when the engine lacks it (default CASDIR_BASE_IMAGE and
    /// CASDIR_SDK_IMAGE, else debian:bookworm-slim and mcr.microsoft.com/dotnet/sdk:10.0).
    /// </summary>
    public CasDirectoryBuilder WithBaseImages(string baseImage, string sdkImage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baseImage);
        ArgumentException.ThrowIfNullOrWhiteSpace(sdkImage);
        var current = DockerResourceConfiguration.ManagedImage ?? ManagedImage.FromEnvironment();
        return Merge(DockerResourceConfiguration, new CasDirectoryConfiguration(managedImage: current with { BaseImage = baseImage, SdkImage = sdkImage }));
    }

    /// <summary>Names the image the module builds when missing (tests of the build path use a name no engine has).</summary>
    internal CasDirectoryBuilder WithManagedImage(string name) =>
        Merge(DockerResourceConfiguration, new CasDirectoryConfiguration(managedImage: (DockerResourceConfiguration.ManagedImage ?? ManagedImage.FromEnvironment()) with { Name = name }))
            .WithImage(name);

    /// <inheritdoc />
    public override CasDirectoryContainer Build()
    {
        Validate();
        return new CasDirectoryContainer(DockerResourceConfiguration);
    }

    /// <summary>
    /// Builds a replicated directory from this builder's settings instead of one container: a provider that creates the
    /// directory (serverID 1, with the sample lab, LDIF and scripts given here), its mirror (serverID 2, the second
    /// provider of mirror mode) and <paramref name="consumers"/> read-only consumers (serverIDs 3 on), on a Docker
    /// network of their own. <see cref="ReplicatedCasDirectory.StartAsync"/> starts them and waits until they are in step.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="consumers"/> is not 0 to <see cref="ReplicatedCasDirectory.MaxConsumers"/>.</exception>
    /// <exception cref="InvalidOperationException">The builder runs the site-topology service, which a replicated directory does not.</exception>
    public ReplicatedCasDirectory BuildReplicated(int consumers = 0)
    {
        if (consumers is < 0 or > ReplicatedCasDirectory.MaxConsumers)
            throw new ArgumentOutOfRangeException(nameof(consumers), $"A replicated directory has 0 to {ReplicatedCasDirectory.MaxConsumers} read-only consumers beside its two providers (serverIDs 3 to 99), not {consumers}.");
        if (DockerResourceConfiguration.SiteTopologyService == true)
            throw new InvalidOperationException("BuildReplicated does not run the site-topology service or Autodiscover (one service follows one writer): build without WithSiteTopologyService() and WithAutodiscover().");
        Validate();
        return new ReplicatedCasDirectory(this, WithoutStartupInputs(), consumers);
    }

    /// <summary>This builder without its LDIF and scripts (a replica gets them by replication).</summary>
    internal CasDirectoryBuilder WithoutStartupInputs() => new(DockerResourceConfiguration.WithoutStartupInputs());

    /// <summary>The Docker engine this builder's containers run on (a replicated directory's network and volume go there too).</summary>
    internal IDockerEndpointAuthenticationConfiguration DockerEndpoint => DockerResourceConfiguration.DockerEndpointAuthConfig;

    /// <summary>The session its containers are labelled with.</summary>
    internal Guid SessionId => DockerResourceConfiguration.SessionId;

    /// <inheritdoc />
    protected override CasDirectoryBuilder Init()
    {
        var image = ManagedImage.FromEnvironment();
        return base.Init()
            .WithImage(image.Name)
            .WithManagedImage(image.Name)
            .WithPortBinding(LdapPort, true)
            .WithPortBinding(LdapsPort, true)
            // Published on the host's loopback only: a test directory with generated passwords is nobody else's business.
            .WithCreateParameterModifier(parameters =>
            {
                foreach (var binding in parameters.HostConfig?.PortBindings?.Values.SelectMany(b => b) ?? [])
                    if (string.IsNullOrEmpty(binding.HostIP))
                        binding.HostIP = "127.0.0.1";
            })
            // The host may bind with a password over plain LDAP, as loopback may (only loopback can reach the ports).
            .WithEnvironment("CASDIR_TRUST_DOCKER_HOST", "on")
            // The directory's data on a tmpfs: fast writes, and nothing left on the engine's disk after the test.
            .WithTmpfsMount("/var/lib/casdir")
            .WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(new UntilReaderReadsConfiguration(),
                strategy => strategy.WithInterval(TimeSpan.FromMilliseconds(100)).WithTimeout(TimeSpan.FromMinutes(2))));
    }

    /// <inheritdoc />
    protected override CasDirectoryBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new CasDirectoryConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override CasDirectoryBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new CasDirectoryConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override CasDirectoryBuilder Merge(CasDirectoryConfiguration oldValue, CasDirectoryConfiguration newValue) =>
        new(new CasDirectoryConfiguration(oldValue, newValue));

    private static string ReadFile(string path, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"The {what} file '{path}' cannot be read: {e.Message}", nameof(path), e);
        }
    }

    // As the container's entrypoint checks them (and casdir up): a DNS name of two labels or more; an organization name.
    [GeneratedRegex(@"^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex DnsName();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9 -]{0,62}[A-Za-z0-9])?$")]
    private static partial Regex OrganizationName();
}
