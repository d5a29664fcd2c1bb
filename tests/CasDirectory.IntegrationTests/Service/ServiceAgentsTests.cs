using System.Text.Json;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.Service;

/// <summary>The database agent, the T4 findings and the status endpoint of the hosted service.</summary>
[TestFixture]
public sealed class ServiceAgentsTests : FreshLabTest
{
    private string RawDatabaseLdif(string name, string server, string? legacyExchangeDn = null) => $"""
        dn: {Partition.DatabaseDn(name)}
        objectClass: top
        objectClass: msExchMDB
        objectClass: msExchPrivateMDB
        cn: {name}
        deliveryMechanism: 0
        msExchOwningServer: {ServerDn(server)}
        {(legacyExchangeDn is null ? "" : "legacyExchangeDN: " + legacyExchangeDn)}

        """;

    private string? LegacyDnOf(string database) =>
        Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.DatabaseDn(database), "(objectClass=*)", "base", "legacyExchangeDN").Single().Value("legacyExchangeDN");

    [Test]
    public async Task A_database_made_with_raw_LDAP_gets_the_RpcClientAccessServer_D1_gives()
    {
        Lab.Casdir("New-ClientAccessArray", "-Name", "CASArray-A", "-Fqdn", "outlook.lab.local", "-Site", "Site-A");
        await using var service = await RunningService.Start(Lab);

        Assert.That(Lab.Tools.Add(DirectoryAccounts.Provisioning, RawDatabaseLdif("MDB-RAW", "E2K10-MLT-01")).ExitCode, Is.Zero);

        Wait.Until(() => LegacyDnOf("MDB-RAW") is not null, "the agent to fill MDB-RAW");
        Assert.That(LegacyDnOf("MDB-RAW"), Is.EqualTo(Partition.ServerLegacyDn("outlook.lab.local") + "/cn=Microsoft Private MDB"), "D1 (a): the site's array");
    }

    [Test]
    public async Task A_database_that_has_a_value_is_never_touched()
    {
        await using var service = await RunningService.Start(Lab);
        var given = Partition.ServerLegacyDn("E2K10-MLT-02") + "/cn=Microsoft Private MDB";

        Lab.Tools.Add(DirectoryAccounts.Provisioning, RawDatabaseLdif("MDB-SET", "E2K10-MLT-01", given));
        Lab.Tools.Add(DirectoryAccounts.Provisioning, RawDatabaseLdif("MDB-RAW", "E2K10-MLT-01"));
        Wait.Until(() => LegacyDnOf("MDB-RAW") is not null, "the agent to fill MDB-RAW");

        Assert.That(LegacyDnOf("MDB-SET"), Is.EqualTo(given));
        Assert.That(LegacyDnOf("MDB01"), Does.EndWith("/cn=E2K10-MLT-01/cn=Microsoft Private MDB"));
    }

    [Test]
    public void The_updater_account_cannot_replace_a_databases_RpcClientAccessServer()
    {
        var result = Lab.Tools.Modify(DirectoryAccounts.Updater, ReplaceLdif(Partition.DatabaseDn("MDB01"), "legacyExchangeDN", "/o=First Organization/ou=x/cn=y/cn=Microsoft Private MDB"));

        Assert.That(result.ExitCode, Is.EqualTo(LdapToolResult.InsufficientAccess), result.ToString());
    }

    [Test]
    public async Task A_raw_site_move_is_applied_and_what_it_leaves_stale_is_reported_once_and_nothing_else_changes()
    {
        Lab.Casdir("New-ClientAccessArray", "-Name", "CASArray-A", "-Fqdn", "outlook.lab.local", "-Site", "Site-A");
        Lab.Casdir("Get-MailboxDatabase | Set-MailboxDatabase -RpcClientAccessServer outlook.lab.local");
        await using var service = await RunningService.Start(Lab);
        var writesBefore = Lab.SuccessfulWrites();

        Lab.Tools.Modify(DirectoryAccounts.Provisioning, ReplaceLdif(ServerDn("E2K10-MLT-02"), "ipHostNumber", "10.2.0.12"));

        Wait.Until(() => service.Messages.Any(m => m.StartsWith("Finding \"B5\"")), "the B5 finding");
        Assert.That(Lab.Casdir("Get-ClientAccessArray").Output, Does.Match(Table.Row("CASArray-A  Site-A  outlook.lab.local  {E2K10-MLT-01}")));
        var findings = JsonDocument.Parse(service.Get("/findings").Body).RootElement.EnumerateArray()
            .Select(f => (f.GetProperty("ruleId").GetString(), f.GetProperty("subject").GetString())).ToList();
        Assert.That(findings, Is.SupersetOf(new[] { ("B5", "E2K10-MLT-02"), ("B3-CROSS-SITE", "MDB02") }));
        Assert.That(Lab.SuccessfulWrites() - writesBefore, Is.EqualTo(2), "the test's own ipHostNumber change and the service's msExchServerSite write, nothing else");

        var passes = service.Updater.Passes;
        Lab.Tools.Modify(DirectoryAccounts.Provisioning, ReplaceLdif(ServerDn("E2K10-MLT-01"), "ipHostNumber", "10.1.0.11"));
        Wait.Until(() => service.Updater.Passes > passes, "a pass after an unrelated change");
        Assert.That(service.Messages.Count(m => m.StartsWith("Finding \"B5\"")), Is.EqualTo(1), "a finding is logged once, not on every pass");
    }

    [Test]
    public async Task The_status_endpoint_answers_health_readiness_and_findings()
    {
        await using var service = await RunningService.Start(Lab);
        Wait.Until(() => service.Get("/readyz").Status == 200, "readiness");

        Assert.That(service.Get("/healthz"), Is.EqualTo((200, "ok\n")));
        Assert.That(service.Get("/readyz").Body, Does.StartWith("ready: feed lag"));
        Assert.That(JsonDocument.Parse(service.Get("/findings").Body).RootElement.EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()), Does.Contain("B1"));

        LocalDirectory.Down(Lab.DataDirectory);
        Wait.Until(() => service.Get("/readyz").Status == 503, "not ready without the directory", TimeSpan.FromSeconds(20));
        Assert.That(service.Get("/healthz").Status, Is.EqualTo(200), "still alive");
    }

    [Test]
    public void Serve_stops_gracefully_on_SIGTERM()
    {
        var info = ProcessRunner.StartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "casdir.dll"), "serve", "--data", Lab.DataDirectory,
            $"--SiteTopology:HttpPrefix=http://127.0.0.1:{FreePort.Next()}/", "--log-format", "json"]);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = System.Diagnostics.Process.Start(info)!;
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        Wait.Until(() => lines.Any(l => l.Contains("Status endpoint at")), "the service to start", TimeSpan.FromSeconds(30));

        ProcessRunner.Run(ProcessRunner.StartInfo("kill", ["-TERM", process.Id.ToString()]));

        Assert.That(process.WaitForExit(TimeSpan.FromSeconds(15)), Is.True, "stopped");
        Assert.That(process.ExitCode, Is.Zero);
        Assert.That(lines.Any(l => l.Contains("Application is shutting down")), Is.True);
        Assert.That(lines.All(l => l.StartsWith('{')), Is.True, "--log-format json writes one JSON event per line");
    }

    [Test]
    public void Serve_refuses_bad_settings_with_a_clear_message()
    {
        var result = Casdir.Run(["serve", "--data", Lab.DataDirectory, "--SiteTopology:PollInterval=00:30:00"]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("PollInterval"));
    }
}
