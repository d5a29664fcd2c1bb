using System.Collections.Concurrent;
using Docker.DotNet;
using Microsoft.Extensions.Logging;

namespace CasDirectory.Testcontainers;

/// <summary>
/// Makes sure the container's image is on the engine before Testcontainers creates the container: a prebuilt image
/// (WithImage) is pulled if missing; the module's own image is built from the context this assembly carries when the
/// engine has no image of that name or one built from other sources. Either fails fast, with what to do, when it
/// cannot: a registry that does not answer within <see cref="RegistrySilence"/> counts as unreachable.
/// </summary>
internal static class CasDirectoryImage
{
    /// <summary>How long a pull may go without a word from the registry before it counts as unreachable.</summary>
    private static readonly TimeSpan RegistrySilence = TimeSpan.FromSeconds(6);

    // One build per image name in this process, however many containers start at once; a failed build is retried.
    private static readonly ConcurrentDictionary<string, Lazy<Task>> Builds = new(StringComparer.Ordinal);

    public static async Task EnsureAsync(CasDirectoryConfiguration configuration, CancellationToken ct)
    {
        var name = configuration.Image.FullName;
        using var client = configuration.DockerEndpointAuthConfig.GetDockerClientBuilder(configuration.SessionId).Build();
        var managed = configuration.ManagedImage is { } image && image.Name == name ? image : null;
        var existing = await InspectAsync(client, name, ct).ConfigureAwait(false);

        if (managed is null)
        {
            if (existing is not null)
                return;
            var reason = await TryPullAsync(client, name, ct).ConfigureAwait(false);
            if (reason is not null)
                throw new CasDirectoryImageUnavailableException(
                    $"The image '{name}' given to WithImage is not on the Docker engine ({Endpoint(configuration)}) and could not be pulled: {reason}. " +
                    $"Build it there first (in a CasDirectory clone: docker build -f docker/testcontainers/Dockerfile -t {name} .), " +
                    "or leave WithImage out: the module then builds its own image from the sources it carries.");
            return;
        }

        if (IsBuiltFromTheseSources(existing))
            return;

        var build = Builds.GetOrAdd(name, _ => new Lazy<Task>(() => BuildAsync(configuration, managed, existing is not null)));
        try
        {
            await build.Value.WaitAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            // Done either way: a later start checks the engine again (the image may be removed meanwhile).
            if (build.Value.IsCompleted)
                Builds.TryRemove(new KeyValuePair<string, Lazy<Task>>(name, build));
        }
    }

    private static bool IsBuiltFromTheseSources(ImageInspectResponse? image) =>
        image?.Config?.Labels is { } labels && labels.TryGetValue(ImageBuildContext.DigestLabel, out var digest) && digest == ImageBuildContext.Digest;

    private static async Task BuildAsync(CasDirectoryConfiguration configuration, ManagedImage image, bool isStale)
    {
        // Test assemblies run side by side in processes of their own: one builds, the others wait and then find the
        // image. (Testcontainers also writes the build context to a temporary file named after the image.)
        using var buildLock = await ImageBuildLock.AcquireAsync(image.Name, configuration.DockerEndpointAuthConfig.Endpoint).ConfigureAwait(false);
        using (var client = configuration.DockerEndpointAuthConfig.GetDockerClientBuilder(configuration.SessionId).Build())
        {
            if (IsBuiltFromTheseSources(await InspectAsync(client, image.Name, CancellationToken.None).ConfigureAwait(false)))
                return;
            foreach (var baseImage in new[] { image.BaseImage, image.SdkImage }.Distinct())
            {
                if (await InspectAsync(client, baseImage, CancellationToken.None).ConfigureAwait(false) is not null)
                    continue;
                var reason = await TryPullAsync(client, baseImage, CancellationToken.None).ConfigureAwait(false);
                if (reason is not null)
                    throw new CasDirectoryImageUnavailableException(
                        $"The image '{image.Name}' is not on the Docker engine ({Endpoint(configuration)}) and cannot be built there: " +
                        $"its base image '{baseImage}' is missing and could not be pulled: {reason}. " +
                        "Where no registry is reachable, make local base images once (in a CasDirectory clone: scripts/docker-engine.sh base-images) " +
                        "and name them with CASDIR_BASE_IMAGE and CASDIR_SDK_IMAGE (or WithBaseImages); " +
                        "or start from a prebuilt image with WithImage(...) or CASDIR_TESTCONTAINERS_IMAGE.");
            }
        }

        configuration.Logger.LogInformation(
            "CasDirectory.Testcontainers: {Action} {Image} from the sources this package carries (on {BaseImage} and {SdkImage}); once per engine and version, a minute or two",
            isStale ? "rebuilding" : "building", image.Name, image.BaseImage, image.SdkImage);
        var context = ImageBuildContext.Extract();
        try
        {
            var future = new ImageFromDockerfileBuilder()
                .WithDockerEndpoint(configuration.DockerEndpointAuthConfig)
                .WithName(image.Name)
                .WithContextDirectory(context.FullName)
                .WithDockerfileDirectory(context.FullName)
                .WithDockerfile("Dockerfile")
                .WithBuildArgument("BASE_IMAGE", image.BaseImage)
                .WithBuildArgument("SDK_IMAGE", image.SdkImage)
                .WithBuildArgument("CASDIR_SOURCE_DIGEST", ImageBuildContext.Digest)
                .WithImageBuildPolicy(_ => true)
                .WithDeleteIfExists(false)
                // The image is a cache kept across test runs, not a resource of this one.
                .WithCleanUp(false)
                .Build();
            await future.CreateAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not CasDirectoryImageUnavailableException)
        {
            throw new CasDirectoryImageUnavailableException(
                $"Building the image '{image.Name}' on {Endpoint(configuration)} failed: {e.Message.TrimEnd('.')}. The engine's build output says why " +
                "(set a Testcontainers logger to see it); a restore that cannot reach NuGet inside the build is the usual cause.", e);
        }
        finally
        {
            try { context.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task<ImageInspectResponse?> InspectAsync(IDockerClient client, string name, CancellationToken ct)
    {
        try
        {
            return await client.Images.InspectImageAsync(name, ct).ConfigureAwait(false);
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Pulls an image; null when it is then on the engine, else why not.</summary>
    private static async Task<string?> TryPullAsync(IDockerClient client, string name, CancellationToken ct)
    {
        var (repository, tag) = Split(name);
        string? error = null;
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(ct);
        silence.CancelAfter(RegistrySilence);
        var progress = new Progress<JSONMessage>(message =>
        {
            if (message.Error?.Message is { Length: > 0 } failure)
                error = failure;
            else
                silence.CancelAfter(RegistrySilence); // the registry answers: a slow download is still a download
        });
        try
        {
            await client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = repository, Tag = tag }, null, progress, silence.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"no registry answered within {RegistrySilence.TotalSeconds:0} s";
        }
        catch (DockerApiException e)
        {
            return FirstLine(e.ResponseBody) ?? e.Message;
        }
        if (await InspectAsync(client, name, ct).ConfigureAwait(false) is not null)
            return null;
        return error ?? "the engine did not get it";
    }

    private static (string Repository, string Tag) Split(string name)
    {
        var slash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        return colon > slash ? (name[..colon], name[(colon + 1)..]) : (name, "latest");
    }

    private static string? FirstLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            // The engine answers {"message":"..."}; keep the message.
            using var json = System.Text.Json.JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && json.RootElement.TryGetProperty("message", out var message))
                return message.GetString();
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return text.Split('\n')[0].Trim();
    }

    private static string Endpoint(CasDirectoryConfiguration configuration) => configuration.DockerEndpointAuthConfig.Endpoint?.ToString() ?? "the default engine";
}
