using System.Diagnostics;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.Container;

/// <summary>
/// docker-compose.ha.yml on a real Docker engine (README, "Containers"): two providers in mirror mode, a read-only
/// consumer, the HAProxy front end and casdir serve on its write endpoint. Writes go through the front end's published
/// LDAPS port as a client's would; what each server holds is read inside its container (docker exec, as its reader).
/// The tests run in order on one project: a failover (ldap-a SIGKILLed) and ldap-a's return as the standby.
/// </summary>
[TestFixture]
[Category("Container")]
[NonParallelizable]
public sealed class ComposeHaTests
{
    private static readonly string[] Services = ["ldap-a", "ldap-b", "ldap-c", "frontend", "casdir"];
    private ComposeProject _project = null!;
    private TemporaryFolder _files = null!;
    private string _caFile = null!;
    private string _provisioningDn = null!;
    private string _provisioningPassword = null!;

    [OneTimeSetUp]
    public void BuildAndStart()
    {
        _project = ComposeProject.Create("docker-compose.ha.yml");
        _files = new TemporaryFolder("casdir-compose-ha");
        // The openldap and casdir images are the ones docker-compose.yml builds (same tags): from cache when ComposeTests ran.
        var build = _project.Compose(["build", "-q"], timeout: TimeSpan.FromMinutes(20));
        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        var up = _project.Compose(["up", "-d"], timeout: TimeSpan.FromMinutes(5));
        Assert.That(up.ExitCode, Is.Zero, up + "\n" + _project.Compose("logs", "--tail", "30").Output);
        var healthy = _project.WaitHealthy(TimeSpan.FromMinutes(3), Services);
        TestContext.Progress.WriteLine($"compose -f docker-compose.ha.yml up: all five services healthy {healthy.TotalSeconds:F1} s after up -d returned");
        _caFile = Path.Combine(_files.Path, "ca.crt");
        File.WriteAllText(_caFile, _project.Read("ldap-a", "/var/lib/casdir/tls/ca.crt"));
        _provisioningDn = _project.Read("ldap-a", "/var/lib/casdir/accounts/provisioning.dn");
        _provisioningPassword = Path.Combine(_files.Path, "provisioning.password");
        using (File.Create(_provisioningPassword)) { }
        File.SetUnixFileMode(_provisioningPassword, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(_provisioningPassword, _project.Read("ldap-a", "/var/lib/casdir/accounts/provisioning.password"));
    }

    [OneTimeTearDown]
    public void Remove()
    {
        _project?.Dispose();
        _files?.Dispose();
    }

    /// <summary>An LDIF change through the front end's write endpoint (published LDAPS port), as the provisioning account.</summary>
    private ProcessResult WriteThroughFrontEnd(string ldif, TimeSpan? timeout = null)
    {
        var info = ProcessRunner.StartInfo("ldapmodify", ["-x", "-H", $"ldaps://127.0.0.1:{_project.LdapsPort}", "-D", _provisioningDn, "-y", _provisioningPassword]);
        info.Environment["LDAPTLS_CACERT"] = _caFile; // libldap reads it only without LDAPNOINIT
        return ProcessRunner.Run(info, ldif, timeout ?? TimeSpan.FromSeconds(30));
    }

    /// <summary>A search on one server, inside its container, as its reader account (loopback: a clear bind is allowed).</summary>
    private IReadOnlyList<LdifEntry> SearchOn(string service, string baseDn, string scope, string filter, params string[] attributes)
    {
        var result = _project.Compose(["exec", "-T", service, "sh", "-c",
            "LDAPNOINIT=1 ldapsearch -x -LLL -o ldif-wrap=no -H ldap://127.0.0.1/ -D \"$(cat /var/lib/casdir/accounts/reader.dn)\" " +
            "-y /var/lib/casdir/accounts/reader.password \"$@\"", "sh", "-s", scope, "-b", baseDn, filter, .. attributes]);
        // 32: no such object (a base search of an entry not there yet).
        Assert.That(result.ExitCode, Is.AnyOf(0, 32), result.ToString());
        return LdifEntry.Parse(result.Output);
    }

    private bool HasEntry(string service, string dn) => SearchOn(service, dn, "base", "(objectClass=*)", "1.1").Count == 1;

    private string SiteOn(string service, string server) =>
        NormalizeDn(SearchOn(service, ServerDn(server), "base", "(objectClass=*)", "msExchServerSite").Single().Value("msExchServerSite") ?? "");

    /// <summary>The provider the front end's stick table holds as the writer (its admin socket, inside the container).</summary>
    private string Writer()
    {
        var table = _project.Compose(["exec", "-T", "frontend", "sh", "-c", "echo 'show table writer_ldap' | socat - /run/haproxy/admin.sock"]);
        Assert.That(table.ExitCode, Is.Zero, table.ToString());
        var key = table.Output.Split(' ', '\n').FirstOrDefault(w => w.StartsWith("server_key=", StringComparison.Ordinal));
        return key?["server_key=".Length..] ?? "(none yet)";
    }

    [Test, Order(0)]
    public void The_shared_secrets_are_private_files_of_the_slapd_user_read_only_on_the_replicas()
    {
        var listed = _project.Must("exec", "-T", "ldap-a", "sh", "-c",
            "cd /var/lib/casdir-replica-secrets && stat -c '%a %U %n' . accounts * accounts/*").Output;
        var rows = listed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(' ')).ToList();
        Assert.That(rows.Where(r => r[2] is "." or "accounts").Select(r => r[0] + " " + r[1]), Is.All.EqualTo("700 openldap"), listed);
        Assert.That(rows.Where(r => r[2] is not ("." or "accounts")).Select(r => r[0] + " " + r[1]), Is.All.EqualTo("600 openldap"), listed);
        Assert.That(rows.Select(r => r[2]), Does.Contain("ca.key").And.Contain("accounts/replicator.password").And.Contain("ready"));

        var write = _project.Compose(["exec", "-T", "ldap-b", "touch", "/var/lib/casdir-replica-secrets/x"]);
        Assert.That(write.ExitCode, Is.Not.Zero, "the replicas mount the secrets read-only");
        Assert.That(File.ReadAllText(RepositoryPaths.Combine("docker-compose.ha.yml")), Does.Not.Match("(?i)password\\s*[:=]"), "no secret in the compose file");
    }

    [Test, Order(1)]
    public void A_write_through_the_front_end_appears_on_the_mirror_and_the_consumer()
    {
        var subnet = Partition.SubnetDn("10.81.0.0/16");

        var added = WriteThroughFrontEnd(AddLdif(SubnetLdif("10.81.0.0/16", "Site-A")));

        Assert.That(added.ExitCode, Is.Zero, added.ToString());
        Assert.That(Writer(), Is.EqualTo("ldap-a"), "ldap-a takes the writes while it is up");
        Wait.Until(() => HasEntry("ldap-b", subnet), "the subnet on the mirror ldap-b", TimeSpan.FromSeconds(20));
        Wait.Until(() => HasEntry("ldap-c", subnet), "the subnet on the consumer ldap-c", TimeSpan.FromSeconds(20));
    }

    [Test, Order(2)]
    public void The_consumer_refuses_a_write_with_a_referral_to_both_providers()
    {
        var ldif = ReplaceLdif(Partition.SubnetDn("10.81.0.0/16"), "description", "written on the consumer");

        var refused = _project.Compose(["exec", "-T", "ldap-c", "sh", "-c",
            "LDAPNOINIT=1 ldapmodify -x -H ldap://127.0.0.1/ -D \"$(cat /var/lib/casdir/accounts/provisioning.dn)\" -y /var/lib/casdir/accounts/provisioning.password"], ldif);

        Assert.That(refused.ExitCode, Is.EqualTo(10), refused.ToString()); // LDAP_REFERRAL
        Assert.That(refused.Output + refused.Error, Does.Contain("ldap://ldap-a/").And.Contain("ldap://ldap-b/"));
        Assert.That(SearchOn("ldap-c", Partition.SubnetDn("10.81.0.0/16"), "base", "(objectClass=*)", "description").Single().Value("description"), Is.Null);
    }

    [Test, Order(3)]
    public void Writes_through_the_front_end_continue_on_ldap_b_within_seconds_of_ldap_a_being_killed()
    {
        var subnet = Partition.SubnetDn("10.82.0.0/16");
        var ldif = AddLdif(SubnetLdif("10.82.0.0/16", "Site-B"));

        var kill = ComposeProject.Docker("kill", "--signal", "SIGKILL", ContainerOf("ldap-a"));
        Assert.That(kill.ExitCode, Is.Zero, kill.ToString());
        var clock = Stopwatch.StartNew();
        ProcessResult written;
        // A try may hang on the dead provider until the front end's checks mark it down (fall 2 × 500 ms, connect 2 s).
        while (true)
        {
            written = WriteThroughFrontEnd(ldif, TimeSpan.FromSeconds(10));
            if (written.ExitCode == 0 || clock.Elapsed > TimeSpan.FromSeconds(30))
                break;
            Thread.Sleep(200);
        }
        TestContext.Progress.WriteLine($"first write through the front end after SIGKILL of ldap-a: {clock.ElapsedMilliseconds} ms");

        Assert.That(written.ExitCode, Is.Zero, written.ToString());
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
        Assert.That(Writer(), Is.EqualTo("ldap-b"));
        Assert.That(HasEntry("ldap-b", subnet), Is.True, "the write landed on ldap-b");
        Wait.Until(() => HasEntry("ldap-c", subnet), "the consumer following ldap-b", TimeSpan.FromSeconds(20));
    }

    [Test, Order(4)]
    public void The_service_applies_a_raw_site_move_after_the_failover()
    {
        var siteB = NormalizeDn(SiteDn("Site-B"));
        Assert.That(SiteOn("ldap-b", "E2K10-MLT-01"), Is.Not.EqualTo(siteB));

        var clock = Stopwatch.StartNew();
        var moved = WriteThroughFrontEnd(ReplaceLdif(Partition.SubnetDn("10.1.0.0/16"), "siteObject", SiteDn("Site-B")));

        Assert.That(moved.ExitCode, Is.Zero, moved.ToString());
        Wait.Until(() => SiteOn("ldap-b", "E2K10-MLT-01") == siteB && SiteOn("ldap-b", "E2K10-MLT-02") == siteB,
            "the servers of 10.1.0.0/16 moved to Site-B by the casdir service", TimeSpan.FromSeconds(60));
        TestContext.Progress.WriteLine($"subnet re-pointed to msExchServerSite followed, after the failover: {clock.ElapsedMilliseconds} ms");
        // The service logs a move after its write is acknowledged, so the line can trail what a reader already sees.
        Wait.Until(() => _project.Must("logs", "--no-color", "casdir").Output.Contains("Moved E2K10-MLT-01 from Site-A to Site-B"),
            "the service's line for the move", TimeSpan.FromSeconds(10));
    }

    [Test, Order(5)]
    public void Ldap_a_started_again_rejoins_as_the_standby_and_catches_up()
    {
        var start = ComposeProject.Docker("start", ContainerOf("ldap-a"));
        Assert.That(start.ExitCode, Is.Zero, start.ToString());
        var clock = Stopwatch.StartNew();
        _project.WaitHealthy(TimeSpan.FromMinutes(2), Services);

        Wait.Until(() => HasEntry("ldap-a", Partition.SubnetDn("10.82.0.0/16")) && SiteOn("ldap-a", "E2K10-MLT-01") == NormalizeDn(SiteDn("Site-B")),
            "ldap-a holding the writes made while it was down", TimeSpan.FromSeconds(60));
        TestContext.Progress.WriteLine($"ldap-a caught up {clock.ElapsedMilliseconds} ms after docker start");
        Assert.That(Writer(), Is.EqualTo("ldap-b"), "no fail-back on its own: ldap-b stays the writer");
        var written = WriteThroughFrontEnd(ReplaceLdif(Partition.SubnetDn("10.82.0.0/16"), "description", "after ldap-a came back"));
        Assert.That(written.ExitCode, Is.Zero, written.ToString());
        Wait.Until(() => SearchOn("ldap-a", Partition.SubnetDn("10.82.0.0/16"), "base", "(objectClass=*)", "description").Single().Value("description") == "after ldap-a came back",
            "a write on ldap-b replicated to the standby ldap-a", TimeSpan.FromSeconds(20));
    }

    [Test, Order(6)]
    public void A_restarted_front_end_keeps_ldap_b_as_the_writer_until_told_to_fail_back()
    {
        _project.Must("restart", "frontend");
        _project.WaitHealthy(TimeSpan.FromMinutes(1), Services);
        var written = WriteThroughFrontEnd(ReplaceLdif(Partition.SubnetDn("10.82.0.0/16"), "description", "after the front end restarted"));
        Assert.That(written.ExitCode, Is.Zero, written.ToString());
        Assert.That(Writer(), Is.EqualTo("ldap-b"), "the writer recorded before the restart");

        // The fail-back docker-compose.ha.yml's header gives: the next connection chooses the first provider again.
        var cleared = _project.Compose(["exec", "-T", "frontend", "sh", "-c", "echo 'clear table writer_ldap' | socat - /run/haproxy/admin.sock"]);
        Assert.That(cleared.ExitCode, Is.Zero, cleared.ToString());
        var failedBack = WriteThroughFrontEnd(ReplaceLdif(Partition.SubnetDn("10.82.0.0/16"), "description", "after the fail-back"));

        Assert.That(failedBack.ExitCode, Is.Zero, failedBack.ToString());
        Assert.That(Writer(), Is.EqualTo("ldap-a"));
    }

    private static string AddLdif(string entry) => entry.Replace("\nobjectClass: top", "\nchangetype: add\nobjectClass: top", StringComparison.Ordinal);

    private string ContainerOf(string service)
    {
        var id = _project.Must("ps", "-q", service).Output.Trim();
        Assert.That(id, Is.Not.Empty, $"no container for {service}");
        return id;
    }
}
