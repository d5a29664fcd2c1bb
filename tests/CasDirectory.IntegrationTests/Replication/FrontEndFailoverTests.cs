using System.Diagnostics;
using CasDirectory.IntegrationTests.Fixtures;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Errors;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Replication;

/// <summary>
/// Failover through the front end, in order on one lab (real slapd, real haproxy): kill -9 of the writer A moves writes to
/// the mirror B within seconds; A restarted does NOT take them back (the stick table fences a provider that may not have
/// caught up), nor does a restarted front end; casdir frontend --fail-back gives them back to A once it holds everything B has.
/// </summary>
[TestFixture]
public sealed class FrontEndFailoverTests
{
    private FrontEndLab _lab = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _lab = new FrontEndLab(consumers: 0);
        Assert.That(WriteThroughFrontEnd(), Is.EqualTo(_lab.A.State.ServerId), "before the failover, A takes the writes");
    }

    [OneTimeTearDown]
    public void Stop() => _lab?.Dispose();

    [Test, Order(1)]
    public void Killing_the_writer_moves_writes_to_the_mirror_within_seconds()
    {
        var clock = Stopwatch.StartNew();
        _lab.Kill(_lab.A);
        int? madeBy = null;
        while (madeBy is null)
        {
            try
            {
                madeBy = WriteThroughFrontEnd(maxRetries: 0);
            }
            catch (DirectoryException) when (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(50);
            }
        }
        TestContext.Out.WriteLine($"first successful write {clock.ElapsedMilliseconds} ms after kill -9");
        Assert.That(madeBy, Is.EqualTo(_lab.B.State.ServerId));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test, Order(2)]
    public void The_old_writer_restarted_does_not_take_the_writes_back()
    {
        _lab.Restart(_lab.A);
        FrontEndLab.Eventually(() => _lab.FrontEnd.Status().Health.GetValueOrDefault("provider1", "").StartsWith("UP"), TimeSpan.FromSeconds(30), "A marked up");
        for (var i = 0; i < 3; i++)
            Assert.That(WriteThroughFrontEnd(), Is.EqualTo(_lab.B.State.ServerId), "the writer stays B although A is up and first");
        Assert.That(_lab.FrontEnd.Status().Writer?.Folder, Is.EqualTo(_lab.B.DataDirectory));
    }

    [Test, Order(3)]
    public void A_restarted_front_end_keeps_the_writes_on_the_new_writer()
    {
        var stop = Casdir.Run(["frontend", "--data", _lab.FrontEnd.Folder, "--stop"]);
        Assert.That(stop.ExitCode, Is.EqualTo(0), stop.ToString());
        var start = Casdir.Run(["frontend", "--data", _lab.FrontEnd.Folder]);
        Assert.That(start.ExitCode, Is.EqualTo(0), start.ToString());
        FrontEndLab.Eventually(() => _lab.FrontEnd.Status().Health.Values.Count(h => h.StartsWith("UP")) == 2, TimeSpan.FromSeconds(30), "both providers up");
        Assert.That(WriteThroughFrontEnd(), Is.EqualTo(_lab.B.State.ServerId), "haproxy's new stick table names B again, not the first provider");
    }

    [Test, Order(4)]
    public void Fail_back_gives_the_writes_to_the_first_provider_once_it_has_caught_up()
    {
        var result = Casdir.Run(["frontend", "--data", _lab.FrontEnd.Folder, "--fail-back"]);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Output, Does.Contain($"now goes to provider1 ({_lab.A.DataDirectory})"));
        // Caught up: A holds every write B took while it was away.
        using (var a = _lab.Session(_lab.A))
        using (var b = _lab.Session(_lab.B))
            Assert.That(ChangeSequenceNumber.Covers(Csns(a), Csns(b)), Is.True);
        Assert.That(WriteThroughFrontEnd(), Is.EqualTo(_lab.A.State.ServerId));
    }

    private IReadOnlyDictionary<int, ChangeSequenceNumber> Csns(DirectorySession session) =>
        ChangeSequenceNumber.ByServer(session.Read(_lab.ConfigurationDn, "contextCSN")?.Attributes["contextCSN"]?.GetValues(typeof(string)).Cast<string>() ?? []);

    /// <summary>One add through the front end's write endpoint on a new connection; the serverID its entryCSN names.</summary>
    private int? WriteThroughFrontEnd(int maxRetries = 2)
    {
        var (endpoint, credential) = DirectoryTarget.Resolve(null, _lab.FrontEnd.Folder, "provisioning");
        using var session = new DirectorySession(endpoint, credential, maxRetries, new DirectoryTimeouts(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5)));
        var (dn, attributes) = _lab.NewSubnet();
        return ChangeSequenceNumber.TryParse(session.Add(dn, attributes, "entryCSN")["entryCSN"][0])?.ServerId;
    }
}
