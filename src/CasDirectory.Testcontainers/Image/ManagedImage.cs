namespace CasDirectory.Testcontainers;

/// <summary>
/// The image the module builds itself when the engine lacks it: its name (by default casdirectory/testcontainers
/// tagged with the package version) and the base images its Dockerfile takes as build arguments.
/// </summary>
internal sealed record ManagedImage(string Name, string BaseImage, string SdkImage)
{
    public const string Repository = "casdirectory/testcontainers";
    public const string PublicBaseImage = "debian:bookworm-slim";
    public const string PublicSdkImage = "mcr.microsoft.com/dotnet/sdk:10.0";

    /// <summary>The package's version (without build metadata): the default image's tag.</summary>
    public static string PackageVersion { get; } =
        (typeof(ManagedImage).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];

    /// <summary>
    /// The default: CASDIR_TESTCONTAINERS_IMAGE names the image (built there if missing), CASDIR_BASE_IMAGE and
    /// CASDIR_SDK_IMAGE the base images (scripts/docker-engine.sh exports both for registry-less machines).
    /// </summary>
    public static ManagedImage FromEnvironment() => new(
        Setting("CASDIR_TESTCONTAINERS_IMAGE") ?? $"{Repository}:{PackageVersion}",
        Setting("CASDIR_BASE_IMAGE") ?? PublicBaseImage,
        Setting("CASDIR_SDK_IMAGE") ?? PublicSdkImage);

    private static string? Setting(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value.Trim() : null;
}
