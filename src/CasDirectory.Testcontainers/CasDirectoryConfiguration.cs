namespace CasDirectory.Testcontainers;

/// <summary>
/// What <see cref="CasDirectoryBuilder"/> collected beyond a plain container: the directory's domain and organization,
/// the sample lab, the site-topology service and its Autodiscover listener, LDIF and scripts to apply at start, and the image the module manages.
/// Immutable, merged the way Testcontainers' own module configurations are.
/// </summary>
public sealed class CasDirectoryConfiguration : ContainerConfiguration
{
    /// <summary>Creates a configuration holding only the given values (the others unset).</summary>
    internal CasDirectoryConfiguration(
        string? domain = null,
        string? organization = null,
        bool? sampleLab = null,
        bool? siteTopologyService = null,
        bool? autodiscover = null,
        IReadOnlyList<StartupInput>? ldifs = null,
        IReadOnlyList<StartupInput>? scripts = null,
        ManagedImage? managedImage = null)
    {
        Domain = domain;
        Organization = organization;
        SampleLab = sampleLab;
        SiteTopologyService = siteTopologyService;
        Autodiscover = autodiscover;
        Ldifs = ldifs ?? [];
        Scripts = scripts ?? [];
        ManagedImage = managedImage;
    }

    /// <summary>Copies a Docker resource configuration.</summary>
    public CasDirectoryConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Copies a container configuration.</summary>
    public CasDirectoryConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Copies a CasDirectory configuration.</summary>
    public CasDirectoryConfiguration(CasDirectoryConfiguration resourceConfiguration)
        : this(new CasDirectoryConfiguration(), resourceConfiguration)
    {
    }

    /// <summary>Merges two configurations: values set in <paramref name="newValue"/> win, LDIF and scripts add up in order.</summary>
    public CasDirectoryConfiguration(CasDirectoryConfiguration oldValue, CasDirectoryConfiguration newValue)
        : base(oldValue, newValue)
    {
        Domain = BuildConfiguration.Combine(oldValue.Domain, newValue.Domain);
        Organization = BuildConfiguration.Combine(oldValue.Organization, newValue.Organization);
        SampleLab = BuildConfiguration.Combine(oldValue.SampleLab, newValue.SampleLab);
        SiteTopologyService = BuildConfiguration.Combine(oldValue.SiteTopologyService, newValue.SiteTopologyService);
        Autodiscover = BuildConfiguration.Combine(oldValue.Autodiscover, newValue.Autodiscover);
        Ldifs = [.. oldValue.Ldifs, .. newValue.Ldifs];
        Scripts = [.. oldValue.Scripts, .. newValue.Scripts];
        ManagedImage = BuildConfiguration.Combine(oldValue.ManagedImage, newValue.ManagedImage);
    }

    /// <summary>
    /// This configuration without its LDIF and scripts: a replicated directory's other servers get them from the
    /// provider by replication, not applied a second time.
    /// </summary>
    internal CasDirectoryConfiguration WithoutStartupInputs() => new(this, withStartupInputs: false);

    private CasDirectoryConfiguration(CasDirectoryConfiguration source, bool withStartupInputs)
        : base(new CasDirectoryConfiguration(), source)
    {
        Domain = source.Domain;
        Organization = source.Organization;
        SampleLab = source.SampleLab;
        SiteTopologyService = source.SiteTopologyService;
        Autodiscover = source.Autodiscover;
        Ldifs = withStartupInputs ? source.Ldifs : [];
        Scripts = withStartupInputs ? source.Scripts : [];
        ManagedImage = source.ManagedImage;
    }

    /// <summary>The directory's DNS domain (its naming contexts are derived from it); lab.local unless set.</summary>
    public string? Domain { get; }

    /// <summary>The Exchange organization's name; First Organization unless set.</summary>
    public string? Organization { get; }

    /// <summary>Whether the directory starts with the sample lab (two sites, four servers, databases).</summary>
    public bool? SampleLab { get; }

    /// <summary>Whether casdir's site-topology service runs beside the directory.</summary>
    public bool? SiteTopologyService { get; }

    /// <summary>Whether the service's Autodiscover listener (HTTPS, Basic authentication) runs and is published.</summary>
    public bool? Autodiscover { get; }

    internal IReadOnlyList<StartupInput> Ldifs { get; } = [];

    internal IReadOnlyList<StartupInput> Scripts { get; } = [];

    /// <summary>The image the module builds when the engine lacks it (null when WithImage named a prebuilt one).</summary>
    internal ManagedImage? ManagedImage { get; }
}
