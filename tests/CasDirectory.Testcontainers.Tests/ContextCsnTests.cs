using NUnit.Framework;

namespace CasDirectory.Testcontainers.Tests;

/// <summary>How a replicated directory's StartAsync judges servers in step: each holds every change each provider made itself.</summary>
[TestFixture]
public sealed class ContextCsnTests
{
    private const string A1 = "20261207163006.632256Z#000000#001#000000";
    private const string A1Later = "20261207163006.632336Z#000000#001#000000";
    private const string B2 = "20261207163008.100000Z#000000#002#000000";

    private static ContextCsn Csns(params string[] values) => ContextCsn.Parse(string.Concat(values.Select(v => $"contextCSN: {v}\n")));

    [Test]
    public void A_replica_ahead_of_its_provider_on_the_providers_own_serverID_covers_it()
    {
        Assert.That(Csns(A1Later, B2).Covers(Csns(A1), providerId: 1), Is.True);
        Assert.That(Csns(A1, B2).Covers(Csns(A1, B2), providerId: 1), Is.True);
    }

    [Test]
    public void A_replica_behind_or_lacking_the_providers_serverID_does_not_cover_it()
    {
        Assert.That(Csns(A1).Covers(Csns(A1Later), providerId: 1), Is.False);
        Assert.That(Csns(B2).Covers(Csns(A1, B2), providerId: 1), Is.False);
        Assert.That(Csns().Covers(Csns(A1), providerId: 1), Is.False);
    }

    [Test]
    public void Only_the_providers_own_serverID_counts_and_a_provider_that_made_nothing_is_covered()
    {
        // The mirror's copy of serverID 1 newer than the consumer's: the provider itself is the reference for 1.
        Assert.That(Csns(A1, B2).Covers(Csns(A1Later, B2), providerId: 2), Is.True);
        Assert.That(Csns(A1).Covers(Csns(A1), providerId: 2), Is.True);
    }

    [Test]
    public void Parse_reads_the_serverID_from_the_third_field_in_hex_and_ignores_other_lines()
    {
        var csns = ContextCsn.Parse("dn: DC=lab,DC=local\ncontextCSN: 20261207163006.000000Z#000000#00a#000000\n\n");

        Assert.That(csns.Of(10), Is.EqualTo("20261207163006.000000Z#000000#00a#000000"));
        Assert.That(csns.Of(1), Is.Null);
    }
}
