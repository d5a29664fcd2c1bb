using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.AutodiscoverClient;

namespace CasDirectory.IntegrationTests.Service.Autodiscover;

/// <summary>
/// The walk-through of "Demystifying the CAS Array Object" (README, "What Outlook sees"), step by step against the lab:
/// before the array a profile names E2K10-MLT-01; creating the array changes nothing for existing databases (A4);
/// re-pointing the database gives new profiles the array while old ones are reported stale (truth 5, rule O8); public
/// folders still go to the Mailbox server; a repaired profile takes the array.
/// </summary>
[TestFixture]
public sealed class WhatOutlookSeesTests : FreshLabTest
{
    private AutodiscoverClient _client = null!;

    [SetUp]
    public async Task StartService() => _client = await AutodiscoverClient.Start(Lab);

    [TearDown]
    public async Task StopService() => await _client.DisposeAsync();

    private string Casdir(string line)
    {
        var result = Lab.Casdir(line);
        Assert.That(result.ExitCode, Is.Zero, $"{line}: {result}");
        return result.Output;
    }

    /// <summary>The mailboxes Test-CasTopology reports a stale Outlook profile for (rule O8).</summary>
    private IReadOnlyList<string> StaleProfiles() =>
        Lab.Casdir("Test-CasTopology | ? RuleId -eq O8 | % Subject").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private string? RecordedServer(string name) =>
        Lab.Tools.Entries(Ldap.Local.DirectoryAccounts.Reader, $"CN={name},CN=Users,{Lab.Partition.DomainDn}", "(objectClass=*)", "base", "casdirProfileRpcServer").Single().Value("casdirProfileRpcServer");

    [Test]
    public async Task The_articles_lab_step_by_step()
    {
        Casdir("New-PublicFolderDatabase -Name PFDB01 -Server E2K10-MLT-02");
        Casdir("Set-MailboxDatabase MDB01 -PublicFolderDatabase PFDB01");

        // 1. Before the array, a profile names the database's own server.
        var first = await _client.Pox("alex@lab.local");
        Assert.That(Protocol(first, "EXCH", "Server"), Is.EqualTo("E2K10-MLT-01.lab.local").IgnoreCase);
        Assert.That(RecordedServer("Alex Darrow"), Is.EqualTo("E2K10-MLT-01.lab.local").IgnoreCase, "the profile made from the first answer");

        // 2. The array is created: nothing changes for existing databases (A4), so nothing is stale.
        Casdir("New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-A");
        Assert.That(Protocol(await _client.Pox("alex@lab.local"), "EXCH", "Server"), Is.EqualTo("E2K10-MLT-01.lab.local").IgnoreCase);
        Assert.That(StaleProfiles(), Is.Empty);

        // 3. Set-MailboxDatabase re-points MDB01: a new profile (Ben's first) gets the array; Alex's keeps the server.
        Casdir("Set-MailboxDatabase MDB01 -RpcClientAccessServer outlook.lab.local");
        var ben = await _client.Pox("ben@lab.local", user: "ben@lab.local");
        var alex = await _client.Pox("alex@lab.local");
        Assert.That(Protocol(ben, "EXCH", "Server"), Is.EqualTo("outlook.lab.local"));
        Assert.That(Protocol(alex, "EXCH", "Server"), Is.EqualTo("outlook.lab.local"), "Autodiscover answers the array to everyone now");
        Assert.That(RecordedServer("Ben Andrews"), Is.EqualTo("outlook.lab.local"));
        Assert.That(RecordedServer("Alex Darrow"), Is.EqualTo("E2K10-MLT-01.lab.local").IgnoreCase, "truth 5: a profile keeps its server while that server answers");
        Assert.That(StaleProfiles(), Is.EqualTo(new[] { "Alex Darrow" }));
        var fix = Lab.Casdir("Test-CasTopology | ? RuleId -eq O8 | % Fix").Output;
        Assert.That(fix, Does.Contain("Reset-OutlookProfile \"Alex Darrow\""));

        // 4. Public folders still go to the Mailbox server, never the array.
        Assert.That(Protocol(alex, "EXCH", "PublicFolderServer"), Is.EqualTo("E2K10-MLT-02.lab.local").IgnoreCase);

        // 5. The client's-eye view says the same: the array for mail, the server for public folders, the stale profile.
        var view = Lab.Json("Test-OutlookWebServices alex -ClientSite Site-A");
        var rows = view.EnumerateArray().ToDictionary(r => r.GetProperty("Protocol").GetString()!, r => r);
        Assert.That(rows["Mailbox"].GetProperty("Name").GetString(), Is.EqualTo("outlook.lab.local"));
        Assert.That(rows["Mailbox"].GetProperty("OnCertificate").GetBoolean(), Is.False, "truth 3");
        Assert.That(rows["Mailbox"].GetProperty("ExternalDns").GetBoolean(), Is.False, "truth 4");
        Assert.That(rows["PublicFolders"].GetProperty("Name").GetString(), Is.EqualTo("E2K10-MLT-02.lab.local").IgnoreCase);
        Assert.That(rows["Profile"].GetProperty("Type").GetString(), Is.EqualTo("Warning"));

        // 6. The fix the article gives: repair (recreate) the profile; the next answer is recorded afresh.
        Casdir("Reset-OutlookProfile alex");
        await _client.Pox("alex@lab.local");
        Assert.That(RecordedServer("Alex Darrow"), Is.EqualTo("outlook.lab.local"));
        Assert.That(StaleProfiles(), Is.Empty);
    }

    [Test]
    public async Task A_move_to_a_database_behind_another_endpoint_updates_the_profile()
    {
        await _client.Pox("alex@lab.local");
        Casdir("New-MoveRequest alex -TargetDatabase MDB02");

        await _client.Pox("alex@lab.local");

        Assert.That(RecordedServer("Alex Darrow"), Is.EqualTo("E2K10-MLT-02.lab.local").IgnoreCase, "a move prompts a restart and the profile takes the new server");
        Assert.That(StaleProfiles(), Is.Empty);
    }

    [Test]
    public async Task A_profile_whose_server_left_is_reported_until_the_next_answer_rewrites_it()
    {
        Casdir("New-ExchangeServer -Name E2K10-C3 -Roles ClientAccess -Version 14.2.247.5 -IPAddress 10.1.0.31");
        Casdir("Set-MailboxDatabase MDB02 -RpcClientAccessServer E2K10-C3.lab.local");
        await _client.Pox("cara@lab.local", user: "cara@lab.local");
        Casdir("Set-MailboxDatabase MDB02 -RpcClientAccessServer E2K10-MLT-02.lab.local");
        Casdir("Remove-ExchangeServer E2K10-C3 -Confirm:$false");

        var reported = Lab.Casdir("Test-CasTopology | ? RuleId -eq O8 | % Message").Output;
        await _client.Pox("cara@lab.local", user: "cara@lab.local");

        Assert.That(reported, Does.Contain("E2K10-C3.lab.local is no longer in the directory").IgnoreCase);
        Assert.That(RecordedServer("Cara Lee"), Is.EqualTo("E2K10-MLT-02.lab.local").IgnoreCase, "Outlook fails over to Autodiscover when its server is gone");
        Assert.That(StaleProfiles(), Is.Empty);
    }

    [Test]
    public void From_outside_Autodiscover_goes_by_DNS_and_the_array_is_named_only_inside_the_tunnel()
    {
        Casdir("New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-A");
        Casdir("Set-MailboxDatabase MDB01 -RpcClientAccessServer outlook.lab.local");

        var rows = Lab.Json("Test-OutlookWebServices alex -External").EnumerateArray().ToDictionary(r => r.GetProperty("Protocol").GetString()!, r => r);

        Assert.That(rows["Autodiscover"].GetProperty("Name").GetString(), Is.EqualTo("autodiscover.lab.local"));
        Assert.That(rows["Autodiscover"].GetProperty("ExternalDns").GetBoolean(), Is.True);
        Assert.That(rows["OutlookAnywhere"].GetProperty("Name").GetString(), Is.EqualTo("webmail.lab.local"));
        Assert.That(rows["OutlookAnywhere"].GetProperty("OnCertificate").GetBoolean(), Is.True);
        Assert.That(rows["Mailbox"].GetProperty("Name").GetString(), Is.EqualTo("outlook.lab.local"));
        Assert.That(rows["Mailbox"].GetProperty("ExternalDns").GetBoolean(), Is.False);
        Assert.That(rows["Mailbox"].GetProperty("Message").GetString(), Does.StartWith("[EXPR]-"));
    }

    [Test]
    public void Inside_the_SCP_of_the_clients_site_comes_first()
    {
        Casdir("New-ADReplicationSite Site-C");
        Casdir("New-ADReplicationSubnet 10.3.0.0/16 Site-C");
        Casdir("New-ExchangeServer -Name CAS-C1 -Roles ClientAccess -Version 14.2.247.5 -IPAddress 10.3.0.11");

        var inC = Lab.Json("Test-OutlookWebServices alex -ClientIPAddress 10.3.0.50").EnumerateArray().First(r => r.GetProperty("Protocol").GetString() == "Autodiscover");
        var inA = Lab.Json("Test-OutlookWebServices alex -ClientSite Site-A").EnumerateArray().First(r => r.GetProperty("Protocol").GetString() == "Autodiscover");

        Assert.That(inC.GetProperty("Name").GetString(), Is.EqualTo("CAS-C1.lab.local").IgnoreCase);
        Assert.That(inC.GetProperty("Source").GetString(), Does.Contain("scoped to Site-C"));
        Assert.That(inA.GetProperty("Name").GetString(), Is.EqualTo("E2K10-MLT-01.lab.local").IgnoreCase);
    }

    [Test]
    public void Test_OutlookWebServices_needs_a_mailbox_and_refuses_a_site_from_outside()
    {
        var none = Lab.Casdir("Test-OutlookWebServices");
        var both = Lab.Casdir("Test-OutlookWebServices alex -External -ClientSite Site-A");

        Assert.That(none.ExitCode, Is.EqualTo(2));
        Assert.That(none.Error, Does.Contain("Name the mailbox to test"));
        Assert.That(both.ExitCode, Is.EqualTo(2));
        Assert.That(both.Error, Does.Contain("has no site"));
    }
}
