using System.Security.Cryptography;
using System.Text.Json;
using CasDirectory.IntegrationTests.Fixtures;
using CasDirectory.Ldap.Local;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Replication;

/// <summary>casdir up --mirror-of / --consumer-of refusing what it cannot do, and casdir status of a replicated directory.</summary>
[TestFixture]
public sealed class ReplicaSetupTests
{
    private ReplicatedLab _lab = null!;
    private TemporaryFolder _scratch = null!;
    private string _stopped = null!;
    private string _standalone = null!;

    [OneTimeSetUp]
    public void StartLab()
    {
        _lab = ReplicatedLab.Start(withConsumer: true);
        _scratch = new TemporaryFolder("casdir-replica-setup");
        _stopped = _scratch.Combine("stopped");
        LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = _stopped, Port = FreePort.Next(), LdapsPort = FreePort.Next() });
        LocalDirectory.Down(_stopped);
        _standalone = _scratch.Combine("standalone");
        LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = _standalone, Port = FreePort.Next(), LdapsPort = FreePort.Next() });
    }

    [OneTimeTearDown]
    public void StopLab()
    {
        try
        {
            LocalDirectory.Down(_standalone);
        }
        finally
        {
            _scratch.Dispose();
            _lab.Dispose();
        }
    }

    private static ProcessResult Casdir(params string[] arguments) =>
        ProcessRunner.Run(ProcessRunner.StartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "casdir.dll"), .. arguments]), null);

    /// <summary>Every file of a server's folder that says what it is (not its databases and logs), with a hash of its content.</summary>
    private static Dictionary<string, string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}data{Path.DirectorySeparatorChar}") && !f.EndsWith(".log") && !f.EndsWith(".pid")
                        && !f.EndsWith(".args") && !f.EndsWith("highest-committed-usn") && !Path.GetFileName(f).StartsWith("casdir.lock"))
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private Dictionary<string, Dictionary<string, string>> Everything() =>
        new[] { _lab.A.DataDirectory, _lab.B.DataDirectory, _lab.C.DataDirectory, _stopped, _standalone }.ToDictionary(f => f, Files);

    private static IEnumerable<TestCaseData> BadInput()
    {
        yield return new TestCaseData("new", new[] { "--mirror-of", "/nonexistent/casdir-a" }, "does not exist").SetName("A_mirror_of_a_missing_folder_is_refused");
        yield return new TestCaseData("new", new[] { "--mirror-of", "{empty}" }, "holds no CasDirectory directory").SetName("A_mirror_of_a_folder_that_is_no_directory_is_refused");
        yield return new TestCaseData("{nonempty}", new[] { "--mirror-of", "{stopped-standalone}" }, "").SetName("A_mirror_into_a_folder_of_other_files_is_refused");
        yield return new TestCaseData("{C}", new[] { "--mirror-of", "{standalone}" }, "already holds a directory").SetName("A_mirror_into_an_existing_directory_is_refused");
        yield return new TestCaseData("new", new[] { "--mirror-of", "{A}" }, "already has a mirror").SetName("A_third_provider_is_refused");
        yield return new TestCaseData("new", new[] { "--mirror-of", "{B}" }, "already has a mirror").SetName("A_mirror_of_the_mirror_is_refused");
        yield return new TestCaseData("new", new[] { "--mirror-of", "{C}" }, "read-only consumer").SetName("A_mirror_of_a_consumer_is_refused");
        yield return new TestCaseData("new", new[] { "--consumer-of", "{C}" }, "read-only consumer").SetName("A_consumer_of_a_consumer_is_refused");
        yield return new TestCaseData("new", new[] { "--mirror-of", "{stopped}" }, "is not running").SetName("A_mirror_of_a_stopped_directory_is_refused");
        yield return new TestCaseData("new", new[] { "--mirror-of", "{standalone}", "--sample", "lab" }, "--sample cannot be given").SetName("A_mirror_with_a_sample_is_refused");
        yield return new TestCaseData("new", new[] { "--mirror-of", "{standalone}", "--domain", "contoso.com" }, "provider's domain").SetName("A_mirror_for_another_domain_is_refused");
        yield return new TestCaseData("new", new[] { "--mirror-of", "{standalone}", "--consumer-of", "{A}" }, "not both").SetName("Mirror_and_consumer_at_once_is_refused");
        yield return new TestCaseData("new", new[] { "--consumer-of", "{A},{standalone}" }, "is not a mirror of").SetName("A_consumer_of_two_directories_is_refused");
        yield return new TestCaseData("new", new[] { "--consumer-of", "{standalone}", "--consumer-of", "{A}" }, "is not a mirror of").SetName("A_consumer_of_two_directories_given_twice_is_refused");
    }

    [TestCaseSource(nameof(BadInput))]
    public void Bad_input_is_refused_with_one_line_and_changes_nothing(string target, string[] options, string expected)
    {
        var empty = Directory.CreateDirectory(_scratch.Combine("empty-" + Guid.NewGuid().ToString("N"))).FullName;
        var nonEmpty = Directory.CreateDirectory(_scratch.Combine("nonempty-" + Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(nonEmpty, "notes.txt"), "mine");
        string Resolve(string value) => value
            .Replace("{A}", _lab.A.DataDirectory).Replace("{B}", _lab.B.DataDirectory).Replace("{C}", _lab.C.DataDirectory)
            .Replace("{stopped-standalone}", _standalone).Replace("{standalone}", _standalone).Replace("{stopped}", _stopped)
            .Replace("{empty}", empty).Replace("{nonempty}", nonEmpty);
        var data = target == "new" ? _scratch.Combine("new-" + Guid.NewGuid().ToString("N")) : Resolve(target);
        var before = Everything();
        var nonEmptyBefore = Files(nonEmpty);

        var result = Casdir(["up", "--data", data, .. options.Select(Resolve)]);

        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.StartWith("casdir: ").And.Contain(expected == "" ? "not empty" : expected), result.ToString());
        Assert.That(Everything(), Is.EqualTo(before), "no server's files changed");
        if (target == "new")
            Assert.That(Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any(f => !Path.GetFileName(f).StartsWith("casdir.lock")), Is.False, "nothing made");
        Assert.That(Files(nonEmpty), Is.EqualTo(nonEmptyBefore));
        Assert.That(_lab.A.IsRunning && _lab.B.IsRunning && _lab.C.IsRunning, Is.True);
    }

    [Test]
    public void A_mirror_that_does_not_catch_up_in_time_is_removed_and_its_provider_left_as_it_was()
    {
        var before = Files(_standalone);
        var role = LocalDirectoryState.Load(new DataDirectory(_standalone)).EffectiveRole;
        var data = _scratch.Combine("late-" + Guid.NewGuid().ToString("N"));

        var failure = Assert.Throws<LocalDirectoryException>(() => LocalDirectory.Up(new LocalDirectoryOptions
        {
            DataDirectory = data, MirrorOf = _standalone, Port = FreePort.Next(), LdapsPort = FreePort.Next(), ReplicationTimeout = TimeSpan.Zero,
        }));

        Assert.That(failure!.Message, Does.Contain("did not catch up"));
        Assert.That(new DataDirectory(data).Exists, Is.False);
        Assert.That(Directory.Exists(Path.Combine(data, "slapd")) || Directory.Exists(Path.Combine(data, "data")), Is.False);
        Assert.That(Files(_standalone), Is.EqualTo(before));
        Assert.That(LocalDirectoryState.Load(new DataDirectory(_standalone)).EffectiveRole, Is.EqualTo(role));
        Assert.That(LocalDirectoryState.Load(new DataDirectory(_standalone)).KnownPeers.Where(p => p.Role == ReplicaRole.Provider), Is.Empty);
    }

    [Test]
    public void Status_shows_each_server_with_its_role_serverId_contextCsn_and_lag()
    {
        // A write on A first: until A writes to the configuration, a fresh mirror can hold a newer value of A's own
        // serverID than A does (docs/replication.md, "A replica ahead of its provider").
        var written = Casdir("--data", _lab.A.DataDirectory, "New-ADReplicationSite", "-Name", "Site-Status");
        Assert.That(written.ExitCode, Is.Zero, written.ToString());
        _lab.WaitConverged(TimeSpan.FromSeconds(90));

        var result = Casdir("status", "--data", _lab.B.DataDirectory, "--format", "json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        Assert.That(json.RootElement.GetProperty("role").GetString(), Is.EqualTo("provider"));
        Assert.That(json.RootElement.GetProperty("serverId").GetInt32(), Is.EqualTo(2));
        var servers = json.RootElement.GetProperty("servers").EnumerateArray().ToDictionary(s => s.GetProperty("dataDirectory").GetString()!);
        Assert.That(servers.Keys, Is.EquivalentTo(new[] { _lab.A.DataDirectory, _lab.B.DataDirectory, _lab.C.DataDirectory }));
        Assert.That(servers[_lab.A.DataDirectory].GetProperty("role").GetString(), Is.EqualTo("provider"));
        Assert.That(servers[_lab.A.DataDirectory].GetProperty("serverId").GetInt32(), Is.EqualTo(1));
        Assert.That(servers[_lab.C.DataDirectory].GetProperty("role").GetString(), Is.EqualTo("consumer"));
        Assert.That(servers[_lab.C.DataDirectory].GetProperty("serverId").GetInt32(), Is.EqualTo(3));
        foreach (var server in servers.Values)
        {
            Assert.That(server.GetProperty("answering").GetBoolean(), Is.True);
            Assert.That(server.GetProperty("inStep").GetBoolean(), Is.True);
            Assert.That(server.GetProperty("lagSeconds").GetDouble(), Is.Zero);
            var csn = server.GetProperty("contextCsn").GetProperty(_lab.A.State.ConfigurationDn).EnumerateArray().Select(v => v.GetString()).ToList();
            Assert.That(csn, Is.EqualTo(_lab.A.ContextCsn(_lab.A.State.ConfigurationDn)!.Csns));
        }
        var text = Casdir("status", "--data", _lab.B.DataDirectory);
        Assert.That(text.Output, Does.Contain("in step").And.Contain("consumer").And.Contain(_lab.C.Url));
    }

    [Test]
    public void Status_says_which_server_does_not_answer()
    {
        var consumer = _scratch.Combine("consumer-" + Guid.NewGuid().ToString("N"));
        LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = consumer, ConsumerOf = [_standalone], Port = FreePort.Next(), LdapsPort = FreePort.Next() });
        LocalDirectory.Down(consumer);

        var result = Casdir("status", "--data", _standalone, "--format", "json");

        using var json = JsonDocument.Parse(result.Output);
        var stopped = json.RootElement.GetProperty("servers").EnumerateArray().Single(s => s.GetProperty("dataDirectory").GetString() == Path.GetFullPath(consumer));
        Assert.That(stopped.GetProperty("answering").GetBoolean(), Is.False);
        Assert.That(stopped.GetProperty("role").GetString(), Is.EqualTo("consumer"));
        Assert.That(Casdir("status", "--data", _standalone).Output, Does.Contain("not answering"));
    }
}
