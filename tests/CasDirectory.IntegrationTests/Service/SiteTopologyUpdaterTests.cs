using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.Service;

/// <summary>T1–T3: the hosted service recomputes servers' sites from raw LDAP changes, as Exchange's AD Topology service does.</summary>
[TestFixture]
public sealed class SiteTopologyUpdaterTests : FreshLabTest
{
    // By name under the whole configuration: E2003-BE lives in another administrative group.
    private string SiteOf(string server) =>
        NormalizeDn(Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.ConfigurationDn, $"(&(objectClass=msExchExchangeServer)(cn={server}))", "sub", "msExchServerSite")
            .Single().Value("msExchServerSite") ?? "");

    private void Modify(string dn, string attribute, string value)
    {
        var result = Lab.Tools.Modify(DirectoryAccounts.Provisioning, ReplaceLdif(dn, attribute, value));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public async Task A_server_whose_address_moves_into_Site_Bs_subnet_is_moved_to_Site_B_and_the_move_is_logged()
    {
        await using var service = await RunningService.Start(Lab);

        Modify(ServerDn("E2K10-MLT-02"), "ipHostNumber", "10.2.0.12");

        Wait.Until(() => SiteOf("E2K10-MLT-02") == NormalizeDn(SiteDn("Site-B")), "E2K10-MLT-02 in Site-B");
        Assert.That(SiteOf("E2K10-MLT-01"), Is.EqualTo(NormalizeDn(SiteDn("Site-A"))), "nothing else moved");
        // Logged after the write is acknowledged: the line can trail what this test's own read already sees.
        Wait.Until(() => service.Events.Any(e => e.MessageTemplate.Text.StartsWith("Moved {Server}")), "the move's log event");
        var move = service.Events.Single(e => e.MessageTemplate.Text.StartsWith("Moved {Server}"));
        Assert.That(move.Properties["Server"].ToString(), Is.EqualTo("\"E2K10-MLT-02\""));
        Assert.That(move.Properties["OldSite"].ToString(), Is.EqualTo("\"Site-A\""));
        Assert.That(move.Properties["NewSite"].ToString(), Is.EqualTo("\"Site-B\""));
    }

    [Test]
    public async Task Re_pointing_a_subnet_moves_every_server_in_it()
    {
        await using var service = await RunningService.Start(Lab);

        Modify(Partition.SubnetDn("10.1.0.0/16"), "siteObject", SiteDn("Site-B"));

        Wait.Until(() => ServerNames.All(s => SiteOf(s) == NormalizeDn(SiteDn("Site-B"))), "all four servers in Site-B");
    }

    [Test]
    public async Task Deleting_the_only_subnet_of_a_server_leaves_its_site()
    {
        await using var service = await RunningService.Start(Lab);
        Modify(ServerDn("E2K10-MLT-02"), "ipHostNumber", "10.2.0.12");
        Wait.Until(() => SiteOf("E2K10-MLT-02") == NormalizeDn(SiteDn("Site-B")), "the move");

        var deleted = Lab.Tools.Run("ldapdelete", DirectoryAccounts.Provisioning, [Partition.SubnetDn("10.2.0.0/16")]);
        Assert.That(deleted.ExitCode, Is.Zero, deleted.ToString());

        const string report = "No subnet contains the addresses of \"E2K10-MLT-02\"; its site is left as it is";
        Wait.Until(() => service.Messages.Contains(report), "the report after the delete");
        var passes = service.Updater.Passes;
        Modify(ServerDn("E2K10-MLT-01"), "ipHostNumber", "10.1.0.11"); // an unrelated change: one more pass
        Wait.Until(() => service.Updater.Passes > passes, "another pass");
        Assert.That(SiteOf("E2K10-MLT-02"), Is.EqualTo(NormalizeDn(SiteDn("Site-B"))));
        Assert.That(service.Messages.Count(m => m == report), Is.EqualTo(1), "reported once");
    }

    [Test]
    public async Task A_change_to_one_servers_entry_re_plans_that_server_alone_and_a_subnet_change_every_server()
    {
        await using var service = await RunningService.Start(Lab, "--SiteTopology:ReconcileInterval=1.00:00:00");
        Wait.Until(() => service.Updater.Pushed?.Live == true && service.Updater.Passes > 0, "the first pass");
        Assert.That(service.Updater.LastPlanned, Is.EqualTo(ServerNames.Length), "the first pass reads every server");

        Modify(ServerDn("E2K10-MLT-02"), "ipHostNumber", "10.2.0.12");
        Wait.Until(() => service.Messages.Any(m => m.StartsWith("Moved \"E2K10-MLT-02\"")), "the move");
        Assert.That(service.Updater.LastPlanned, Is.EqualTo(1), "only the server the record named was read and planned");

        Modify(Partition.SubnetDn("10.1.0.0/16"), "siteObject", SiteDn("Site-B"));
        Wait.Until(() => ServerNames.All(s => SiteOf(s) == NormalizeDn(SiteDn("Site-B"))), "all four servers in Site-B");
        Assert.That(service.Updater.LastPlanned, Is.EqualTo(ServerNames.Length), "a subnet can move any server: every one was planned");
    }

    [Test]
    public async Task Servers_added_in_one_burst_are_each_placed_by_their_own_address_and_one_no_subnet_holds_is_reported_once()
    {
        await using var service = await RunningService.Start(Lab, "--SiteTopology:ReconcileInterval=1.00:00:00");
        Wait.Until(() => service.Updater.Pushed?.Live == true && service.Updater.Passes > 0, "the first pass");
        // Added as Site-A's servers, with addresses in Site-B's subnet (10.2.0.0/16); the last in no subnet at all. More
        // than the feed names at once (PushedFeed.MaxServersNamed): however the burst is batched (a few named at a time,
        // or too many to name and every server read), every server is placed.
        var ldif = new System.Text.StringBuilder();
        for (var i = 0; i < 300; i++)
            ldif.Append(BulkServerLdif($"BURST{i:000}", $"10.2.{1 + i / 250}.{1 + i % 250}"));
        ldif.Append(BulkServerLdif("BURST-NOWHERE", "10.99.0.1"));
        var added = Lab.Tools.Add(DirectoryAccounts.Provisioning, ldif.ToString());
        Assert.That(added.ExitCode, Is.Zero, added.ToString());

        Wait.Until(() => Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.ConfigurationDn,
            $"(&(cn=BURST*)(msExchServerSite={SiteDn("Site-B")}))", "sub", "1.1").Count == 300, "every burst server in Site-B", TimeSpan.FromSeconds(30));
        const string report = "No subnet contains the addresses of \"BURST-NOWHERE\"; its site is left as it is";
        Wait.Until(() => service.Messages.Contains(report), "the server no subnet holds reported");
        Assert.That(SiteOf("BURST-NOWHERE"), Is.EqualTo(NormalizeDn(SiteDn("Site-A"))), "its site left as it is");

        Modify(ServerDn("BURST000"), "ipHostNumber", "10.1.0.99"); // another server's change: not reported again
        Wait.Until(() => SiteOf("BURST000") == NormalizeDn(SiteDn("Site-A")), "BURST000 back in Site-A");
        Modify(ServerDn("BURST-NOWHERE"), "ipHostNumber", "10.2.9.1");
        Wait.Until(() => SiteOf("BURST-NOWHERE") == NormalizeDn(SiteDn("Site-B")), "the unplaced server placed once its address is in a subnet");
        Assert.That(service.Messages.Count(m => m == report), Is.EqualTo(1), "reported once");
    }

    private static string BulkServerLdif(string name, string address) => $"""
        dn: {ServerDn(name)}
        objectClass: top
        objectClass: server
        objectClass: msExchExchangeServer
        objectClass: ipHost
        cn: {name}
        msExchCurrentServerRoles: 2
        serialNumber: Version 14.2 (Build 30247.5)
        networkAddress: ncacn_ip_tcp:{name}.lab.local
        ipHostNumber: {address}
        msExchServerSite: {SiteDn("Site-A")}


        """;

    [Test]
    public async Task An_Edge_server_is_never_written()
    {
        Lab.Casdir("New-ExchangeServer", "-Name", "EDGE-01", "-Roles", "Edge", "-Version", "14.2.247.5", "-IPAddress", "10.1.0.60");
        await using var service = await RunningService.Start(Lab);

        Modify(ServerDn("EDGE-01"), "ipHostNumber", "10.2.0.60");
        Modify(ServerDn("E2K10-MLT-01"), "ipHostNumber", "10.2.0.11");

        Wait.Until(() => SiteOf("E2K10-MLT-01") == NormalizeDn(SiteDn("Site-B")), "the 2010 server's move");
        Assert.That(SiteOf("EDGE-01"), Is.EqualTo(NormalizeDn(SiteDn("Site-A"))));
    }

    [Test]
    public async Task The_polled_feeds_cursor_survives_a_restart()
    {
        await using (await RunningService.Start(Lab, "--SiteTopology:Feed=poll"))
        {
            Modify(ServerDn("E2K10-MLT-02"), "ipHostNumber", "10.2.0.12");
            Wait.Until(() => SiteOf("E2K10-MLT-02") == NormalizeDn(SiteDn("Site-B")), "the move");
        }
        var cursorFile = Path.Combine(Lab.DataDirectory, "service", "site-topology.cursor");
        Assert.That(File.Exists(cursorFile), Is.True);
        var cursor = File.ReadAllText(cursorFile);

        Modify(ServerDn("E2K10-MLT-01"), "ipHostNumber", "10.2.0.11");
        await using var restarted = await RunningService.Start(Lab, "--SiteTopology:Feed=poll");

        Assert.That(cursor, Does.Match(@"^\d{14}\.\d{6}Z$"), "the cursor is an access-log reqStart");
        Wait.Until(() => SiteOf("E2K10-MLT-01") == NormalizeDn(SiteDn("Site-B")), "the change made while it was stopped");
        Wait.Until(() => string.CompareOrdinal(File.ReadAllText(cursorFile), cursor) > 0, "the saved cursor moved past the change made while it was stopped");
    }

    [Test]
    public async Task After_slapd_is_killed_and_servers_move_meanwhile_the_service_converges_without_a_restart()
    {
        await using var service = await RunningService.Start(Lab);

        LocalDirectory.Down(Lab.DataDirectory);
        Wait.Until(() => service.Messages.Any(m => m.StartsWith("Directory unreachable")), "the outage to be noticed");
        LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = Lab.DataDirectory });
        Modify(ServerDn("E2K10-MLT-02"), "ipHostNumber", "10.2.0.12");

        Wait.Until(() => SiteOf("E2K10-MLT-02") == NormalizeDn(SiteDn("Site-B")), "the move made after the outage", TimeSpan.FromSeconds(30));
        Assert.That(service.Messages.Count(m => m.StartsWith("Directory unreachable")), Is.EqualTo(1), "logged once per outage");
    }

    [Test]
    public async Task Two_instances_against_one_directory_give_the_result_of_one()
    {
        await using var first = await RunningService.Start(Lab);
        await using var second = await RunningService.Start(Lab, $"--SiteTopology:StateDirectory={Path.Combine(Lab.DataDirectory, "service-2")}");

        var (firstPasses, secondPasses) = (first.Updater.Passes, second.Updater.Passes);
        Modify(Partition.SubnetDn("10.1.0.0/16"), "siteObject", SiteDn("Site-B"));
        Wait.Until(() => ServerNames.All(s => SiteOf(s) == NormalizeDn(SiteDn("Site-B"))), "the servers in Site-B");
        // Both have reconciled after the change (a pass logs its moves before it counts), so neither has a write to come.
        Wait.Until(() => first.Updater.Passes > firstPasses && second.Updater.Passes > secondPasses, "a pass of each after the change");

        var moves = first.Messages.Concat(second.Messages).Count(m => m.StartsWith("Moved "));
        Assert.That(moves, Is.EqualTo(ServerNames.Length), "each server written once, by one of them");
    }
}
