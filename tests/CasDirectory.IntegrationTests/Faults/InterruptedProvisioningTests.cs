using System.Diagnostics;
using System.Text;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Faults;

/// <summary>
/// Resumable writes (docs/rules.md): slapd SIGKILLed at a random point of a 400-line provisioning script (once the
/// script's Nth entry is in the directory, N drawn at random), restarted at once (while casdir still retries) or after
/// casdir gave up; then the same script with -Resume. The directory must equal a clean run's: every entry, every user
/// attribute, nothing missing, nothing twice, no half server, every database pointing where the clean run pointed it.
/// The points come from a seed the test prints on every run; CASDIR_TEST_SEED=that seed replays them.
/// </summary>
[TestFixture]
[Category("Fault")]
public sealed class InterruptedProvisioningTests
{
    private const int Rounds = 10;
    private TemporaryFolder _folder = null!;
    private string _script = null!;
    private string _cleanDump = null!;
    private TimeSpan _cleanDuration;
    private int _baseEntries;
    private int _scriptEntries;

    [OneTimeSetUp]
    public void RunTheScriptOnceCleanly()
    {
        _folder = new TemporaryFolder("casdir-fault");
        _script = _folder.Combine("provision.ps1");
        File.WriteAllText(_script, ProvisioningScript());
        using var clean = LabDirectory.Start();
        _baseEntries = CountEntries(clean);
        var clock = Stopwatch.StartNew();
        var result = RunCasdir(clean, "-File", _script);
        _cleanDuration = clock.Elapsed;
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        _cleanDump = Dump(clean);
        _scriptEntries = CountEntries(clean) - _baseEntries;
        TestContext.Progress.WriteLine($"clean run: {_cleanDuration.TotalSeconds:0.0} s, {_cleanDump.Split("\n\n").Length} entries, {_scriptEntries} made by the script");
    }

    [OneTimeTearDown]
    public void RemoveTheScript() => _folder.Dispose();

    /// <summary>20 sites, each with a subnet, six multi-role 2010 servers, an array and eleven mailbox databases: 400 lines.</summary>
    private static string ProvisioningScript()
    {
        var script = new StringBuilder();
        for (var i = 1; i <= 20; i++)
        {
            script.AppendLine($"New-ADReplicationSite -Name Site-F{i}");
            script.AppendLine($"New-ADReplicationSubnet -Name 10.{100 + i}.0.0/16 -Site Site-F{i}");
            for (var j = 1; j <= 6; j++)
                script.AppendLine($"New-ExchangeServer -Name F{i}-S{j} -Roles Mailbox,ClientAccess,HubTransport -Version 14.2.247.5 -IPAddress 10.{100 + i}.0.{10 + j}");
            script.AppendLine($"New-ClientAccessArray -Name CASArray-F{i} -Fqdn outlook-f{i}.lab.local -Site Site-F{i}");
            for (var k = 1; k <= 11; k++)
                script.AppendLine($"New-MailboxDatabase -Name MDB-F{i}-{k} -Server F{i}-S{k % 6 + 1}");
        }
        return script.ToString();
    }

    private static ProcessStartInfo CasdirStart(LabDirectory lab, params string[] arguments)
    {
        var info = ProcessRunner.StartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "casdir.dll"), .. arguments]);
        info.Environment["CASDIR_DATA"] = lab.DataDirectory;
        return info;
    }

    private static ProcessResult RunCasdir(LabDirectory lab, params string[] arguments) => ProcessRunner.Run(CasdirStart(lab, arguments));

    /// <summary>The configuration partition's entries with their user attributes, sorted; not the GUIDs and times, which differ
    /// by run (operational, or computed from operational ones: objectGUID, whenCreated, whenChanged, uSNChanged, uSNCreated).</summary>
    private static string Dump(LabDirectory lab)
    {
        var ldif = lab.Tools.Search(DirectoryAccounts.Admin, lab.Partition.ConfigurationDn, "(objectClass=*)", "sub", "*");
        Assert.That(ldif.ExitCode, Is.Zero, ldif.ToString());
        return string.Join("\n\n", ldif.Output.Replace("\r", "").Replace("\n ", "").Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Trim().Split('\n').Where(line => !RunSpecific.IsMatch(line)).ToArray())
            .Select(lines => lines[0].ToLowerInvariant() + "\n" + string.Join("\n", lines.Skip(1).Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal));
    }

    /// <summary>How many entries the configuration partition holds (as the admin, whom no size limit applies to).</summary>
    private static int CountEntries(LabDirectory lab)
    {
        var found = lab.Tools.Search(DirectoryAccounts.Admin, lab.Partition.ConfigurationDn, "(objectClass=*)", "sub", "1.1");
        Assert.That(found.ExitCode, Is.Zero, found.ToString());
        return found.Output.Split('\n').Count(line => line.StartsWith("dn:", StringComparison.Ordinal));
    }

    /// <summary>CASDIR_TEST_SEED when set (to replay a run), else a new seed.</summary>
    private static int Seed()
    {
        var setting = Environment.GetEnvironmentVariable("CASDIR_TEST_SEED");
        if (string.IsNullOrWhiteSpace(setting))
            return Random.Shared.Next();
        return int.TryParse(setting.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new ArgumentException($"CASDIR_TEST_SEED must be a whole number (a seed this test printed), not '{setting}'.");
    }

    private static readonly System.Text.RegularExpressions.Regex RunSpecific = new("^(objectGUID|whenCreated|whenChanged|uSNChanged|uSNCreated)::? ", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    [Test]
    public void A_provisioning_script_cut_off_by_SIGKILL_and_resumed_ends_as_a_clean_run()
    {
        var seed = Seed();
        var replay = $"seed {seed} (replay with CASDIR_TEST_SEED={seed})";
        TestContext.Progress.WriteLine(replay);
        var random = new Random(seed);
        var report = new List<string>();
        var failures = new List<string>();
        for (var round = 1; round <= Rounds; round++)
        {
            var immediate = round % 2 == 0;
            // The kill point is a point in the script's progress, not a time: the same on a fast machine and a busy one.
            var killAt = random.Next(1, _scriptEntries);
            using var lab = LabDirectory.Start();
            var baseline = CountEntries(lab);
            var info = CasdirStart(lab, "-File", _script);
            info.RedirectStandardOutput = info.RedirectStandardError = true;
            var clock = Stopwatch.StartNew();
            using var first = Process.Start(info)!;
            var drained = Task.WhenAll(first.StandardOutput.ReadToEndAsync(), first.StandardError.ReadToEndAsync());
            var made = 0;
            while (!first.HasExited && (made = CountEntries(lab) - baseline) < killAt)
            {
                Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMinutes(5)), $"{replay}: round {round}: the script's entry {killAt} never appeared ({made} did)");
                Thread.Sleep(10);
            }
            // Near the script's end, casdir can finish between two looks (a busy machine): then the round is not cut off.
            var cutOff = !first.HasExited;
            if (cutOff)
                lab.KillSlapd();
            var killedAfter = clock.Elapsed;
            if (cutOff && immediate)
                lab.Restart(); // at once: casdir's connection died with slapd, so it retries the write it was making
            Assert.That(first.WaitForExit(TimeSpan.FromMinutes(2)), Is.True, $"{replay}: round {round}: casdir gave up or finished");
            drained.Wait();
            if (cutOff && !immediate)
                lab.Restart();

            var resumed = RunCasdir(lab, "-File", _script, "-Resume");
            var same = resumed.ExitCode == 0 && Dump(lab) == _cleanDump;
            var stopped = drained.Result[1].Split('\n').FirstOrDefault(l => l.StartsWith("casdir: ", StringComparison.Ordinal)) is { } line ? $" ({line[..Math.Min(line.Length, 140)]})" : "";
            var cut = cutOff
                ? $"killed at entry {made} of {_scriptEntries} (drawn: {killAt}), {killedAfter.TotalSeconds:0.00} s in, {(immediate ? "immediate" : "late")} restart"
                : $"NOT cut off: casdir finished before entry {killAt} of {_scriptEntries} was seen";
            report.Add($"round {round}: {cut}, first run exit {first.ExitCode}{stopped}, " +
                       $"resume exit {resumed.ExitCode}: {(same ? "equal to the clean run" : "DIFFERENT")}");
            TestContext.Progress.WriteLine(report[^1]); // as it happens: a round that throws still leaves the ones before
            if (!same)
                failures.Add($"round {round}: {resumed}");
        }
        Assert.That(failures, Is.Empty, $"{replay}\n{string.Join("\n", report)}\n{string.Join("\n", failures)}");
    }
}
