using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.Cli;

/// <summary>
/// Resumable writes (docs/rules.md): what an interrupted run leaves half-done is shown as such, never chosen by D1,
/// finished by the same command, and -Resume re-runs a script without "already exists" errors.
/// </summary>
[TestFixture]
public sealed class ResumableWriteTests : FreshLabTest
{
    private const string NewServer = "New-ExchangeServer -Name E2K10-H1 -Roles Mailbox,ClientAccess,HubTransport -Version 14.2.247.5 -IPAddress 10.2.0.21";

    private static string RpcClientAccessDn(string server) => $"CN=RpcClientAccess,CN=Protocols,{ServerDn(server)}";

    /// <summary>What a crash after the server's eleventh entry leaves: no CN=RpcClientAccess, the marker still set.</summary>
    private void HalfCreateServer()
    {
        Assert.That(Lab.Casdir(NewServer).ExitCode, Is.Zero);
        Assert.That(Lab.Tools.Run("ldapdelete", DirectoryAccounts.Admin, [RpcClientAccessDn("E2K10-H1")]).ExitCode, Is.Zero);
        Assert.That(Lab.Tools.Modify(DirectoryAccounts.Admin, ReplaceLdif(ServerDn("E2K10-H1"), "casdirProvisioningState", "creating")).ExitCode, Is.Zero);
    }

    [Test]
    public void A_half_created_server_is_shown_as_such_and_reported()
    {
        HalfCreateServer();

        var read = Lab.Casdir("Get-ExchangeServer E2K10-H1");
        var report = Lab.Casdir("Test-CasTopology");

        Assert.That(read.ExitCode, Is.Zero, read.ToString());
        Assert.That(read.Output + read.Error, Does.Contain("E2K10-H1 was left half-created by an interrupted run; the same New-ExchangeServer finishes it"));
        Assert.That(report.Output, Does.Contain("INCOMPLETE").And.Contain("E2K10-H1"));
    }

    [Test]
    public void A_half_created_server_gets_no_database()
    {
        HalfCreateServer();
        var writes = Lab.SuccessfulWrites();

        var result = Lab.Casdir("New-MailboxDatabase -Name MDB-H1 -Server E2K10-H1");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("E2K10-H1 is incomplete"));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));
    }

    [Test]
    public void The_same_command_finishes_a_half_created_server()
    {
        HalfCreateServer();

        var result = Lab.Casdir(NewServer);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output + result.Error, Does.Contain("had been left half-created by an interrupted run; its missing entries are written now"));
        Assert.That(Lab.Tools.Entries(DirectoryAccounts.Reader, RpcClientAccessDn("E2K10-H1"), scope: "base"), Has.Count.EqualTo(1));
        Assert.That(Lab.Tools.Search(DirectoryAccounts.Reader, ServerDn("E2K10-H1"), "(casdirProvisioningState=*)", "base").Output, Does.Not.Contain("dn:"));
        Assert.That(Lab.Casdir("Test-CasTopology").Output, Does.Not.Contain("INCOMPLETE"));
    }

    [Test]
    public void Another_command_on_a_half_created_server_is_refused()
    {
        HalfCreateServer();
        var writes = Lab.SuccessfulWrites();

        var result = Lab.Casdir(NewServer.Replace("10.2.0.21", "10.2.0.22"));

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("E2K10-H1 was left half-created by an interrupted run with other values"));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));
    }

    [Test]
    public void A_database_without_its_copy_is_finished_by_the_same_command()
    {
        Assert.That(Lab.Casdir("New-MailboxDatabase -Name MDB-H2 -Server E2K10-MLT-02").ExitCode, Is.Zero);
        Assert.That(Lab.Tools.Run("ldapdelete", DirectoryAccounts.Admin, [$"CN=E2K10-MLT-02,{Partition.DatabaseDn("MDB-H2")}"]).ExitCode, Is.Zero);
        var warned = Lab.Casdir("Get-MailboxDatabase MDB-H2");

        var result = Lab.Casdir("New-MailboxDatabase -Name MDB-H2 -Server E2K10-MLT-02");

        Assert.That(warned.Output + warned.Error, Does.Contain("MDB-H2 has no copy"));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Lab.Json("Get-MailboxDatabase MDB-H2")[0].GetProperty("Servers").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public void Resume_skips_what_is_done_and_stops_on_what_differs()
    {
        using var folder = new TemporaryFolder();
        var script = folder.Combine("s.ps1");
        File.WriteAllText(script, $"New-ADReplicationSite -Name Site-R\nNew-ADReplicationSubnet -Name 10.9.0.0/16 -Site Site-R\n{NewServer}\nNew-MailboxDatabase -Name MDB-R1 -Server E2K10-H1\nRemove-ADReplicationSite Site-Gone -Confirm:$false\n");
        File.WriteAllText(folder.Combine("first.ps1"), string.Join("\n", File.ReadAllLines(script).Take(4)));
        Assert.That(Lab.Casdir("-File", folder.Combine("first.ps1")).ExitCode, Is.Zero);
        var writes = Lab.SuccessfulWrites();

        var plain = Lab.Casdir("-File", script);
        var resumed = Lab.Casdir("-File", script, "-Resume");
        File.WriteAllText(script, File.ReadAllText(script).Replace("10.9.0.0/16 -Site Site-R", "10.9.0.0/16 -Site Site-A"));
        var differing = Lab.Casdir("-File", script, "-Resume");

        Assert.That(plain.ExitCode, Is.EqualTo(1), "without -Resume the first line already exists");
        Assert.That(plain.Error, Does.Contain("The site 'Site-R' already exists."));
        Assert.That(resumed.ExitCode, Is.Zero, resumed.ToString());
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes), "resuming a finished script writes nothing");
        Assert.That(differing.ExitCode, Is.EqualTo(1), differing.ToString());
        Assert.That(differing.Error, Does.Contain("The subnet '10.9.0.0/16' already exists in site 'Site-R'"));
    }
}

/// <summary>Racing writers: however the race ends, every loser gets the one message its situation has.</summary>
[TestFixture]
public sealed class RacingWriterTests : FreshLabTest
{
    [Test]
    public void Ten_racing_New_MailboxDatabase_with_one_name_leave_one_database_and_one_message_for_the_losers()
    {
        var runs = Enumerable.Range(0, 10)
            .Select(_ => Task.Run(() => Lab.CasdirProcess(["New-MailboxDatabase", "-Name", "MDB-RACE", "-Server", "E2K10-MLT-01"])))
            .ToArray();
        Task.WaitAll(runs);
        var results = runs.Select(r => r.Result).ToList();

        var losers = results.Where(r => r.ExitCode != 0).ToList();
        Assert.That(results.Count(r => r.ExitCode == 0), Is.GreaterThanOrEqualTo(1), "someone won");
        Assert.That(losers.Select(r => r.ExitCode), Is.All.EqualTo(1));
        Assert.That(losers.Select(r => r.Error.Trim()).Distinct().ToList(), Has.Count.AtMost(1), string.Join("\n", losers.Select(r => r.Error)));
        if (losers.Count > 0)
            Assert.That(losers[0].Error, Does.Contain("A database named 'MDB-RACE' already exists (on E2K10-MLT-01)"));
        var database = Lab.Json("Get-MailboxDatabase MDB-RACE");
        Assert.That(database.GetArrayLength(), Is.EqualTo(1));
        Assert.That(database[0].GetProperty("Servers").GetArrayLength(), Is.EqualTo(1), "one copy, not one per winner");
    }
}
