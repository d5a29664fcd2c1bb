using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Cli;

/// <summary>casdir -File: one command per line over one connection; stops at the first error and names its line.</summary>
[TestFixture]
public sealed class ScriptModeTests : FreshLabTest
{
    private ProcessResult RunScript(string script, params string[] extra)
    {
        using var folder = new TemporaryFolder();
        var file = folder.Combine("provision.txt");
        File.WriteAllText(file, script);
        return Lab.Casdir(["-File", file, .. extra]);
    }

    private const string Provision = """
        # Site-C with its own array and servers
        New-ADReplicationSite -Name Site-C
        New-ADReplicationSubnet -Name 10.3.0.0/16 -Site Site-C
        New-ClientAccessArray -Name CASArray-C -Fqdn outlook-c.lab.local -Site Site-C
        New-ExchangeServer -Name E2K10-C1 -Roles Mailbox,ClientAccess,HubTransport -Version 14.2.247.5 -IPAddress 10.3.0.11
        New-MailboxDatabase -Name MDB-C1 -Server E2K10-C1

        Get-MailboxDatabase MDB-C1 | select name,rpcclientaccessserver
        """;

    [Test]
    public void A_script_provisions_line_by_line_over_one_connection()
    {
        var result = RunScript(Provision, "--stats");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Match(Table.Row("RpcClientAccessServer  : outlook-c.lab.local")), "D1(a): the array of the database server's site");
        Assert.That(Lab.Casdir("Get-ClientAccessArray", "CASArray-C").Output, Does.Contain("{E2K10-C1}"));
        Assert.That(result.Error, Does.Match(@"LDAP: \d+ searches, \d+ writes"));
    }

    [Test]
    public void A_script_stops_at_the_first_error_and_names_its_line()
    {
        var result = RunScript("""
            New-ADReplicationSite -Name Site-C
            New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-Z
            New-ADReplicationSite -Name Site-D
            """);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("provision.txt:2: New-ClientAccessArray: The site 'Site-Z' was not found."));
        Assert.That(Lab.Casdir("Get-ADReplicationSite").Output, Does.Contain("Site-C").And.Not.Contain("Site-D"));
    }

    [Test]
    public void With_ErrorAction_Continue_a_script_goes_on_and_still_fails_at_the_end()
    {
        var result = RunScript("""
            New-ADReplicationSite -Name Site-C
            New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-Z
            New-ADReplicationSite -Name Site-D
            """, "-ErrorAction", "Continue");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("provision.txt:2:"));
        Assert.That(Lab.Casdir("Get-ADReplicationSite").Output, Does.Contain("Site-D"));
    }

    [Test]
    public void A_usage_error_in_a_script_exits_with_2()
    {
        var result = RunScript("New-ClientAccessArray -Fqdn outlook.lab.local\n");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("provision.txt:1:").And.Contain("missing mandatory parameters: Site"));
    }

    [Test]
    public void A_script_can_come_from_standard_input()
    {
        var result = Lab.CasdirProcess(["-File", "-"], "New-ADReplicationSite -Name Site-C\nGet-ADReplicationSite Site-C\n");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("CN=Site-C,CN=Sites"));
    }
}
