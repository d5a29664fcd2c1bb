using CasDirectory.Testcontainers.Tests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.Testcontainers.Tests;

/// <summary>DisposeAsync removes what the module made, reaper or not (the tests run with TESTCONTAINERS_RYUK_DISABLED=true).</summary>
[TestFixture]
[Category("Container")]
[NonParallelizable]
public sealed class DisposalTests
{
    [Test]
    public async Task After_DisposeAsync_no_container_network_or_volume_of_the_test_is_left()
    {
        var volumesBefore = await Engine.VolumeNamesAsync();
        var networksBefore = await Engine.NetworkIdsAsync();
        var directory = new CasDirectoryBuilder().WithSampleLab().WithSiteTopologyService().Build();
        await directory.StartAsync();
        var id = directory.Id;
        var mounts = (await Engine.InspectAsync(id)).Mounts.Select(m => m.Name ?? "").Where(n => n.Length > 0).ToList();
        Assert.That(await Engine.ContainerExistsAsync(id), Is.True);

        await directory.DisposeAsync();

        Assert.That(await Engine.ContainerExistsAsync(id), Is.False, "the container is removed");
        var volumesAfter = await Engine.VolumeNamesAsync();
        Assert.That(volumesAfter.Except(volumesBefore), Is.Empty, "no volume is left");
        Assert.That(mounts.Where(volumesAfter.Contains), Is.Empty, "none of the container's volumes is left");
        Assert.That((await Engine.NetworkIdsAsync()).Except(networksBefore), Is.Empty, "no network is left");
    }
}
