using CasDirectory.Testcontainers.Tests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.Testcontainers.Tests;

/// <summary>
/// A replicated directory's DisposeAsync removes its containers, its secrets volume and its network, after a start and
/// after a start that failed halfway (the tests run with TESTCONTAINERS_RYUK_DISABLED=true: no reaper helps).
/// </summary>
[TestFixture]
[Category("Container")]
[NonParallelizable]
public sealed class ReplicatedDisposalTests
{
    [Test]
    public async Task Disposal_removes_every_container_the_volume_and_the_network()
    {
        var volumesBefore = await Engine.VolumeNamesAsync();
        var networksBefore = await Engine.NetworkIdsAsync();
        var directory = new CasDirectoryBuilder().BuildReplicated();
        await directory.StartAsync();
        var ids = directory.Servers.Select(s => s.Id).ToList();
        Assert.That((await Engine.NetworkIdsAsync()).Except(networksBefore), Is.Not.Empty, "the directory has a network");
        Assert.That((await Engine.VolumeNamesAsync()).Except(volumesBefore), Is.Not.Empty, "the directory has a secrets volume");

        await directory.DisposeAsync();

        foreach (var id in ids)
            Assert.That(await Engine.ContainerExistsAsync(id), Is.False, $"container {id} is removed");
        Assert.That((await Engine.VolumeNamesAsync()).Except(volumesBefore), Is.Empty, "no volume is left");
        Assert.That((await Engine.NetworkIdsAsync()).Except(networksBefore), Is.Empty, "no network is left");
    }

    [Test]
    public async Task A_start_that_fails_halfway_says_which_server_and_disposal_still_removes_everything()
    {
        var volumesBefore = await Engine.VolumeNamesAsync();
        var networksBefore = await Engine.NetworkIdsAsync();
        // A setting the builder would refuse, given raw: the provider's entrypoint refuses it and ends, after the
        // network, the volume and the provider's container were made.
        var directory = new CasDirectoryBuilder().WithEnvironment("CASDIR_SAMPLE", "garbage").BuildReplicated(consumers: 1);

        var failure = Assert.ThrowsAsync<CasDirectoryStartupException>(() => directory.StartAsync());
        var provider = directory.Provider.Id;
        await directory.DisposeAsync();

        Assert.That(failure!.Message, Does.StartWith("The provider (serverID 1): The CasDirectory container ended while starting: exit code 1")
            .And.Contain("CASDIR_SAMPLE must be 'lab' or 'none'"));
        Assert.That(provider, Is.Not.Empty, "the provider's container was made");
        Assert.That(await Engine.ContainerExistsAsync(provider), Is.False, "the provider's container is removed");
        Assert.That((await Engine.VolumeNamesAsync()).Except(volumesBefore), Is.Empty, "no volume is left");
        Assert.That((await Engine.NetworkIdsAsync()).Except(networksBefore), Is.Empty, "no network is left");
    }
}
