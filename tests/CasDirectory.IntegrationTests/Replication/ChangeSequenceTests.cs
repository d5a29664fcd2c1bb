using CasDirectory.Ldap.Local;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Replication;

/// <summary>How casdir status measures a server's lag from contextCSN values (docs/replication.md, "casdir status").</summary>
[TestFixture]
public sealed class ChangeSequenceTests
{
    private const string A1 = "20261207134622.072104Z#000000#001#000000";
    private const string A1Later = "20261207134624.572104Z#000003#001#000000";
    private const string B2 = "20261207134700.000000Z#000000#002#000000";

    [Test]
    public void Equal_values_are_in_step()
    {
        Assert.That(new ChangeSequence([A1, B2]).BehindBy(new ChangeSequence([A1, B2])), Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void A_server_is_behind_by_the_time_between_its_CSN_and_the_newest_of_the_same_serverID()
    {
        var behind = new ChangeSequence([A1, B2]).BehindBy(new ChangeSequence([A1Later, B2]));

        Assert.That(behind, Is.EqualTo(TimeSpan.FromSeconds(2.5)));
    }

    [Test]
    public void A_serverID_a_server_holds_nothing_of_is_an_unbounded_lag()
    {
        Assert.That(new ChangeSequence([A1]).BehindBy(new ChangeSequence([A1, B2])), Is.EqualTo(TimeSpan.MaxValue));
    }

    [Test]
    public void A_server_ahead_of_the_reference_is_not_behind()
    {
        Assert.That(new ChangeSequence([A1Later]).BehindBy(new ChangeSequence([A1])), Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void A_server_is_never_behind_on_its_own_serverID()
    {
        var provider = new ChangeSequence([A1, B2]);
        var mirrorAheadOnTheProvidersServerId = new ChangeSequence([A1Later, B2]);

        Assert.That(provider.BehindBy(mirrorAheadOnTheProvidersServerId, ownServerId: 1), Is.EqualTo(TimeSpan.Zero));
        Assert.That(provider.BehindBy(mirrorAheadOnTheProvidersServerId, ownServerId: 2), Is.EqualTo(TimeSpan.FromSeconds(2.5)));
    }

    [Test]
    public void A_replica_ahead_of_its_provider_for_the_providers_own_serverID_covers_it()
    {
        Assert.That(new ChangeSequence([A1Later, B2]).Covers(new ChangeSequence([A1, B2])), Is.True);
    }

    [Test]
    public void A_replica_behind_or_lacking_a_serverID_does_not_cover_its_provider()
    {
        Assert.That(new ChangeSequence([A1, B2]).Covers(new ChangeSequence([A1Later, B2])), Is.False);
        Assert.That(new ChangeSequence([A1Later]).Covers(new ChangeSequence([A1, B2])), Is.False);
    }

    [Test]
    public void A_CSN_gives_its_time_and_serverID()
    {
        var (time, serverId) = ChangeSequence.Parse(B2)!.Value;

        Assert.That(time, Is.EqualTo(new DateTime(2026, 12, 7, 13, 47, 0, DateTimeKind.Utc)));
        Assert.That(serverId, Is.EqualTo(2));
    }
}
