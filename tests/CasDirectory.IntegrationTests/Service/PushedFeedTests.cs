using System.Diagnostics;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.Service;

/// <summary>
/// The pushed access log (SiteTopology:Feed=push, the default): slapd sends each record to the service's sync search as
/// it logs it; the service reconciles after every subscription, in full when the address leads to another server, and
/// reports what a write lost in such a switch leaves (docs/rules.md, "The site-topology service").
/// </summary>
[TestFixture]
[Category("Fault")]
public sealed class PushedFeedTests : FreshLabTest
{
    private string SiteOf(string server) =>
        NormalizeDn(Lab.Tools.Entries(DirectoryAccounts.Reader, ServerDn(server), "(objectClass=*)", "base", "msExchServerSite").Single().Value("msExchServerSite") ?? "");

    private static readonly string SiteB = NormalizeDn(SiteDn("Site-B"));

    private void Move(string server, string address)
    {
        var result = Lab.Tools.Modify(DirectoryAccounts.Provisioning, ReplaceLdif(ServerDn(server), "ipHostNumber", address));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    private string ConfigFile => Path.Combine(Lab.DataDirectory, "slapd", "slapd.conf");

    /// <summary>Writes <paramref name="ldif"/> with slapd stopped (slapadd: past every overlay and casdir-guard, and unlogged).</summary>
    private void AddOffline(string ldif)
    {
        var result = ProcessRunner.Run(ProcessRunner.StartInfo("/usr/sbin/slapadd", ["-f", ConfigFile, "-b", Partition.ConfigurationDn]), ldif);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public async Task A_move_is_applied_within_a_second_though_the_log_is_never_polled()
    {
        // No polling and no periodic reconcile: only a pushed record can bring the change in.
        await using var service = await RunningService.Start(Lab, "--SiteTopology:PollInterval=00:10:00", "--SiteTopology:ReconcileInterval=1.00:00:00");
        Wait.Until(() => service.Updater.Pushed?.Live == true, "the subscription");

        var clock = Stopwatch.StartNew();
        Move("E2K10-MLT-02", "10.2.0.12");
        Wait.Until(() => SiteOf("E2K10-MLT-02") == SiteB, "the pushed move", TimeSpan.FromSeconds(5));

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
        Assert.That(service.Updater.Pushed!.Subscriptions, Is.EqualTo(1));
        Wait.Until(() => service.Messages.Any(m => m.StartsWith("Moved \"E2K10-MLT-02\"") && m.Contains("modify cn=E2K10-MLT-02", StringComparison.OrdinalIgnoreCase)),
            "the move logged with the pushed record as its cause");
    }

    [Test]
    public async Task After_slapd_restarts_the_subscription_reopens_and_a_move_made_meanwhile_is_applied()
    {
        await using var service = await RunningService.Start(Lab, "--SiteTopology:ReconcileInterval=1.00:00:00", "--SiteTopology:FallbackInterval=01:00:00");
        Wait.Until(() => service.Updater.Pushed?.Live == true, "the subscription");

        LocalDirectory.Down(Lab.DataDirectory);
        Wait.Until(() => service.Updater.Pushed!.Live == false, "the dropped subscription noticed");
        // slapmodify writes offline, with no access-log record: nothing will ever push it.
        var ldif = ReplaceLdif(ServerDn("E2K10-MLT-02"), "ipHostNumber", "10.2.0.12");
        var offline = ProcessRunner.Run(ProcessRunner.StartInfo("/usr/sbin/slapmodify", ["-f", ConfigFile, "-b", Partition.ConfigurationDn]), ldif);
        Assert.That(offline.ExitCode, Is.Zero, offline.ToString());
        LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = Lab.DataDirectory });

        Wait.Until(() => SiteOf("E2K10-MLT-02") == SiteB, "the unlogged move applied by the reconcile after the subscription reopened", TimeSpan.FromSeconds(30));
        Assert.That(service.Updater.Pushed!.Subscriptions, Is.GreaterThanOrEqualTo(2));
        Assert.That(service.Updater.Pushed.Switches, Is.Zero, "the same server came back");
        Assert.That(service.Messages.Count(m => m.StartsWith("The access-log subscription dropped")), Is.EqualTo(1), "logged once per outage");
        Move("E2K10-MLT-02", "10.1.0.12");
        Wait.Until(() => SiteOf("E2K10-MLT-02") == NormalizeDn(SiteDn("Site-A")), "a move pushed on the new subscription", TimeSpan.FromSeconds(5));
    }

    [Test]
    public async Task Another_server_at_the_same_address_is_reconciled_in_full_and_what_a_lost_write_left_is_reported()
    {
        await using var service = await RunningService.Start(Lab, "--SiteTopology:ReconcileInterval=1.00:00:00", "--SiteTopology:FallbackInterval=01:00:00");
        var passes = service.Updater.Passes;
        var added = Lab.Tools.Add(DirectoryAccounts.Provisioning, ArrayLdif("CASArray-A", "outlook-a.lab.local", "Site-A"));
        Assert.That(added.ExitCode, Is.Zero, added.ToString());
        Wait.Until(() => service.Updater.Pushed?.LastRecord is not null, "a record seen on the first server");
        Wait.Until(() => service.Updater.Passes > passes, "the pass the array's record brought");

        // The address now leads to a server whose log never held that record (its own log), and whose state took other
        // writes: a second array in Site-A and an array in a site it does not hold — each refused online on one server,
        // each what writes lost across a failover leave. Meanwhile a server moved with no record at all.
        LocalDirectory.Down(Lab.DataDirectory);
        foreach (var file in Directory.GetFiles(Path.Combine(Lab.DataDirectory, "data", "accesslog")))
            File.Delete(file);
        AddOffline(ArrayLdif("CASArray-A2", "outlook-a2.lab.local", "Site-A") + "\n" + ArrayLdif("CASArray-X", "outlook-x.lab.local", "Site-Lost"));
        var moved = ProcessRunner.Run(ProcessRunner.StartInfo("/usr/sbin/slapmodify", ["-f", ConfigFile, "-b", Partition.ConfigurationDn]),
            ReplaceLdif(ServerDn("E2K10-MLT-02"), "ipHostNumber", "10.2.0.12"));
        Assert.That(moved.ExitCode, Is.Zero, moved.ToString());
        LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = Lab.DataDirectory });

        Wait.Until(() => service.Updater.Pushed!.Switches == 1, "the switch noticed", TimeSpan.FromSeconds(30));
        Wait.Until(() => SiteOf("E2K10-MLT-02") == SiteB, "the full reconcile after the switch", TimeSpan.FromSeconds(10));
        Wait.Until(() => service.Findings.Current.Any(f => f.RuleId == "A2" && f.Subject == "CASArray-A2")
                         && service.Findings.Current.Any(f => f.RuleId == "DANGLING" && f.Subject == "CASArray-X"), "the findings");
        Assert.That(service.Messages, Has.Some.StartsWith("The directory at ").And.Contains("is another server than before"));
        Assert.That(service.Messages, Has.Some.Contains("Moved \"E2K10-MLT-02\"").And.Contains("switched to another server"));
        Assert.That(service.Findings.Current.Single(f => f.RuleId == "DANGLING").Message,
            Is.EqualTo("Client Access array CASArray-X names site Site-Lost in msExchServerSite, which does not exist."));
    }

    [Test]
    public async Task An_access_log_that_refuses_the_subscription_keeps_the_service_up_reconciling_and_it_subscribes_again_once_readable()
    {
        await using var service = await RunningService.Start(Lab, "--SiteTopology:FallbackInterval=00:00:01", "--SiteTopology:ReconcileInterval=1.00:00:00");
        var original = File.ReadAllText(ConfigFile);

        LocalDirectory.Down(Lab.DataDirectory);
        File.WriteAllText(ConfigFile, original.Replace("suffix          \"cn=accesslog\"", "suffix          \"cn=accesslog\"\nrestrict        read"));
        LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = Lab.DataDirectory });
        Wait.Until(() => service.Updater.FeedProblem is not null, "the service to notice", TimeSpan.FromSeconds(30));
        Move("E2K10-MLT-02", "10.2.0.12");
        Wait.Until(() => SiteOf("E2K10-MLT-02") == SiteB, "the move applied by the fallback reconcile", TimeSpan.FromSeconds(5));
        var ready = service.Get("readyz");

        Assert.That(ready.Status, Is.EqualTo(503));
        Assert.That(ready.Body, Does.Contain("the access-log subscription is down").And.Contain("reconciling every 1 s"));

        LocalDirectory.Down(Lab.DataDirectory);
        File.WriteAllText(ConfigFile, original);
        LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = Lab.DataDirectory });
        Wait.Until(() => service.Updater.FeedProblem is null && service.Updater.Pushed!.Live && service.Get("readyz").Status == 200, "the subscription again", TimeSpan.FromSeconds(30));
        Move("E2K10-MLT-01", "10.2.0.11");
        Wait.Until(() => SiteOf("E2K10-MLT-01") == SiteB, "a pushed move", TimeSpan.FromSeconds(3));
    }

    [Test]
    public async Task A_garbage_record_in_the_log_costs_at_most_a_pass_and_the_subscription_goes_on()
    {
        await using var service = await RunningService.Start(Lab, "--SiteTopology:ReconcileInterval=1.00:00:00");
        Wait.Until(() => service.Updater.Pushed?.Live == true, "the subscription");

        // Only the directory administrator can write the log: a record with a made-up type, a DN that is none and a reqMod with no colon.
        var start = DateTime.UtcNow.ToString("yyyyMMddHHmmss.ffffff", System.Globalization.CultureInfo.InvariantCulture) + "Z";
        var garbage = Lab.Tools.Add(DirectoryAccounts.Admin, $"""
            dn: reqStart={start},cn=accesslog
            objectClass: auditModify
            reqStart: {start}
            reqType: garbage
            reqSession: 0
            reqDN: cn=garbage
            reqResult: 0
            reqMod: garbage-without-a-colon

            """);
        Assert.That(garbage.ExitCode, Is.Zero, garbage.ToString());
        Move("E2K10-MLT-02", "10.2.0.12");

        Wait.Until(() => SiteOf("E2K10-MLT-02") == SiteB, "a move after the garbage record", TimeSpan.FromSeconds(5));
        Assert.That(service.Updater.Pushed!.Subscriptions, Is.EqualTo(1), "the subscription was never dropped");
        Assert.That(service.Messages, Has.None.Contains("subscription dropped").And.None.Contains("subscription failed"));
    }

    [Test]
    public async Task A_burst_of_three_hundred_moves_is_followed_on_one_subscription_and_ends_where_the_last_move_put_it()
    {
        await using var service = await RunningService.Start(Lab, "--SiteTopology:ReconcileInterval=1.00:00:00", "--SiteTopology:FallbackInterval=01:00:00");
        Wait.Until(() => service.Updater.Pushed?.Live == true, "the subscription");

        // One ldapmodify, 300 changes as fast as slapd takes them: far more records than passes, so the updater is the slow side.
        var burst = string.Concat(Enumerable.Range(0, 300).Select(i => ReplaceLdif(ServerDn("E2K10-MLT-02"), "ipHostNumber", i % 2 == 0 ? "10.2.0.12" : "10.1.0.12") + "\n"));
        var result = Lab.Tools.Modify(DirectoryAccounts.Provisioning, burst + ReplaceLdif(ServerDn("E2K10-MLT-02"), "ipHostNumber", "10.2.0.12"));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());

        // Every record pushed, the last one included; then the site that last move gives, to stay.
        var lastMove = Lab.Tools.Entries(DirectoryAccounts.Admin, "cn=accesslog",
                $"(&(reqType=modify)(reqDN={Core.Naming.LdapEscaping.FilterValue(ServerDn("E2K10-MLT-02"))}))", "one", "reqStart")
            .Select(e => e.Value("reqStart")!).Max(StringComparer.Ordinal)!;
        Wait.Until(() => string.CompareOrdinal(service.Updater.Pushed!.LastRecord, lastMove) >= 0, "the last record pushed", TimeSpan.FromSeconds(30));
        Wait.Until(() => SiteOf("E2K10-MLT-02") == SiteB, "the last move applied", TimeSpan.FromSeconds(10));
        Thread.Sleep(1000);
        Assert.That(SiteOf("E2K10-MLT-02"), Is.EqualTo(SiteB), "nothing moved it back");
        Assert.That(service.Updater.Pushed!.Subscriptions, Is.EqualTo(1), "the subscription was never dropped");
        Assert.That(service.Updater.Pushed.Live, Is.True);
    }
}
