using CasDirectory.IntegrationTests.Fixtures;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Errors;
using CasDirectory.Ldap.FrontEnd;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Replication;

/// <summary>
/// casdir frontend before a replicated lab (provider A, mirror B, consumers C1 and C2; real slapd, real haproxy): one
/// writer at a time, reads balanced over the consumers, and clients given several servers writing to one only.
/// </summary>
[TestFixture]
public sealed class FrontEndTests
{
    private FrontEndLab _lab = null!;

    [OneTimeSetUp]
    public void Start() => _lab = new FrontEndLab(consumers: 2);

    [OneTimeTearDown]
    public void Stop() => _lab?.Dispose();

    [Test]
    public void Writes_through_the_front_end_are_made_by_the_first_provider_only()
    {
        using var session = _lab.FrontEnd.WriteSession();
        var made = new List<int?>();
        for (var i = 0; i < 5; i++)
        {
            var (dn, attributes) = _lab.NewSubnet();
            var csn = session.Add(dn, attributes, "entryCSN")["entryCSN"][0];
            made.Add(ChangeSequenceNumber.TryParse(csn)?.ServerId);
        }
        Assert.That(made, Is.All.EqualTo(_lab.A.State.ServerId), "every write's entryCSN names A's serverID");
        Assert.That(_lab.FrontEnd.Status().Writer?.Folder, Is.EqualTo(_lab.A.DataDirectory));
    }

    [Test]
    public void The_LDAPS_write_endpoint_passes_TLS_through_to_the_provider_certificate()
    {
        // Resolve(--data FE) reaches the write endpoint over LDAPS, trusting only the providers' CA.
        using var session = _lab.FrontEnd.WriteSession();
        Assert.That(session.Endpoint.Secure, Is.True);
        Assert.That(session.Read(_lab.ConfigurationDn, "cn"), Is.Not.Null);
    }

    [Test]
    public void The_read_endpoint_balances_over_the_consumers()
    {
        var reader = _lab.A.State.Accounts["reader"];
        var credential = DirectoryCredential.FromPasswordFile(reader.Dn, reader.PasswordFile);
        var sessions = Enumerable.Range(0, 6).Select(_ => new DirectorySession(_lab.FrontEnd.ReadEndpoint, credential)).ToList();
        try
        {
            foreach (var session in sessions)
                Assert.That(session.Read(_lab.ConfigurationDn, "cn"), Is.Not.Null);
            var current = Haproxy.Ask(_lab.FrontEnd.State.StatsSocket, "show stat").Split('\n').Select(l => l.Split(','))
                .Where(f => f.Length > 5 && f[0] == "readers" && f[1].StartsWith("consumer", StringComparison.Ordinal))
                .ToDictionary(f => f[1], f => int.Parse(f[4])); // scur: sessions open now
            Assert.That(current.Keys, Is.EquivalentTo(new[] { "consumer1", "consumer2" }));
            Assert.That(current.Values, Is.All.GreaterThanOrEqualTo(2), $"six open sessions spread over both consumers: {string.Join(", ", current)}");
        }
        finally
        {
            sessions.ForEach(s => s.Dispose());
        }
    }

    [Test]
    public void A_client_given_two_domain_controllers_writes_to_the_first_that_answers_only()
    {
        // B first this time: every write of the session is made by B, none by A.
        var (endpoint, credential) = Resolve($"{Ldaps(_lab.B)},{Ldaps(_lab.A)}");
        using var session = new DirectorySession(endpoint, credential);
        var made = new List<int?>();
        for (var i = 0; i < 3; i++)
        {
            var (dn, attributes) = _lab.NewSubnet();
            made.Add(ChangeSequenceNumber.TryParse(session.Add(dn, attributes, "entryCSN")["entryCSN"][0])?.ServerId);
        }
        Assert.That(made, Is.All.EqualTo(_lab.B.State.ServerId));
        Assert.That(session.Endpoint.Port, Is.EqualTo(new Uri(Ldaps(_lab.B)).Port));
    }

    [Test]
    public void The_cmdlets_take_an_unquoted_list_of_domain_controllers_and_write_to_the_first()
    {
        var provisioning = _lab.A.State.Accounts["provisioning"];
        var result = Casdir.Run([$"New-ADReplicationSubnet -Name 10.66.0.0/16 -Site Site-A -DomainController {Ldaps(_lab.B)},{Ldaps(_lab.A)}"], new Dictionary<string, string?>
        {
            ["CASDIR_BIND_DN"] = provisioning.Dn, ["CASDIR_BIND_PASSWORD_FILE"] = provisioning.PasswordFile, ["CASDIR_CA_FILE"] = _lab.A.State.CaFile,
        });
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var dn = $"CN=10.66.0.0/16,CN=Subnets,CN=Sites,{_lab.ConfigurationDn}";
        FrontEndLab.Eventually(() => _lab.MadeBy(_lab.A, dn) is not null, TimeSpan.FromSeconds(30), "the write replicated to A");
        Assert.That(_lab.MadeBy(_lab.A, dn), Is.EqualTo(_lab.B.State.ServerId), "made by B, the first of the list");
    }

    // These two freeze B, not A: a frozen A would (rightly) be failed over by the front end, and the other tests of
    // this fixture expect A to hold the write endpoint.
    [Test]
    public void A_client_whose_writer_stops_answering_fails_clearly_and_does_not_write_to_the_other()
    {
        var (endpoint, credential) = Resolve($"{Ldaps(_lab.B)},{Ldaps(_lab.A)}");
        using var session = new DirectorySession(endpoint, credential, maxRetries: 1, new DirectoryTimeouts(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)));
        var (first, firstAttributes) = _lab.NewSubnet();
        session.Add(first, firstAttributes);
        var (dn, attributes) = _lab.NewSubnet();
        _lab.Freeze(_lab.B);
        DirectoryUnavailableException? failure;
        try
        {
            failure = Assert.Throws<DirectoryUnavailableException>(() => session.Add(dn, attributes));
        }
        finally
        {
            _lab.Resume(_lab.B);
        }
        Assert.That(failure!.Message, Does.Contain("stopped answering").And.Contain("the write may have been applied: re-read before retrying")
            .And.Contain($"does not send it to {Ldaps(_lab.A)}"));
        // B applies it once it resumes (it was sent); A only ever has it by replication from B, never as its own write.
        FrontEndLab.Eventually(() => _lab.MadeBy(_lab.A, dn) is not null, TimeSpan.FromSeconds(30), "the frozen write replicated");
        Assert.That(_lab.MadeBy(_lab.A, dn), Is.EqualTo(_lab.B.State.ServerId));
    }

    [Test]
    public void A_client_given_two_domain_controllers_reads_from_the_second_when_the_first_does_not_answer()
    {
        var (endpoint, credential) = Resolve($"{Ldaps(_lab.B)},{Ldaps(_lab.A)}");
        _lab.Freeze(_lab.B);
        try
        {
            using var session = new DirectorySession(endpoint, credential, maxRetries: 1, new DirectoryTimeouts(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)));
            Assert.That(session.Read(_lab.ConfigurationDn, "cn"), Is.Not.Null);
            Assert.That(session.Endpoint.Port, Is.EqualTo(new Uri(Ldaps(_lab.A)).Port), "A answered first: it is this session's writer");
        }
        finally
        {
            _lab.Resume(_lab.B);
        }
    }

    [Test]
    public void The_status_names_the_writer_and_each_server_health()
    {
        // A server frozen by another test of this fixture is up again within a second of resuming (rise 2, every 500 ms).
        FrontEndLab.Eventually(() => _lab.FrontEnd.Status().Health.Values.All(h => h.StartsWith("UP")), TimeSpan.FromSeconds(30), "every server up");
        var result = Casdir.Run(["frontend", "--data", _lab.FrontEnd.Folder, "--status"]);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Output, Does.Contain($"Writer:    provider1 {_lab.A.DataDirectory}").And.Contain("consumer2"));
        Assert.That(result.Output, Does.Not.Contain("DOWN"));
    }

    private static string Ldaps(Ldap.Local.LocalDirectoryStatus server) => server.State.LdapsUrl!;

    /// <summary>What -DomainController LIST resolves to (the first, with the others as alternates), trusting the lab's CA.</summary>
    private (DirectoryEndpoint, DirectoryCredential) Resolve(string list)
    {
        var provisioning = _lab.A.State.Accounts["provisioning"];
        var endpoints = list.Split(',').Select(u => DirectoryEndpoint.Parse(u) with { CaFile = _lab.A.State.CaFile }).ToList();
        return (endpoints[0] with { Alternates = endpoints.Skip(1).ToList() }, DirectoryCredential.FromPasswordFile(provisioning.Dn, provisioning.PasswordFile));
    }
}
