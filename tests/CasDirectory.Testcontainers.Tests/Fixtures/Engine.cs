using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;

namespace CasDirectory.Testcontainers.Tests.Fixtures;

/// <summary>Asks the Docker engine the tests use (the one Testcontainers finds) what exists, to check what a test left.</summary>
public static class Engine
{
    public static IDockerClient Client() => TestcontainersSettings.OS.DockerEndpointAuthConfig.GetDockerClientBuilder(Guid.NewGuid()).Build();

    public static async Task<bool> ContainerExistsAsync(string id)
    {
        using var client = Client();
        try
        {
            await client.Containers.InspectContainerAsync(id);
            return true;
        }
        catch (DockerContainerNotFoundException)
        {
            return false;
        }
    }

    public static async Task<ContainerInspectResponse> InspectAsync(string id)
    {
        using var client = Client();
        return await client.Containers.InspectContainerAsync(id);
    }

    public static async Task<IReadOnlySet<string>> VolumeNamesAsync()
    {
        using var client = Client();
        var volumes = await client.Volumes.ListAsync(CancellationToken.None);
        return (volumes.Volumes ?? []).Select(v => v.Name).ToHashSet();
    }

    public static async Task<IReadOnlySet<string>> NetworkIdsAsync()
    {
        using var client = Client();
        return (await client.Networks.ListNetworksAsync()).Select(n => n.ID).ToHashSet();
    }

    public static async Task<IReadOnlyDictionary<string, string>?> ImageLabelsAsync(string image)
    {
        using var client = Client();
        try
        {
            return (await client.Images.InspectImageAsync(image)).Config?.Labels?.ToDictionary(l => l.Key, l => l.Value);
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }
}
