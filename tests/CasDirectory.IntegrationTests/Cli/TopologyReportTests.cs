using System.Text.Json;
using System.Text.RegularExpressions;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Cli;

/// <summary>Test-CasTopology and Get-CasTopology on the sample lab: the article's misunderstandings as findings, and their fixes.</summary>
[TestFixture]
public sealed class TopologyReportTests : FreshLabTest
{
    private List<JsonElement> FindingObjects(string parameters = "")
    {
        var result = Lab.Casdir($"Test-CasTopology {parameters} | ConvertTo-Json -AsArray -EnumsAsStrings");
        Assert.That(result.ExitCode, Is.AnyOf(0, 1), result.ToString());
        return result.Output.Trim().Length == 0 ? [] : JsonDocument.Parse(result.Output).RootElement.EnumerateArray().ToList(); // no findings, no JSON
    }

    private List<(string RuleId, string Severity, string Site, string Subject, string? Fix)> Findings(string parameters = "") =>
        FindingObjects(parameters)
            .Select(f => (f.GetProperty("RuleId").GetString()!, f.GetProperty("Severity").GetString()!, f.GetProperty("Site").GetString()!,
                f.GetProperty("Subject").GetString()!, f.GetProperty("Fix").GetString()))
            .ToList();

    private void RunFixes(IEnumerable<string?> fixes)
    {
        foreach (var fix in fixes.OfType<string>().Distinct())
        {
            Assert.That(fix, Does.StartWith("casdir "));
            var result = Lab.Casdir(fix["casdir ".Length..]);
            Assert.That(result.ExitCode, Is.Zero, $"{fix}: {result}");
        }
    }

    [Test]
    public void Before_any_array_the_lab_reports_B1_and_its_databases_then_is_clean_after_the_article_steps()
    {
        var before = Lab.Casdir("Test-CasTopology");
        var findings = Findings();

        Assert.That(before.ExitCode, Is.EqualTo(1), "Test-CasTopology sets $LASTEXITCODE and casdir exits with it");
        Assert.That(before.Output, Does.Contain("Site: Site-A").And.Match(Table.Row("Warning  B1  Site-A")));
        Assert.That(before.Error, Does.Contain("WARNING: 3 findings: 0 error, 3 warning, 0 info (at or above info)."));
        Assert.That(findings.Select(f => (f.RuleId, f.Subject)), Is.EquivalentTo(new[] { ("B1", "Site-A"), ("B3-NOT-ARRAY", "MDB01"), ("B3-NOT-ARRAY", "MDB02") }));

        Lab.Casdir("New-ClientAccessArray", "-Name", "CASArray-A", "-Fqdn", "outlook.lab.local", "-Site", "Site-A");
        Lab.Casdir("Get-MailboxDatabase | Set-MailboxDatabase -RpcClientAccessServer outlook.lab.local");
        var after = Lab.Casdir("Test-CasTopology");

        Assert.That(after.ExitCode, Is.Zero, after.ToString());
        Assert.That(after.Output, Is.Empty);
    }

    [Test]
    public void Running_the_printed_fix_commands_clears_the_findings()
    {
        RunFixes(Findings().Select(f => f.Fix));

        Assert.That(Findings(), Is.Empty);
    }

    [TestCase("Set-OutlookAnywhere E2K10-MLT-01 -ExternalHostname outlook.lab.local", "Outlook Anywhere", TestName = "B4_array_fqdn_equal_to_the_Outlook_Anywhere_host_is_reported")]
    [TestCase("Set-OwaVirtualDirectory E2K10-MLT-02 -InternalUrl https://outlook.lab.local/owa", "owa URL", TestName = "B4_array_fqdn_equal_to_an_OWA_url_host_is_reported")]
    [TestCase("New-DatabaseAvailabilityGroup -Name outlook -DatabaseAvailabilityGroupIpAddresses 10.1.0.50", "DAG outlook", TestName = "B4_array_fqdn_equal_to_a_DAG_name_is_reported")]
    public void B4_clashes_are_reported_with_the_reason(string change, string what)
    {
        Lab.Casdir("New-ClientAccessArray", "-Name", "CASArray-A", "-Fqdn", "outlook.lab.local", "-Site", "Site-A");
        Lab.Casdir("Get-MailboxDatabase | Set-MailboxDatabase -RpcClientAccessServer outlook.lab.local");
        Assert.That(Lab.Casdir(change).ExitCode, Is.Zero);

        var report = Lab.Casdir("Test-CasTopology", "-MinimumSeverity", "error");

        Assert.That(report.ExitCode, Is.EqualTo(1));
        var b4 = FindingObjects("-MinimumSeverity Error").Single(f => f.GetProperty("RuleId").GetString() == "B4");
        Assert.That(report.Output, Does.Match(Table.Row("Error     B4")).And.Contain(what));
        Assert.That(b4.GetProperty("Why").GetString(), Does.Contain("The array name is for MAPI clients inside the network"));
        RunFixes(Findings("-MinimumSeverity Error").Select(f => f.Fix));
        Assert.That(Lab.Casdir("Test-CasTopology", "-MinimumSeverity", "error").ExitCode, Is.Zero, "the fix gives the array a name of its own");
    }

    [Test]
    public void After_a_server_moves_to_Site_B_the_stale_scope_cross_site_database_lost_member_and_missing_array_are_reported_and_fixed()
    {
        Lab.Casdir("New-ClientAccessArray", "-Name", "CASArray-A", "-Fqdn", "outlook.lab.local", "-Site", "Site-A");
        Lab.Casdir("Get-MailboxDatabase | Set-MailboxDatabase -RpcClientAccessServer outlook.lab.local");

        Lab.Casdir("Set-ExchangeServer", "E2K10-MLT-02", "-IPAddress", "10.2.0.12");
        var findings = Findings();

        Assert.That(findings.Select(f => (f.RuleId, f.Site, f.Subject)), Is.EquivalentTo(new[]
        {
            ("B5", "Site-B", "E2K10-MLT-02"),            // stale AutoDiscoverSiteScope
            ("B3-CROSS-SITE", "Site-B", "MDB02"),        // its database points at Site-A's array
            ("T4-LEFT-ARRAY", "Site-A", "E2K10-MLT-02"), // Site-A's array lost a member
            ("B1", "Site-B", "Site-B"),                  // Site-B has a CAS but no array
        }));
        Assert.That(findings.Select(f => f.Fix), Is.All.Not.Null);

        RunFixes(findings.OrderBy(f => f.RuleId == "B1" ? 0 : 1).Select(f => f.Fix));

        Assert.That(Findings(), Is.Empty);
        Assert.That(Lab.Casdir("Get-ClientAccessArray").Output, Does.Contain("{E2K10-MLT-01}").And.Contain("{E2K10-MLT-02}"));
    }

    [Test]
    public void Site_filter_and_minimum_severity_choose_what_is_shown_and_what_fails()
    {
        Lab.Casdir("New-ClientAccessArray", "-Name", "CASArray-B", "-Fqdn", "outlook-b.lab.local", "-Site", "Site-B");

        var siteB = Findings("-Site Site-B");
        var errors = Lab.Casdir("Test-CasTopology", "-MinimumSeverity", "error");
        var bad = Lab.Casdir("Test-CasTopology", "-MinimumSeverity", "fatal");

        Assert.That(siteB.Select(f => f.RuleId), Is.EqualTo(new[] { "B2" }), "CASArray-B has no members");
        Assert.That(errors.ExitCode, Is.EqualTo(1));
        Assert.That(errors.Output, Does.Contain("B2").And.Not.Contain("B1 "));
        Assert.That(bad.ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void The_report_reads_the_topology_with_a_fixed_number_of_searches()
    {
        var stats = Lab.Casdir("Test-CasTopology", "--stats").Error;

        // Eleven for the configuration, one for the Outlook profiles Autodiscover recorded (rule O8), whatever the size.
        Assert.That(Regex.Match(stats, @"LDAP: (\d+) searches, 0 writes").Groups[1].Value, Is.EqualTo("12"));
    }

    [Test]
    public void Get_CasTopology_draws_sites_arrays_servers_and_databases_marking_cross_site_pointers()
    {
        Lab.Casdir("New-ClientAccessArray", "-Name", "CASArray-A", "-Fqdn", "outlook.lab.local", "-Site", "Site-A");
        Lab.Casdir("Get-MailboxDatabase | Set-MailboxDatabase -RpcClientAccessServer outlook.lab.local");
        Lab.Casdir("Set-ExchangeServer", "E2K10-MLT-02", "-IPAddress", "10.2.0.12");

        var tree = Lab.Casdir("Get-CasTopology", "-Format", "tree").Output;
        var mermaid = Lab.Casdir("Get-CasTopology", "-Format", "mermaid").Output;
        var dot = Lab.Casdir("Get-CasTopology", "-Format", "dot").Output;

        Assert.That(tree, Does.Contain("Site Site-A  (10.1.0.0/16)").And.Contain("Array CASArray-A  outlook.lab.local  members {E2K10-MLT-01}"));
        Assert.That(tree, Does.Contain("Database MDB01  -> outlook.lab.local\n"));
        Assert.That(tree, Does.Contain("Database MDB02  -> outlook.lab.local  [cross-site: Site-A]"));
        Assert.That(tree.IndexOf("Site Site-B", StringComparison.Ordinal), Is.LessThan(tree.IndexOf("Server E2K10-MLT-02", StringComparison.Ordinal)));
        Assert.That(mermaid, Does.StartWith("flowchart TD").And.Contain("db_MDB02 -. \"RpcClientAccessServer (cross-site: Site-A)\" .-> array_CASArray_A"));
        Assert.That(dot, Does.StartWith("digraph").And.Contain("\"db:MDB02\" -> \"array:CASArray-A\"").And.Contain("cross-site"));
    }

    [Test]
    public void Get_CasTopology_marks_a_pointer_to_a_removed_array_as_stale()
    {
        Lab.Casdir("New-ClientAccessArray", "-Name", "CASArray-A", "-Fqdn", "outlook.lab.local", "-Site", "Site-A");
        Lab.Casdir("Set-MailboxDatabase", "MDB01", "-RpcClientAccessServer", "outlook.lab.local");
        Lab.Casdir("Remove-ClientAccessArray", "CASArray-A", "-Confirm:$false");

        Assert.That(Lab.Casdir("Get-CasTopology").Output, Does.Contain("Database MDB01  -> outlook.lab.local  [stale: no such server or array]"));
        Assert.That(Findings().Select(f => (f.RuleId, f.Subject)), Does.Contain(("B3-MISSING", "MDB01")));
    }
}
