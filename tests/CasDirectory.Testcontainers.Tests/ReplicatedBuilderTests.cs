using NUnit.Framework;

namespace CasDirectory.Testcontainers.Tests;

/// <summary>BuildReplicated refuses what it cannot build at once, with one line that says why, before any container exists.</summary>
[TestFixture]
public sealed class ReplicatedBuilderTests
{
    [TestCase(-1)]
    [TestCase(ReplicatedCasDirectory.MaxConsumers + 1)]
    public void A_consumer_count_outside_0_to_97_is_refused_at_once(int consumers)
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => new CasDirectoryBuilder().BuildReplicated(consumers));

        Assert.That(refused!.ParamName, Is.EqualTo("consumers"));
        Assert.That(refused.Message, Does.StartWith($"A replicated directory has 0 to 97 read-only consumers beside its two providers (serverIDs 3 to 99), not {consumers}."));
        Assert.That(refused.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void The_site_topology_service_is_refused_for_a_replicated_directory()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => new CasDirectoryBuilder().WithAutodiscover().BuildReplicated());

        Assert.That(refused!.Message, Does.StartWith("BuildReplicated does not run the site-topology service"));
    }

    [Test]
    public void Each_server_gets_its_serverID_and_network_alias()
    {
        var directory = new CasDirectoryBuilder().BuildReplicated(consumers: 2);

        Assert.That(directory.Servers.Select(directory.GetServerId), Is.EqualTo(new[] { 1, 2, 3, 4 }));
        Assert.That(directory.Servers.Select(directory.GetNetworkAlias), Is.EqualTo(new[] { "ldap-1", "ldap-2", "ldap-3", "ldap-4" }));
        Assert.That(directory.Consumers, Has.Count.EqualTo(2));
        Assert.Throws<ArgumentException>(() => directory.GetServerId(new CasDirectoryBuilder().Build()));
    }
}
