using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Cli;

/// <summary>
/// Honest endings (README, "Exit codes and errors"): a casdir process stopped by SIGINT or SIGTERM, or left without
/// answers by a frozen slapd, says exactly what it wrote and what it may have written, and -Resume settles the rest.
/// Real slapd, real casdir processes; every wait is for an event, with generous bounds only as failure limits.
/// </summary>
[TestFixture]
[Category("Fault")]
public sealed partial class InterruptionTests : FreshLabTest
{
    private const int Sites = 400;
    private const int SIGINT = 2, SIGTERM = 15, SIGCONT = 18, SIGSTOP = 19;

    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    private static void Signal(int pid, int signal) =>
        Assert.That(Kill(pid, signal), Is.Zero, $"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");

    /// <summary><see cref="Sites"/> new sites named <paramref name="prefix"/>1…: three entries each, nothing read per line.</summary>
    private static string Script(TemporaryFolder folder, string prefix)
    {
        var script = new StringBuilder();
        for (var i = 1; i <= Sites; i++)
            script.AppendLine($"New-ADReplicationSite -Name {prefix}{i} | Out-Null");
        var path = folder.Combine("sites.ps1");
        File.WriteAllText(path, script.ToString());
        return path;
    }

    /// <summary>A casdir process running the script, its output read as it comes.</summary>
    private sealed class RunningCasdir : IDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _output;
        private readonly Task<string> _error;

        public RunningCasdir(LabDirectory lab, IReadOnlyDictionary<string, string> environment, params string[] arguments)
        {
            var info = ProcessRunner.StartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "casdir.dll"), .. arguments]);
            info.Environment["CASDIR_DATA"] = lab.DataDirectory;
            foreach (var (name, value) in environment)
                info.Environment[name] = value;
            info.RedirectStandardInput = info.RedirectStandardOutput = info.RedirectStandardError = true;
            info.UseShellExecute = false;
            _process = Process.Start(info)!; // `dotnet casdir.dll` runs casdir in this very process: signals reach it
            _process.StandardInput.Close();
            _output = _process.StandardOutput.ReadToEndAsync();
            _error = _process.StandardError.ReadToEndAsync();
        }

        public int Id => _process.Id;
        public bool HasExited => _process.HasExited;

        public ProcessResult WaitForExit(TimeSpan limit)
        {
            Assert.That(_process.WaitForExit(limit), Is.True, $"casdir did not end within {limit.TotalSeconds} s");
            return new ProcessResult(_process.ExitCode, _output.Result, _error.Result);
        }

        public void Dispose()
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }

    private string SitesDn => $"CN=Sites,{Lab.Partition.ConfigurationDn}";

    /// <summary>Every entry at or below the sites named <paramref name="prefix"/>…, by DN (case-folded).</summary>
    private HashSet<string> EntriesOf(string prefix) =>
        Lab.Tools.Entries(DirectoryAccounts.Admin, SitesDn, "(objectClass=*)", "sub", "1.1")
            .Select(e => e.Dn).Where(dn => dn.Contains($"CN={prefix}", StringComparison.OrdinalIgnoreCase)).Select(dn => dn.ToLowerInvariant()).ToHashSet();

    private int SitesPresent(string prefix) => Lab.Tools.Entries(DirectoryAccounts.Admin, SitesDn, $"(cn={prefix}*)", "one", "1.1").Count;

    /// <summary>Successful adds recorded in cn=accesslog for DNs under the sites named <paramref name="prefix"/>…</summary>
    private List<string> LoggedAdds(string prefix) =>
        Lab.Tools.Entries(DirectoryAccounts.Updater, "cn=accesslog", "(&(objectClass=auditAdd)(reqResult=0))", "one", "reqDN")
            .Select(e => e.Value("reqDN")!).Where(dn => dn.Contains($"CN={prefix}", StringComparison.OrdinalIgnoreCase)).Select(dn => dn.ToLowerInvariant()).ToList();

    [GeneratedRegex(@"casdir: (?<why>interrupted \((?<signal>\w+)\); before that|before the error), (?<count>\d+) changes? (?:was|were) written: (?<list>.*)\.$", RegexOptions.Multiline)]
    private static partial Regex WrittenLine();

    [GeneratedRegex(@"may have been written: (?<list>.*?)\. Running the same script again with -Resume", RegexOptions.Multiline)]
    private static partial Regex UncertainLine();

    private static IReadOnlyList<string> Listed(string list) =>
        Regex.Replace(list, @"; and \d+ more$", "").Split("; ").Select(item => item.StartsWith("added ", StringComparison.Ordinal) ? item["added ".Length..] : item).ToList();

    [TestCase(SIGTERM, "SIGTERM", 143, TestName = "Sigterm_during_a_script_lists_what_was_written")]
    [TestCase(SIGINT, "SIGINT", 130, TestName = "Sigint_during_a_script_lists_what_was_written")]
    public void A_signal_during_a_script_stops_it_between_writes_and_lists_them(int signal, string name, int exitCode)
    {
        using var folder = new TemporaryFolder();
        var script = Script(folder, "Site-I");
        var before = Lab.SuccessfulWrites();
        using var casdir = new RunningCasdir(Lab, new Dictionary<string, string>(), "-File", script);

        Wait.Until(() => SitesPresent("Site-I") >= 5 || casdir.HasExited, "casdir to write its fifth site", TimeSpan.FromMinutes(2));
        Assert.That(casdir.HasExited, Is.False, "the script was still running when the signal came");
        Signal(casdir.Id, signal);
        var result = casdir.WaitForExit(TimeSpan.FromMinutes(2));

        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
        var line = WrittenLine().Match(result.Error);
        Assert.That(line.Success, Is.True, result.ToString());
        Assert.That(line.Groups["why"].Value, Is.EqualTo($"interrupted ({name}); before that"));
        Assert.That(result.Error, Does.Not.Contain("   at ").And.Not.Contain("pipeline has been stopped"));
        var count = int.Parse(line.Groups["count"].Value);
        var present = EntriesOf("Site-I");
        Assert.That(SitesPresent("Site-I"), Is.LessThan(Sites), "it stopped before the end of the script");
        Assert.That(count, Is.EqualTo(present.Count), "the count is what the directory holds of the script's work");
        Assert.That(Lab.SuccessfulWrites() - before, Is.EqualTo(count), "and every write slapd logged: nothing unlisted");
        Assert.That(Listed(line.Groups["list"].Value).Select(dn => dn.ToLowerInvariant()), Is.SubsetOf(present), "each listed entry exists");
    }

    [Test]
    public void A_write_in_flight_when_slapd_froze_is_listed_as_may_have_been_written_and_Resume_settles_it()
    {
        using var folder = new TemporaryFolder();
        var script = Script(folder, "Site-F");
        var slapd = int.Parse(File.ReadAllText(Path.Combine(Lab.DataDirectory, "slapd", "slapd.pid")).Trim());
        var before = Lab.SuccessfulWrites();
        ProcessResult frozen;
        using (var casdir = new RunningCasdir(Lab, new Dictionary<string, string>
               {
                   ["CASDIR_OPERATION_TIMEOUT"] = "3",
                   ["CASDIR_CONNECT_TIMEOUT"] = "3",
               }, "-File", script))
        {
            Wait.Until(() => SitesPresent("Site-F") >= 5 || casdir.HasExited, "casdir to write its fifth site", TimeSpan.FromMinutes(2));
            Assert.That(casdir.HasExited, Is.False, "the script was still running when slapd froze");
            Signal(slapd, SIGSTOP);
            try
            {
                frozen = casdir.WaitForExit(TimeSpan.FromMinutes(2)); // the write times out; the reconnect's bind too
            }
            finally
            {
                Signal(slapd, SIGCONT);
            }
        }
        Wait.Until(() => Lab.Tools.Search(DirectoryAccounts.Reader, "", "(objectClass=*)", "base", "1.1").ExitCode == 0, "slapd to answer again", TimeSpan.FromMinutes(1));

        Assert.That(frozen.ExitCode, Is.EqualTo(1), frozen.ToString());
        Assert.That(frozen.Error, Does.Contain("did not answer").And.Not.Contain("   at "), frozen.ToString());
        var uncertain = UncertainLine().Match(frozen.Error);
        Assert.That(uncertain.Success, Is.True, frozen.ToString());
        var maybe = Listed(uncertain.Groups["list"].Value).Select(dn => dn.ToLowerInvariant()).ToList();
        Assert.That(maybe, Has.Count.EqualTo(1), "one write was in flight");
        var written = WrittenLine().Match(frozen.Error);
        var count = written.Success ? int.Parse(written.Groups["count"].Value) : 0;
        Assert.That(written.Groups["why"].Value, Is.EqualTo("before the error"));
        var present = EntriesOf("Site-F");
        var landed = present.Contains(maybe[0]);
        TestContext.Progress.WriteLine($"{count} written, in flight: {maybe[0]} ({(landed ? "landed after slapd resumed" : "not applied")})");
        Assert.That(Listed(written.Groups["list"].Value).Select(dn => dn.ToLowerInvariant()), Does.Not.Contain(maybe[0]), "not listed as written too");
        Assert.That(present.Count, Is.EqualTo(count + (landed ? 1 : 0)), "the directory holds what was listed, and the uncertain write at most");
        Assert.That(Lab.SuccessfulWrites() - before, Is.EqualTo(present.Count));

        var resumed = Lab.CasdirProcess(["-File", script, "-Resume"]);

        Assert.That(resumed.ExitCode, Is.Zero, resumed.ToString());
        Assert.That(SitesPresent("Site-F"), Is.EqualTo(Sites));
        Assert.That(EntriesOf("Site-F"), Has.Count.EqualTo(3 * Sites), "every site whole");
        var adds = LoggedAdds("Site-F");
        Assert.That(adds, Is.Unique, "no entry was added twice");
        Assert.That(adds, Has.Count.EqualTo(3 * Sites));
    }

    /// <summary>Local ports of this machine's established TCP connections to 127.0.0.1:<paramref name="port"/> (/proc/net/tcp).</summary>
    private static HashSet<int> ClientPortsTo(int port) =>
        File.ReadAllLines("/proc/net/tcp").Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f[3] == "01" && f[2] == $"0100007F:{port:X4}")
            .Select(f => Convert.ToInt32(f[1].Split(':')[1], 16)).ToHashSet();

    [Test]
    public void A_write_that_timed_out_while_slapd_was_frozen_is_retried_when_it_resumes_and_written_once()
    {
        using var folder = new TemporaryFolder();
        var script = Script(folder, "Site-R");
        var slapd = int.Parse(File.ReadAllText(Path.Combine(Lab.DataDirectory, "slapd", "slapd.pid")).Trim());
        var ldapsPort = new Uri(Lab.Status.State.LdapsUrl!).Port; // casdir reaches a local directory over LDAPS
        ProcessResult result;
        string frozenAt;
        using (var casdir = new RunningCasdir(Lab, new Dictionary<string, string>
               {
                   ["CASDIR_OPERATION_TIMEOUT"] = "2",   // the write in flight times out quickly…
                   ["CASDIR_CONNECT_TIMEOUT"] = "300",  // …and the reconnect waits for slapd to come back
               }, "-File", script))
        {
            Wait.Until(() => SitesPresent("Site-R") >= 5 || casdir.HasExited, "casdir to write its fifth site", TimeSpan.FromMinutes(2));
            Assert.That(casdir.HasExited, Is.False, "the script was still running when slapd froze");
            var before = ClientPortsTo(ldapsPort);
            frozenAt = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture); // reqStart's fraction is no clock
            Signal(slapd, SIGSTOP);
            try
            {
                // The event: casdir gave up waiting for the answer and opened a new connection (the kernel accepts it for
                // the frozen slapd). The request it had sent is still unread in slapd's socket.
                Wait.Until(() => ClientPortsTo(ldapsPort).Except(before).Any() || casdir.HasExited, "casdir to reconnect after the write timed out", TimeSpan.FromMinutes(2));
            }
            finally
            {
                Signal(slapd, SIGCONT);
            }
            result = casdir.WaitForExit(TimeSpan.FromMinutes(4));
        }

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(EntriesOf("Site-R"), Has.Count.EqualTo(3 * Sites), "every site whole");
        var adds = Lab.Tools.Entries(DirectoryAccounts.Updater, "cn=accesslog", "(&(objectClass=auditAdd)(reqResult=0))", "one", "reqDN", "reqSession", "reqStart")
            .Where(e => e.Value("reqDN")!.Contains("CN=Site-R", StringComparison.OrdinalIgnoreCase)).OrderBy(e => e.Value("reqStart"), StringComparer.Ordinal).ToList();
        Assert.That(adds.Select(e => e.Value("reqDN")!.ToLowerInvariant()), Is.Unique, "the retry did not write it twice");
        Assert.That(adds.Select(e => e.Value("reqSession")).Distinct().Count(), Is.EqualTo(2), "one connection before the freeze, one after");
        var first = adds[0].Value("reqSession");
        // Which attempt applied the timed-out write depends on which connection slapd serves first when it resumes (the
        // old one's pending add, or the retry); either way it is there once. RetriedWriteTests pins the landed-first case.
        var late = adds.Where(e => e.Value("reqSession") == first && string.CompareOrdinal(e.Value("reqStart")![..14], frozenAt) > 0).Select(e => e.Value("reqDN")).ToList();
        TestContext.Progress.WriteLine(late.Count > 0 ? $"landed after slapd resumed, on its old connection, and counted as done by the retry: {late[0]}" : "the retry applied the timed-out write");
    }
}
