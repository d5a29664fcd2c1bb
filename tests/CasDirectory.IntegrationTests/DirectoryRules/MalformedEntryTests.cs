using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>
/// Malformed entries are data, not crashes (docs/rules.md): garbage only the rootdn can write (with the Relax control
/// past the value rules) is left out by every verb with one warning, and Test-CasTopology reports each.
/// </summary>
[TestFixture]
public sealed class MalformedEntryTests : SharedLabTest
{
    private const string Admin = DirectoryAccounts.Admin;
    private const string DanglingLegacyDn = "/o=First Organization/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=GONE-01/cn=Microsoft Private MDB";

    [OneTimeSetUp]
    public void WriteGarbageAsTheRootdn()
    {
        var subnet = Lab.Tools.Add(Admin, $"dn: CN=garbage,{Partition.SubnetsDn}\nobjectClass: top\nobjectClass: subnet\ncn: garbage\n", "-e", "relax");
        var version = Lab.Tools.Modify(Admin, ReplaceLdif(ServerDn("E2K7-MLT-02"), "serialNumber", "not a version"), "-e", "relax");
        var dangling = Lab.Tools.Modify(Admin, ReplaceLdif(Partition.DatabaseDn("MDB02"), "legacyExchangeDN", DanglingLegacyDn));
        Assert.That(new[] { subnet.ExitCode, version.ExitCode, dangling.ExitCode }, Is.All.Zero, $"{subnet}\n{version}\n{dangling}");
    }

    [TestCase("Get-ADReplicationSubnet", "10.1.0.0/16", TestName = "Get_ADReplicationSubnet_lists_the_good_subnets_and_warns_about_the_bad_one")]
    [TestCase("Get-ExchangeServer", "E2K10-MLT-01", TestName = "Get_ExchangeServer_lists_the_servers_and_warns_about_the_bad_version")]
    [TestCase("Get-MailboxDatabase", "MDB02", TestName = "Get_MailboxDatabase_lists_the_database_that_points_nowhere")]
    [TestCase("Get-ClientAccessServer", "E2K10-MLT-02", TestName = "Get_ClientAccessServer_still_runs")]
    [TestCase("Get-CasTopology", "Site-A", TestName = "Get_CasTopology_still_runs")]
    public void Every_verb_still_runs(string verb, string expected)
    {
        var result = Lab.Casdir(verb);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain(expected));
        Assert.That(result.Error + result.Output, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void A_verb_warns_once_about_what_it_skipped()
    {
        var result = Lab.Casdir("Get-ADReplicationSubnet; Get-ADReplicationSubnet");

        var everything = (result.Output + result.Error).ToLowerInvariant();
        Assert.That(everything.Split("warning: skipped cn=garbage,").Length - 1, Is.EqualTo(1), result.ToString());
        Assert.That(everything, Does.Contain("cn 'garbage': a subnet is named by its cidr"));
    }

    [Test]
    public void A_server_can_still_be_placed_by_its_address()
    {
        var result = Lab.Casdir("New-ExchangeServer -Name E2K10-X1 -Roles Mailbox -Version 14.2.247.5 -IPAddress 10.1.0.77 -WhatIf");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output + result.Error, Does.Contain("in site \"Site-A\""));
    }

    [Test]
    public void Test_CasTopology_reports_each()
    {
        var result = Lab.Casdir("Test-CasTopology");

        Assert.That(result.ExitCode, Is.EqualTo(1), "findings set the exit code");
        Assert.That(result.Output, Does.Contain("MALFORMED").And.Contain("garbage"));
        Assert.That(result.Output, Does.Contain("MALFORMED").And.Contain("E2K7-MLT-02"));
        Assert.That(result.Output, Does.Contain("MDB02").And.Contain("GONE-01"));
    }
}
