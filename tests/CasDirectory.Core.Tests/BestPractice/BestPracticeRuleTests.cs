using CasDirectory.Core.BestPractice;
using CasDirectory.Core.BestPractice.Rules;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Servers;
using NUnit.Framework;

namespace CasDirectory.Core.Tests.BestPractice;

/// <summary>Each rule with a topology that triggers it and one that does not (docs/rules.md, B1–B6 and T4).</summary>
public sealed class BestPracticeRuleTests
{
    private static IReadOnlyList<Finding> Run(ITopologyRule rule, TopologyBuilder topology) => rule.Evaluate(topology.Build()).ToList();

    [Test]
    public void The_healthy_lab_has_no_findings() =>
        Assert.That(BestPracticeRules.Evaluate(TopologyBuilder.HealthyLab().Build()), Is.Empty);

    [Test]
    public void A_snapshot_changed_with_with_looks_things_up_in_its_own_collections()
    {
        var lab = TopologyBuilder.HealthyLab().Build();
        Assert.That(lab.Server("E2K10-MLT-01"), Is.Not.Null);

        var withoutServers = lab with { Servers = [] };

        Assert.That(withoutServers.Server("E2K10-MLT-01"), Is.Null);
        Assert.That(BestPracticeRules.Evaluate(withoutServers).Select(f => f.RuleId), Does.Contain("B2"), "the array lost its members");
    }

    [Test]
    public void INCOMPLETE_a_half_created_server_is_reported_and_is_no_array_member()
    {
        var lab = TopologyBuilder.HealthyLab().Build();
        var half = lab with { Servers = lab.Servers.Select(s => s.Name == "E2K10-MLT-02" ? s with { Provisioning = ProvisioningState.Creating } : s).ToList() };

        var finding = new IncompleteObjectRule().Evaluate(half).Single();

        Assert.That(finding.Subject, Is.EqualTo("E2K10-MLT-02"));
        Assert.That(finding.Message, Does.Contain("half-created"));
        Assert.That(finding.Fix, Does.Contain("-Resume"));
        Assert.That(half.Members(half.Arrays[0]).Select(m => m.Name), Does.Not.Contain("E2K10-MLT-02"));
    }

    [Test]
    public void INCOMPLETE_a_half_removed_server_is_reported_with_the_command_that_finishes_the_removal()
    {
        var lab = TopologyBuilder.HealthyLab().Build();
        var half = lab with { Servers = lab.Servers.Select(s => s.Name == "E2K10-MLT-02" ? s with { Provisioning = ProvisioningState.Removing } : s).ToList() };

        Assert.That(new IncompleteObjectRule().Evaluate(half).Single().Fix, Is.EqualTo("casdir Remove-ExchangeServer E2K10-MLT-02 -Confirm:$false"));
    }

    [Test]
    public void INCOMPLETE_a_database_without_a_copy_is_reported()
    {
        var lab = TopologyBuilder.HealthyLab().Build();
        var half = lab with { Databases = lab.Databases.Select(d => d with { CopyServerNames = [] }).Take(1).ToList() };

        Assert.That(new IncompleteObjectRule().Evaluate(half).Single().Message, Does.Contain("has no copy"));
    }

    [Test]
    public void MALFORMED_each_unreadable_entry_is_reported()
    {
        var lab = TopologyBuilder.HealthyLab().Build() with
        {
            Malformed = [new Topology.MalformedObject("CN=garbage,CN=Subnets,CN=Sites,CN=Configuration,DC=lab,DC=local", "cn", "garbage", "not a CIDR")],
        };

        var finding = new MalformedObjectRule().Evaluate(lab).Single();

        Assert.That(finding.Subject, Is.EqualTo("garbage"));
        Assert.That(finding.Message, Does.Contain("cn 'garbage': not a CIDR"));
    }

    [Test]
    public void A2_a_site_with_two_arrays_is_reported_naming_the_later_one()
    {
        var topology = TopologyBuilder.HealthyLab().Array("CASArray-A2", "outlook2.lab.local", "Site-A", DateTimeOffset.MaxValue.AddDays(-1));

        var finding = Run(new TwoArraysInSiteRule(), topology).Single();

        Assert.That(finding.Subject, Is.EqualTo("CASArray-A2"));
        Assert.That(finding.Fix, Is.EqualTo("casdir Remove-ClientAccessArray CASArray-A2 -Confirm:$false"));
    }

    [Test]
    public void Every_rule_has_a_distinct_stable_id() =>
        Assert.That(BestPracticeRules.All.Select(r => r.Id), Is.Unique.And.All.Matches<string>(id => id.Length > 0));

    [Test]
    public void B1_a_site_with_2010_Mailbox_servers_and_no_array_is_reported_with_the_command_that_creates_one()
    {
        var topology = new TopologyBuilder().Site("Site-A").Cas("E2K10-MLT-01", "Site-A").Database("MDB01", "E2K10-MLT-01", "E2K10-MLT-01");

        var finding = Run(new SiteWithoutArrayRule(), topology).Single();

        Assert.That(finding.Severity, Is.EqualTo(Severity.Warning));
        Assert.That(finding.Message, Does.Contain("Site-A").And.Contain("E2K10-MLT-01"));
        Assert.That(finding.Fix, Is.EqualTo("casdir New-ClientAccessArray -Name CASArray-Site-A -Fqdn outlook-site-a.lab.local -Site Site-A"));
    }

    [Test]
    public void B1_does_not_apply_to_a_site_with_an_array_or_with_only_older_servers()
    {
        Assert.That(Run(new SiteWithoutArrayRule(), TopologyBuilder.HealthyLab()), Is.Empty);
        Assert.That(Run(new SiteWithoutArrayRule(), new TopologyBuilder().Site("Site-C").Server("E2K7-01", "Site-C", ServerRoles.Mailbox, "8.3.83.6")), Is.Empty);
    }

    [Test]
    public void B2_an_array_without_members_is_an_error()
    {
        var topology = TopologyBuilder.HealthyLab().Array("CASArray-B", "outlook-b.lab.local", "Site-B");

        var finding = Run(new ArrayWithoutMembersRule(), topology).Single();

        Assert.That(finding.Subject, Is.EqualTo("CASArray-B"));
        Assert.That(finding.Severity, Is.EqualTo(Severity.Error));
    }

    [Test]
    public void B2_an_array_with_a_2010_member_is_fine_but_a_2007_CAS_does_not_count()
    {
        Assert.That(Run(new ArrayWithoutMembersRule(), TopologyBuilder.HealthyLab()), Is.Empty);
        var only2007 = new TopologyBuilder().Site("Site-C").Server("E2K7-01", "Site-C", ServerRoles.ClientAccess, "8.3.83.6").Array("CASArray-C", "outlook-c.lab.local", "Site-C");
        Assert.That(Run(new ArrayWithoutMembersRule(), only2007), Has.Count.EqualTo(1));
    }

    [Test]
    public void B3_a_database_pointing_at_a_removed_server_is_an_error()
    {
        var topology = TopologyBuilder.HealthyLab().Database("MDB03", "E2K10-MLT-01", "E2K10-GONE");

        var finding = Run(new DatabasePointsAtMissingObjectRule(), topology).Single();

        Assert.That(finding.Message, Does.Contain("MDB03").And.Contain("E2K10-GONE"));
        Assert.That(finding.Fix, Is.EqualTo("casdir Set-MailboxDatabase MDB03 -RpcClientAccessServer outlook.lab.local"));
        Assert.That(Run(new DatabasePointsAtMissingObjectRule(), TopologyBuilder.HealthyLab()), Is.Empty);
    }

    [Test]
    public void B3_a_database_pointing_at_a_Mailbox_only_server_is_an_error()
    {
        var topology = TopologyBuilder.HealthyLab().Server("MBX-A3", "Site-A", ServerRoles.Mailbox).Database("MDB03", "MBX-A3", "MBX-A3");

        var finding = Run(new DatabasePointsAtMailboxServerRule(), topology).Single();

        Assert.That(finding.Subject, Is.EqualTo("MDB03"));
        Assert.That(Run(new DatabasePointsAtMailboxServerRule(), TopologyBuilder.HealthyLab()), Is.Empty);
    }

    [Test]
    public void B3_a_database_pointing_into_another_site_is_reported()
    {
        var topology = TopologyBuilder.HealthyLab().Cas("E2K10-B1", "Site-B").Database("MDB10", "E2K10-B1", "CASArray-A");

        var finding = Run(new DatabasePointsAcrossSitesRule(), topology).Single();

        Assert.That(finding.Site, Is.EqualTo("Site-B"));
        Assert.That(finding.Message, Does.Contain("outlook.lab.local in site Site-A"));
        Assert.That(finding.Fix, Is.EqualTo("casdir Set-MailboxDatabase MDB10 -RpcClientAccessServer outlook-site-b.lab.local"), "the array B1 tells to create");
        Assert.That(Run(new DatabasePointsAcrossSitesRule(), TopologyBuilder.HealthyLab()), Is.Empty);
    }

    [Test]
    public void B3_a_database_naming_a_server_when_its_site_has_an_array_is_reported()
    {
        var topology = TopologyBuilder.HealthyLab().Database("MDB03", "E2K10-MLT-01", "E2K10-MLT-01");

        var finding = Run(new DatabaseNotBehindArrayRule(), topology).Single();

        Assert.That(finding.Fix, Is.EqualTo("casdir Set-MailboxDatabase MDB03 -RpcClientAccessServer outlook.lab.local"));
        Assert.That(Run(new DatabaseNotBehindArrayRule(), TopologyBuilder.HealthyLab()), Is.Empty);
    }

    [TestCase("https://outlook.lab.local/rpc", null, "Outlook Anywhere external host name", TestName = "B4_an_array_fqdn_equal_to_the_Outlook_Anywhere_host_is_an_error")]
    [TestCase(null, "https://outlook.lab.local/owa", "owa URL", TestName = "B4_an_array_fqdn_equal_to_an_OWA_url_host_is_an_error")]
    public void B4_web_service_names(string? outlookAnywhere, string? owa, string what)
    {
        var topology = TopologyBuilder.HealthyLab();
        if (outlookAnywhere is not null) topology.VirtualDirectory(VirtualDirectoryKind.OutlookAnywhere, "E2K10-MLT-02", null, outlookAnywhere);
        if (owa is not null) topology.VirtualDirectory(VirtualDirectoryKind.Owa, "E2K10-MLT-02", null, owa);

        var finding = Run(new ArrayFqdnClashRule(), topology).Single();

        Assert.That(finding.Message, Does.Contain(what));
        Assert.That(finding.Fix, Is.EqualTo("casdir Set-ClientAccessArray CASArray-A -Fqdn outlook-site-a.lab.local"));
    }

    [Test]
    public void B4_an_array_named_like_a_DAG_or_a_server_is_an_error()
    {
        Assert.That(Run(new ArrayFqdnClashRule(), TopologyBuilder.HealthyLab().Dag("outlook")).Single().Message, Does.Contain("DAG outlook"));
        var serverName = new TopologyBuilder().Site("Site-A").Cas("E2K10-MLT-01", "Site-A").Array("CASArray-A", "E2K10-MLT-01.lab.local", "Site-A");
        Assert.That(Run(new ArrayFqdnClashRule(), serverName).Single().Message, Does.Contain("server E2K10-MLT-01's own name"));
    }

    [Test]
    public void B4_a_distinct_array_fqdn_is_fine() =>
        Assert.That(Run(new ArrayFqdnClashRule(), TopologyBuilder.HealthyLab().Dag("DAG01")), Is.Empty);

    [Test]
    public void B5_a_scope_that_misses_the_servers_site_is_reported_with_the_fix()
    {
        var topology = TopologyBuilder.HealthyLab().Cas("E2K10-B1", "Site-B", scpSite: "Site-A");

        var finding = Run(new AutodiscoverSiteScopeRule(), topology).Single();

        Assert.That(finding.Fix, Is.EqualTo("casdir Set-ClientAccessServer E2K10-B1 -AutoDiscoverSiteScope Site-B"));
        Assert.That(Run(new AutodiscoverSiteScopeRule(), TopologyBuilder.HealthyLab()), Is.Empty);
    }

    [Test]
    public void B6_a_database_older_than_its_sites_array_that_does_not_use_it_is_the_tell_tale()
    {
        var topology = TopologyBuilder.HealthyLab().Database("MDB00", "E2K10-MLT-01", "E2K10-MLT-01", created: new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero));

        var finding = Run(new DatabaseOlderThanArrayRule(), topology).Single();

        Assert.That(finding.Subject, Is.EqualTo("MDB00"));
        Assert.That(finding.Severity, Is.EqualTo(Severity.Info));
        Assert.That(Run(new DatabaseOlderThanArrayRule(), TopologyBuilder.HealthyLab()), Is.Empty, "younger databases and ones that use the array are fine");
    }

    [Test]
    public void T4_a_Client_Access_server_that_moved_away_has_left_its_array()
    {
        var topology = TopologyBuilder.HealthyLab().Cas("E2K10-MLT-03", "Site-B", scpSite: "Site-A");

        var finding = Run(new ServerLeftArrayRule(), topology).Single();

        Assert.That(finding.Site, Is.EqualTo("Site-A"));
        Assert.That(finding.Message, Does.Contain("no longer a member of CASArray-A").And.Contain("keeps E2K10-MLT-01, E2K10-MLT-02"));
        Assert.That(Run(new ServerLeftArrayRule(), TopologyBuilder.HealthyLab()), Is.Empty);
    }

    [Test]
    public void T4_a_Mailbox_server_with_no_2010_Client_Access_server_in_its_site_is_reported()
    {
        var topology = TopologyBuilder.HealthyLab().Site("Site-C").Server("MBX-C1", "Site-C", ServerRoles.Mailbox);

        Assert.That(Run(new MailboxWithoutClientAccessRule(), topology).Single().Subject, Is.EqualTo("MBX-C1"));
        Assert.That(Run(new MailboxWithoutClientAccessRule(), TopologyBuilder.HealthyLab()), Is.Empty);
    }

    [Test]
    public void Findings_come_grouped_by_site_most_severe_first_and_filter_by_site_and_severity()
    {
        var topology = TopologyBuilder.HealthyLab().Array("CASArray-B", "outlook-b.lab.local", "Site-B").Site("Site-C").Server("MBX-C1", "Site-C", ServerRoles.Mailbox).Build();

        var all = BestPracticeRules.Evaluate(topology);
        var errors = BestPracticeRules.Evaluate(topology, minimum: Severity.Error);
        var siteC = BestPracticeRules.Evaluate(topology, site: "Site-C");

        Assert.That(all.Select(f => f.Site), Is.Ordered);
        foreach (var site in all.GroupBy(f => f.Site))
            Assert.That(site.Select(f => f.Severity), Is.Ordered.Descending, $"most severe first within {site.Key}");
        Assert.That(all.Select(f => f.Severity).Distinct().Count(), Is.GreaterThan(1), "the topology has findings of several severities to order");
        Assert.That(errors.Select(f => f.RuleId), Is.EqualTo(new[] { "B2" }));
        Assert.That(siteC.Select(f => f.Site), Is.All.EqualTo("Site-C"));
    }
}
