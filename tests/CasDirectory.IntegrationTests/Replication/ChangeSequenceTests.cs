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
    public void A_CSN_gives_its_time_and_serverID()
    {
        var (time, serverId) = ChangeSequence.Parse(B2)!.Value;

        Assert.That(time, Is.EqualTo(new DateTime(2026, 12, 7, 13, 47, 0, DateTimeKind.Utc)));
        Assert.That(serverId, Is.EqualTo(2));
    }
}
