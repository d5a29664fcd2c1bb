using System.Diagnostics;
using CasDirectory.IntegrationTests.Fixtures;
using CasDirectory.Ldap.Connection;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Replication;

/// <summary>
/// Durable writes (docs/replication.md, "Durable writes"): with CASDIR_DURABLE=1 casdir reports a write done only once
/// the mirror holds it, and otherwise fails within the timeout saying the write IS on the writer. Real slapd (A, mirror B)
/// behind real haproxy; the CLI as a user runs it, through the front end's folder.
/// </summary>
[TestFixture]
public sealed class DurableWriteTests
{
    private FrontEndLab _lab = null!;

    [OneTimeSetUp]
    public void Start() => _lab = new FrontEndLab(consumers: 0);

    [OneTimeTearDown]
    public void Stop() => _lab?.Dispose();

    private static Dictionary<string, string?> Durable(double timeout = 10) => new()
    {
        [DurableWrites.Variable] = "1",
        [DurableWrites.TimeoutVariable] = timeout.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Test]
    public void A_durable_write_through_the_front_end_succeeds_once_the_mirror_holds_it()
    {
        var result = Casdir.Run(["--data", _lab.FrontEnd.Folder, "New-ADReplicationSubnet", "-Name", "10.61.0.0/16", "-Site", "Site-A"], Durable());
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        // Reported done: B has it (no wait needed here).
        Assert.That(_lab.MadeBy(_lab.B, $"CN=10.61.0.0/16,CN=Subnets,CN=Sites,{_lab.ConfigurationDn}"), Is.EqualTo(_lab.A.State.ServerId));
    }

    [Test]
    public void The_durable_option_and_the_cmdlet_parameter_make_a_write_durable_as_the_variable_does()
    {
        _lab.Freeze(_lab.B);
        ProcessResult option, parameter;
        try
        {
            var fast = new Dictionary<string, string?> { [DurableWrites.TimeoutVariable] = "1" };
            option = Casdir.Run(["--durable", "--data", _lab.FrontEnd.Folder, "New-ADReplicationSubnet", "-Name", "10.63.0.0/16", "-Site", "Site-A"], fast);
            parameter = Casdir.Run(["--data", _lab.FrontEnd.Folder, "New-ADReplicationSubnet", "-Name", "10.64.0.0/16", "-Site", "Site-A", "-Durable"], fast);
        }
        finally
        {
            _lab.Resume(_lab.B);
        }
        // Proof that each waited for the mirror: with the mirror frozen, each failed saying so.
        Assert.That(option.ExitCode, Is.EqualTo(1), option.ToString());
        Assert.That(option.Error, Does.Contain("IS on the writer"));
        Assert.That(parameter.ExitCode, Is.EqualTo(1), parameter.ToString());
        Assert.That(parameter.Error, Does.Contain("IS on the writer"));
        var plain = Casdir.Run(["--data", _lab.FrontEnd.Folder, "New-ADReplicationSubnet", "-Name", "10.65.0.0/16", "-Site", "Site-A"]);
        Assert.That(plain.ExitCode, Is.EqualTo(0), "without them a write does not wait: " + plain);
    }

    [Test]
    public void A_durable_write_to_a_provider_folder_waits_for_the_mirror_its_casdir_json_names()
    {
        _lab.Freeze(_lab.B);
        ProcessResult result;
        try
        {
            result = Casdir.Run(["--durable", "--data", _lab.A.DataDirectory, "New-ADReplicationSubnet", "-Name", "10.67.0.0/16", "-Site", "Site-A"],
                new Dictionary<string, string?> { [DurableWrites.TimeoutVariable] = "1" });
        }
        finally
        {
            _lab.Resume(_lab.B);
        }
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("IS on the writer").And.Contain($"not yet on the mirror {_lab.B.State.LdapsUrl}"));
    }

    [Test]
    public void A_durable_session_waits_for_the_mirror_after_each_add_modify_and_delete()
    {
        var (endpoint, credential) = DirectoryTarget.Resolve(null, _lab.FrontEnd.Folder, credential: null, durable: true);
        using var session = new DirectorySession(endpoint, credential);
        using var mirror = _lab.Session(_lab.B);
        var (dn, attributes) = _lab.NewSubnet();
        session.Add(dn, attributes);
        Assert.That(mirror.Read(dn, "cn"), Is.Not.Null, "after the add returned, B has the entry");
        session.Replace(dn, "description", "durable");
        Assert.That(mirror.Read(dn, "description")?.Attributes["description"]?[0], Is.EqualTo("durable"), "after the modify returned, B has the value");
        session.Delete(dn);
        Assert.That(mirror.Read(dn, "cn"), Is.Null, "after the delete returned, B no longer has the entry");
    }

    [Test]
    public void A_durable_write_with_two_domain_controllers_waits_for_the_other()
    {
        var provisioning = _lab.A.State.Accounts["provisioning"];
        var a = DirectoryEndpoint.Parse(_lab.A.State.LdapsUrl!) with { CaFile = _lab.A.State.CaFile };
        var b = DirectoryEndpoint.Parse(_lab.B.State.LdapsUrl!) with { CaFile = _lab.A.State.CaFile };
        using var session = new DirectorySession(a with { Alternates = [b], Durable = new DurableWrites(TimeSpan.FromSeconds(10), [a, b]) },
            DirectoryCredential.FromPasswordFile(provisioning.Dn, provisioning.PasswordFile));
        using var mirror = _lab.Session(_lab.B);
        var (dn, attributes) = _lab.NewSubnet();
        session.Add(dn, attributes);
        Assert.That(mirror.Read(dn, "cn"), Is.Not.Null);
    }

    [Test]
    public void A_durable_write_fails_within_the_timeout_when_the_mirror_is_stopped_and_says_it_is_on_the_writer()
    {
        const double timeout = 3;
        var dn = $"CN=10.62.0.0/16,CN=Subnets,CN=Sites,{_lab.ConfigurationDn}";
        _lab.Freeze(_lab.B);
        ProcessResult result;
        var clock = Stopwatch.StartNew();
        try
        {
            result = Casdir.Run(["--data", _lab.FrontEnd.Folder, "New-ADReplicationSubnet", "-Name", "10.62.0.0/16", "-Site", "Site-A"], Durable(timeout));
        }
        finally
        {
            clock.Stop();
            _lab.Resume(_lab.B);
        }
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("IS on the writer").And.Contain($"not yet on the mirror {_lab.B.State.LdapsUrl}")
            .And.Contain("within 3 s").And.Contain("Re-read before writing it again"));
        TestContext.Out.WriteLine($"casdir ended {clock.Elapsed.TotalSeconds:0.0} s after it started (timeout {timeout} s, with the process's own start)");
        Assert.That(_lab.MadeBy(_lab.A, dn), Is.EqualTo(_lab.A.State.ServerId), "the write is on the writer");
    }

    [Test]
    public void A_durable_write_gives_up_on_a_stopped_mirror_within_the_timeout_and_one_poll()
    {
        var timeout = TimeSpan.FromSeconds(2);
        var (endpoint, credential) = DirectoryTarget.Resolve(null, _lab.FrontEnd.Folder, credential: null);
        var mirrors = new[] { _lab.A, _lab.B }.Select(s => (DirectoryEndpoint.Parse(s.State.LdapsUrl!) with { CaFile = s.State.CaFile, ServerId = s.State.ServerId })).ToList();
        using var session = new DirectorySession(endpoint with { Durable = new DurableWrites(timeout, mirrors) }, credential);
        session.Read(_lab.ConfigurationDn, "cn"); // connected before the clock starts
        var (dn, attributes) = _lab.NewSubnet();
        _lab.Freeze(_lab.B);
        var clock = Stopwatch.StartNew();
        try
        {
            Assert.Throws<DirectoryNotDurableException>(() => session.Add(dn, attributes));
        }
        finally
        {
            clock.Stop();
            _lab.Resume(_lab.B);
        }
        // Each poll is capped at 1 s: the wait ends within the timeout and one poll (and the write's own time).
        Assert.That(clock.Elapsed, Is.LessThan(timeout + TimeSpan.FromSeconds(2.5)));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(timeout));
    }

    [Test]
    public void A_durable_write_fails_when_the_mirror_is_down()
    {
        var provisioning = _lab.A.State.Accounts["provisioning"];
        var a = DirectoryEndpoint.Parse(_lab.A.State.Url);
        var nowhere = DirectoryEndpoint.Loopback(FreePort.Next()); // nothing listens: a mirror that is down
        using var session = new DirectorySession(a with { Durable = new DurableWrites(TimeSpan.FromSeconds(1), [a, nowhere]) },
            DirectoryCredential.FromPasswordFile(provisioning.Dn, provisioning.PasswordFile));
        var (dn, attributes) = _lab.NewSubnet();
        var failure = Assert.Throws<DirectoryNotDurableException>(() => session.Add(dn, attributes));
        Assert.That(failure!.Message, Does.Contain($"IS on the writer {a}").And.Contain($"not yet on the mirror {nowhere}: it did not answer"));
        Assert.That(session.Written, Has.Some.Contains(dn), "casdir reports it among what was written");
    }
}
