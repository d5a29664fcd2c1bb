using System.Net;
using CasDirectory.Core.BestPractice;
using CasDirectory.Core.BestPractice.Rules;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Servers;
using CasDirectory.Core.Sites;
using NUnit.Framework;

namespace CasDirectory.Core.Tests.BestPractice;

/// <summary>DANGLING: what a write lost in a failover leaves — a reference to an object the directory does not hold.</summary>
[TestFixture]
public sealed class DanglingReferenceRuleTests
{
    private static IReadOnlyList<Finding> Run(Topology.TopologySnapshot topology) => new DanglingReferenceRule().Evaluate(topology).ToList();

    [Test]
    public void A_healthy_lab_has_no_dangling_reference() =>
        Assert.That(Run(TopologyBuilder.HealthyLab().Build()), Is.Empty);

    [Test]
    public void A_server_in_a_site_that_does_not_exist_is_reported_with_the_attribute_and_the_site()
    {
        var topology = TopologyBuilder.HealthyLab().Cas("E2K10-MLT-09", "Site-Lost").Build();

        var finding = Run(topology).Single();

        Assert.That(finding.RuleId, Is.EqualTo("DANGLING"));
        Assert.That(finding.Severity, Is.EqualTo(Severity.Error));
        Assert.That(finding.Subject, Is.EqualTo("E2K10-MLT-09"));
        Assert.That(finding.Message, Is.EqualTo("Exchange server E2K10-MLT-09 names site Site-Lost in msExchServerSite, which does not exist."));
        Assert.That(finding.Fix, Does.StartWith("casdir New-ADReplicationSite Site-Lost"));
    }

    [Test]
    public void An_array_in_a_site_that_does_not_exist_is_reported_with_its_removal() =>
        Assert.That(Run(TopologyBuilder.HealthyLab().Array("CASArray-X", "outlook-x.lab.local", "Site-Lost").Build()).Single(),
            Has.Property("Subject").EqualTo("CASArray-X").And.Property("Fix").StartsWith("casdir Remove-ClientAccessArray CASArray-X"));

    [Test]
    public void A_subnet_whose_site_does_not_exist_is_reported()
    {
        var topology = TopologyBuilder.HealthyLab().Build() with
        {
            Subnets = [new AdSubnet(IPNetwork.Parse("10.9.0.0/16"), "Site-Lost"), new AdSubnet(IPNetwork.Parse("10.1.0.0/16"), "Site-A")],
        };

        var finding = Run(topology).Single();

        Assert.That(finding.Message, Is.EqualTo("Subnet 10.9.0.0/16 names site Site-Lost in siteObject, which does not exist."));
    }

    [Test]
    public void A_database_whose_owning_server_does_not_exist_is_reported()
    {
        var topology = TopologyBuilder.HealthyLab().Database("MDB-LOST", "E2K10-GONE", "CASArray-A").Build();

        var finding = Run(topology).Single();

        Assert.That(finding.Subject, Is.EqualTo("MDB-LOST"));
        Assert.That(finding.Message, Does.Contain("server E2K10-GONE in msExchOwningServer"));
    }

    [Test]
    public void A_server_in_a_DAG_that_does_not_exist_and_a_database_whose_master_does_not_exist_are_reported()
    {
        var built = TopologyBuilder.HealthyLab().Build();
        var server = built.Servers[0] with { DatabaseAvailabilityGroupName = "DAG-LOST" };
        var database = built.Databases[0] with { MasterServerOrAvailabilityGroup = "DAG-LOST" };
        var topology = built with { Servers = [server, .. built.Servers.Skip(1)], Databases = [database, .. built.Databases.Skip(1)] };

        var findings = Run(topology);

        Assert.That(findings.Select(f => f.Message), Is.EquivalentTo(new[]
        {
            $"Exchange server {server.Name} names database availability group DAG-LOST in msExchMDBAvailabilityGroupLink, which does not exist.",
            $"Database {database.Name} names server or DAG DAG-LOST in msExchMasterServerOrAvailabilityGroup, which does not exist.",
        }));
    }

    [Test]
    public void A_reference_to_an_existing_DAG_or_master_server_is_not_reported()
    {
        var built = TopologyBuilder.HealthyLab().Dag("DAG1").Build();
        var server = built.Servers[0] with { DatabaseAvailabilityGroupName = "dag1" };
        var database = built.Databases[0] with { MasterServerOrAvailabilityGroup = built.Servers[0].Name };

        Assert.That(Run(built with { Servers = [server, .. built.Servers.Skip(1)], Databases = [database, .. built.Databases.Skip(1)] }), Is.Empty);
    }

    [Test]
    public void The_rule_engine_runs_it() =>
        Assert.That(BestPracticeRules.All.OfType<DanglingReferenceRule>().Count(), Is.EqualTo(1));
}
