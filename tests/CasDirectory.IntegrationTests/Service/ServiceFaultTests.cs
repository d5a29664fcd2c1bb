using System.Diagnostics;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.Service;

/// <summary>
/// The site-topology service never trusts the access log alone and never stops on what it reads
/// (docs/rules.md, "The site-topology service"): changes with no record, records that appear behind the cursor,
/// an unreadable log, a second instance, a full disk, garbage entries, and a burst of moves.
/// </summary>
[TestFixture]
[Category("Fault")]
public sealed class ServiceFaultTests : FreshLabTest
{
    private string SiteOf(string server) =>
        NormalizeDn(Lab.Tools.Entries(DirectoryAccounts.Reader, ServerDn(server), "(objectClass=*)", "base", "msExchServerSite").Single().Value("msExchServerSite") ?? "");

    private static readonly string SiteB = NormalizeDn(SiteDn("Site-B"));

    private void Move(string server, string address)
    {
        var result = Lab.Tools.Modify(DirectoryAccounts.Provisioning, ReplaceLdif(ServerDn(server), "ipHostNumber", address));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    private void Restart(Action? whileStopped = null)
    {
        LocalDirectory.Down(Lab.DataDirectory);
        whileStopped?.Invoke();
        LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = Lab.DataDirectory });
    }

    private string ConfigFile => Path.Combine(Lab.DataDirectory, "slapd", "slapd.conf");

    [Test]
    public async Task A_change_with_no_access_log_record_is_applied_after_slapd_restarts()
    {
        await using var service = await RunningService.Start(Lab, "--SiteTopology:ReconcileInterval=01:00:00");

        // slapmodify writes the database offline, past the accesslog overlay: a committed change with no record,
        // as a crash between the two leaves it. Nothing else changes.
        var clock = Stopwatch.StartNew();
        Restart(() =>
        {
            var ldif = ReplaceLdif(ServerDn("E2K10-MLT-02"), "ipHostNumber", "10.2.0.12");
            var result = ProcessRunner.Run(ProcessRunner.StartInfo("/usr/sbin/slapmodify", ["-f", ConfigFile, "-b", Partition.ConfigurationDn]), ldif);
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
        });

        Wait.Until(() => SiteOf("E2K10-MLT-02") == SiteB, "the unlogged move applied after the restart", TimeSpan.FromSeconds(10));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        // The move is logged just after it is written: wait for the line, not only the entry.
        // (Pushed feed: whichever the service noticed first, its session's reconnection or its subscription reopening.)
        Wait.Until(() => service.Messages.Any(m => m.StartsWith("Moved") && (m.Contains("reconnected to the directory") || m.Contains("access-log subscription reopened"))),
            "the move logged as found on reconnect");
    }

    [Test]
    public async Task A_record_that_appears_behind_the_cursor_is_applied_within_a_poll()
    {
        // Slow polls and no periodic reconcile: only the feed can bring the change in.
        await using var service = await RunningService.Start(Lab, "--SiteTopology:Feed=poll", "--SiteTopology:PollInterval=00:00:02", "--SiteTopology:ReconcileInterval=01:00:00");
        var cursorFile = Path.Combine(Lab.DataDirectory, "service", "site-topology.cursor");

        // The change is made, and its record taken away at once (before the next poll), as if not yet committed...
        // "Before the next poll" is a race the test can lose on a busy machine (three tool runs within a poll interval):
        // each attempt starts just after a poll, and one whose record a poll saw all the same is undone and made again.
        LdapToolResult record = null!;
        string recordDn = null!;
        for (var attempt = 1; ; attempt++)
        {
            var polled = service.Updater.LastPoll;
            Wait.Until(() => service.Updater.LastPoll > polled, "a poll to begin the attempt after");
            Move("E2K10-MLT-02", "10.2.0.12");
            record = Lab.Tools.Search(DirectoryAccounts.Admin, "cn=accesslog", $"(&(reqType=modify)(reqDN={Core.Naming.LdapEscaping.FilterValue(ServerDn("E2K10-MLT-02"))}))", "one", "*");
            recordDn = LdifEntry.Parse(record.Output).Last().Dn;
            Assert.That(Lab.Tools.Run("ldapdelete", DirectoryAccounts.Admin, [recordDn]).ExitCode, Is.Zero);
            // ...then a later write, which does not trigger a reconcile, moves the cursor past it...
            var later = Lab.Tools.Modify(DirectoryAccounts.Admin, ReplaceLdif(ServerDn("E2K10-MLT-01"), "msExchServerSite", SiteDn("Site-A")));
            Assert.That(later.ExitCode, Is.Zero, later.ToString());
            var missing = recordDn[9..31];
            Wait.Until(() => File.Exists(cursorFile) && string.CompareOrdinal(File.ReadAllText(cursorFile), missing) > 0, "the cursor past the missing record");
            if (SiteOf("E2K10-MLT-02") != SiteB)
                break; // not seen yet: the record is missing behind the cursor, as meant
            TestContext.Progress.WriteLine($"attempt {attempt}: a poll read the record before it was taken away; again");
            Assert.That(attempt, Is.LessThan(5), "five attempts, each read by a poll before its record was taken away");
            Move("E2K10-MLT-02", "10.1.0.12");
            Wait.Until(() => SiteOf("E2K10-MLT-02") != SiteB, "the server moved back before the next attempt");
        }

        // ...and the record commits late, stamped with its earlier start.
        Assert.That(Lab.Tools.Add(DirectoryAccounts.Admin, record.Output).ExitCode, Is.Zero);

        Wait.Until(() => SiteOf("E2K10-MLT-02") == SiteB, "the late record applied", TimeSpan.FromSeconds(5));
    }

    [Test]
    public async Task An_unreadable_access_log_keeps_the_polling_service_up_reconciling_and_it_follows_the_log_again_once_readable()
    {
        await using var service = await RunningService.Start(Lab, "--SiteTopology:Feed=poll", "--SiteTopology:FallbackInterval=00:00:01", "--SiteTopology:ReconcileInterval=01:00:00");
        var original = File.ReadAllText(ConfigFile);

        // slapd refuses every read of cn=accesslog (as it does with "internal error in mdb_entry_decode" for a damaged log).
        Restart(() => File.WriteAllText(ConfigFile, original.Replace("suffix          \"cn=accesslog\"", "suffix          \"cn=accesslog\"\nrestrict        read")));
        Wait.Until(() => service.Updater.FeedProblem is not null, "the service to notice");
        var ready = service.Get("readyz");
        Move("E2K10-MLT-02", "10.2.0.12");
        Wait.Until(() => SiteOf("E2K10-MLT-02") == SiteB, "the move applied by the fallback reconcile", TimeSpan.FromSeconds(5));

        Assert.That(ready.Status, Is.EqualTo(503));
        Assert.That(ready.Body, Does.Contain("the access log cannot be read").And.Contain("reconciling every 1 s"));
        Assert.That(service.Messages.Count(m => m.StartsWith("The access log cannot be read")), Is.EqualTo(1), "logged once");

        Restart(() => File.WriteAllText(ConfigFile, original));
        Wait.Until(() => service.Updater.FeedProblem is null && service.Get("readyz").Status == 200, "the service following the log again");
        Move("E2K10-MLT-01", "10.2.0.11");
        Wait.Until(() => SiteOf("E2K10-MLT-01") == SiteB, "a move through the feed", TimeSpan.FromSeconds(3));
        Assert.That(service.Messages, Has.Some.EqualTo("The access log is readable again; following it"));
    }

    [Test]
    public async Task After_casdir_repair_accesslog_the_service_follows_the_new_log()
    {
        await using var service = await RunningService.Start(Lab, "--SiteTopology:ReconcileInterval=01:00:00");

        var repaired = Casdir.Run(["repair-accesslog", "--data", Lab.DataDirectory]);
        Assert.That(repaired.ExitCode, Is.Zero, repaired.ToString());
        Move("E2K10-MLT-02", "10.2.0.12");

        Wait.Until(() => SiteOf("E2K10-MLT-02") == SiteB, "a move through the new log", TimeSpan.FromSeconds(5));
        Assert.That(service.Updater.FeedProblem, Is.Null);
    }

    [Test]
    public void A_second_service_on_the_same_folder_exits_2_naming_the_first()
    {
        var info = ProcessRunner.StartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "casdir.dll"), "serve", "--data", Lab.DataDirectory,
            $"--SiteTopology:HttpPrefix=http://127.0.0.1:{FreePort.Next()}/"]);
        info.RedirectStandardError = info.RedirectStandardOutput = true;
        using var first = Process.Start(info)!;
        var stateFolder = Path.Combine(Lab.DataDirectory, "service");
        try
        {
            Wait.Until(() => first.HasExited || File.Exists(Path.Combine(stateFolder, "site-topology.pid")), "the first service", TimeSpan.FromSeconds(90));
            Assert.That(first.HasExited, Is.False, "the first service ended before it took the folder");

            var second = Casdir.Run(["serve", "--data", Lab.DataDirectory, $"--SiteTopology:HttpPrefix=http://127.0.0.1:{FreePort.Next()}/"]);

            Assert.That(second.ExitCode, Is.EqualTo(2), second.ToString());
            Assert.That(second.Error, Does.Contain($"Another casdir serve (pid {first.Id}) already runs on {stateFolder}"));
            Assert.That(second.Error, Does.Not.Contain("   at "));
        }
        finally
        {
            first.Kill();
            first.WaitForExit();
        }
    }

    private static bool IsReady(HttpClient http, string prefix)
    {
        try
        {
            return http.GetAsync(prefix + "readyz").Result.IsSuccessStatusCode;
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    [Test]
    public void A_full_disk_for_the_state_file_stops_the_service_with_a_non_zero_exit()
    {
        using var state = new TemporaryFolder("casdir-state");
        var mount = ProcessRunner.Run(ProcessRunner.StartInfo("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", state.Path]));
        Assert.That(mount.ExitCode, Is.Zero, $"mounting a tmpfs needs root (CI runs as root): {mount}");
        try
        {
            using var http = new HttpClient();
            Process service = null!;
            Task<string[]> output = null!;
            // The status port is free when chosen, but the container tests run beside this assembly and may take it
            // first: a service that ends before it is ready is started again on another port (three tries), and the
            // last one's output is in the message.
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                var prefix = $"http://127.0.0.1:{FreePort.Next()}/";
                var info = ProcessRunner.StartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "casdir.dll"), "serve", "--data", Lab.DataDirectory,
                    $"--SiteTopology:StateDirectory={state.Path}", $"--SiteTopology:HttpPrefix={prefix}", "--SiteTopology:Feed=poll"]);
                info.RedirectStandardError = info.RedirectStandardOutput = true;
                service = Process.Start(info)!;
                output = Task.WhenAll(service.StandardOutput.ReadToEndAsync(), service.StandardError.ReadToEndAsync());
                // A new dotnet process starts, JITs and reconciles first: on a busy machine that takes a while, so the
                // bound is generous; a process that ends meanwhile fails at once.
                var started = service;
                Wait.Until(() => started.HasExited || IsReady(http, prefix), "the service ready", TimeSpan.FromSeconds(90));
                if (!service.HasExited)
                    break;
                output.Wait();
            }
            using var running = service;
            Assert.That(service.HasExited, Is.False, () => "the service ended before it was ready: " + string.Join("\n", output.Result));
            File.WriteAllBytes(Path.Combine(state.Path, "filler"), new byte[0]);
            ProcessRunner.Run(ProcessRunner.StartInfo("dd", ["if=/dev/zero", $"of={Path.Combine(state.Path, "filler")}", "bs=4k", "count=64"]));

            Move("E2K10-MLT-02", "10.2.0.12"); // the next cursor write has nowhere to go (the polled feed keeps one)

            Assert.That(service.WaitForExit(TimeSpan.FromSeconds(20)), Is.True, "the service stopped");
            output.Wait();
            Assert.That(service.ExitCode, Is.Not.Zero, output.Result[0] + output.Result[1]);
            Assert.That(output.Result[1], Does.Contain("casdir serve: stopped:").And.Contain("No space left on device"));
        }
        finally
        {
            ProcessRunner.Run(ProcessRunner.StartInfo("umount", ["-l", state.Path]));
        }
    }

    [Test]
    public async Task Garbage_entries_are_reported_once_and_other_servers_still_move()
    {
        await using var service = await RunningService.Start(Lab);
        var subnet = Lab.Tools.Add(DirectoryAccounts.Admin, $"dn: CN=garbage,{Partition.SubnetsDn}\nobjectClass: top\nobjectClass: subnet\ncn: garbage\n", "-e", "relax");
        var version = Lab.Tools.Modify(DirectoryAccounts.Admin, ReplaceLdif(ServerDn("E2K7-MLT-02"), "serialNumber", "not a version"), "-e", "relax");
        Assert.That(subnet.ExitCode + version.ExitCode, Is.Zero, $"{subnet}\n{version}");

        Move("E2K10-MLT-02", "10.2.0.12");
        Wait.Until(() => SiteOf("E2K10-MLT-02") == SiteB, "the move");
        Move("E2K10-MLT-01", "10.2.0.11");
        Wait.Until(() => SiteOf("E2K10-MLT-01") == SiteB, "another move");
        Wait.Until(() => service.Messages.Count(m => m.Contains("MALFORMED")) >= 2, "the findings");
        // Further passes must not repeat them: two more, each brought by a write that moves nothing (one at a time, so
        // they are not read in one poll), and whatever they changed in the findings logged.
        for (var pass = 0; pass < 2; pass++)
        {
            var passes = service.Updater.Passes;
            Move("E2K10-MLT-01", "10.2.0.11");
            service.WaitForPassesAndSettledFindings(passes, 1, "a further pass, its findings logged");
        }

        Assert.That(service.Messages.Count(m => m.StartsWith("Finding \"MALFORMED\"") && m.Contains("garbage")), Is.EqualTo(1));
        Assert.That(service.Messages.Count(m => m.StartsWith("Finding \"MALFORMED\"") && m.Contains("E2K7-MLT-02")), Is.EqualTo(1));
    }

    [Test]
    public async Task Sixty_moves_give_at_most_one_log_line_per_finding_change()
    {
        // Polled, so its saved cursor shows when the updater is past the last move (below).
        await using var service = await RunningService.Start(Lab, "--SiteTopology:Feed=poll");
        Wait.Until(() => service.Messages.Any(m => m.StartsWith("Finding ")), "the lab's findings logged");
        var before = service.Messages.Count(m => m.StartsWith("Finding "));

        for (var i = 0; i < 60; i++)
            Move("E2K10-MLT-02", i % 2 == 0 ? "10.2.0.12" : "10.1.0.12");
        // The last move ends where the server began, so its site alone does not show the updater has seen it: its saved
        // cursor does, once it reaches the last move's access-log record (the reconcile that record triggered ran first).
        var lastMove = Lab.Tools.Entries(DirectoryAccounts.Admin, "cn=accesslog",
                $"(&(reqType=modify)(reqDN={Core.Naming.LdapEscaping.FilterValue(ServerDn("E2K10-MLT-02"))}))", "one", "reqStart")
            .Select(e => e.Value("reqStart")!).Max(StringComparer.Ordinal)!;
        var cursorFile = Path.Combine(Lab.DataDirectory, "service", "site-topology.cursor");
        Wait.Until(() => File.Exists(cursorFile) && string.CompareOrdinal(File.ReadAllText(cursorFile).Trim(), lastMove) >= 0, "the updater past the last move");
        Assert.That(SiteOf("E2K10-MLT-02"), Is.EqualTo(NormalizeDn(SiteDn("Site-A"))), "the last move back");
        // Past the findings' one-second settling: nothing is waiting to be logged.
        Wait.Until(() => service.Findings.Settled, "the findings settled and logged");

        var lines = service.Messages.Where(m => m.StartsWith("Finding ")).Skip(before).ToList();
        Assert.That(lines.Count, Is.LessThanOrEqualTo(4), string.Join("\n", lines));
    }
}
