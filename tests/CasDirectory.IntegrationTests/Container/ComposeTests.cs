using System.Diagnostics;
using System.Text.RegularExpressions;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.Container;

/// <summary>
/// docker-compose.yml on a real Docker engine (README, "Containers"): built from the repository, started, then used
/// only through the published ports and `docker compose run`/`exec`, as another project's tests would. The tests run
/// in order on one project; the last ones restart it, take it down and bring it back.
/// </summary>
[TestFixture]
[Category("Container")]
[NonParallelizable]
public sealed class ComposeTests
{
    private ComposeProject _project = null!;
    private TemporaryFolder _files = null!;
    private string _caFile = null!;

    [OneTimeSetUp]
    public void BuildAndStart()
    {
        _project = ComposeProject.Create();
        _files = new TemporaryFolder("casdir-compose");
        var build = _project.Compose(["build", "-q"], timeout: TimeSpan.FromMinutes(20));
        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        _project.Must("up", "-d");
        var healthy = _project.WaitHealthy("ldap", "casdir");
        TestContext.Progress.WriteLine($"compose up: ldap and casdir healthy {healthy.TotalSeconds:F1} s after up -d returned");
        _caFile = Path.Combine(_files.Path, "ca.crt");
        File.WriteAllText(_caFile, _project.Read("ldap", "/var/lib/casdir/tls/ca.crt"));
    }

    [OneTimeTearDown]
    public void Remove()
    {
        _project?.Dispose();
        _files?.Dispose();
    }

    private string PasswordFile(string account)
    {
        var file = Path.Combine(_files.Path, account + ".password");
        if (!File.Exists(file))
        {
            using (File.Create(file)) { }
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.WriteAllText(file, _project.Read("ldap", $"/var/lib/casdir/accounts/{account}.password"));
        }
        return file;
    }

    private readonly Dictionary<string, string> _bindDns = [];

    private string BindDn(string account) =>
        _bindDns.TryGetValue(account, out var dn) ? dn : _bindDns[account] = _project.Read("ldap", $"/var/lib/casdir/accounts/{account}.dn");

    /// <summary>An OpenLDAP tool against the published LDAPS port, trusting the container's CA (LDAPTLS_CACERT: libldap reads it only without LDAPNOINIT).</summary>
    private ProcessResult Tool(string tool, string account, string[] arguments, string? input = null)
    {
        var info = ProcessRunner.StartInfo(tool, ["-x", "-H", _project.LdapsUrl, "-D", BindDn(account), "-y", PasswordFile(account), .. arguments]);
        info.Environment["LDAPTLS_CACERT"] = _caFile;
        return ProcessRunner.Run(info, input, TimeSpan.FromSeconds(30));
    }

    private IReadOnlyList<LdifEntry> Search(string baseDn, string filter, params string[] attributes) => SearchScope(baseDn, "sub", filter, attributes);

    private IReadOnlyList<LdifEntry> SearchScope(string baseDn, string scope, string filter, params string[] attributes)
    {
        var result = Tool("ldapsearch", "reader", ["-LLL", "-o", "ldif-wrap=no", "-s", scope, "-b", baseDn, filter, .. attributes]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return LdifEntry.Parse(result.Output);
    }

    private string SiteOf(string server) =>
        NormalizeDn(SearchScope(ServerDn(server), "base", "(objectClass=*)", "msExchServerSite").Single().Value("msExchServerSite") ?? "");

    private const string LabArrayRow = "CASArray-A  Site-A  outlook.lab.local  {E2K10-MLT-01, E2K10-MLT-02}";

    [Test, Order(1)]
    public void Both_services_are_healthy_and_the_status_port_is_published_on_loopback_only()
    {
        Assert.That(_project.Health(), Is.EquivalentTo(new Dictionary<string, string> { ["ldap"] = "healthy", ["casdir"] = "healthy" }));
        foreach (var (service, port) in new[] { ("casdir", "3899"), ("ldap", "389"), ("ldap", "636") })
            Assert.That(_project.Must("port", service, port).Output.Trim(), Does.StartWith("127.0.0.1:"), $"{service} {port}");

        using var http = new HttpClient();
        Assert.That(http.GetStringAsync(_project.StatusUrl + "readyz").Result, Does.StartWith("ready"));
        Assert.That(http.GetStringAsync(_project.StatusUrl + "findings").Result, Does.Match("\"ruleId\":\\s*\"B1\""), "the lab's Site-A has no array yet");
    }

    [Test, Order(2)]
    public void The_reader_lists_the_four_lab_servers_over_ldaps()
    {
        var servers = Search(Partition.ConfigurationDn, "(objectClass=msExchExchangeServer)", "cn").Select(e => e.Value("cn"));

        Assert.That(servers, Is.EquivalentTo(ServerNames));
    }

    [Test, Order(3)]
    public void Casdir_run_creates_the_array_and_Get_ClientAccessArray_prints_the_lab_table()
    {
        var created = _project.Casdir(["New-ClientAccessArray", "-Name", "CASArray-A", "-Fqdn", "outlook.lab.local", "-Site", "Site-A"]);
        Assert.That(created.ExitCode, Is.Zero, created.ToString());

        var listed = _project.Casdir(["Get-ClientAccessArray"]);

        Assert.That(listed.ExitCode, Is.Zero, listed.ToString());
        Assert.That(listed.Output, Does.Match(Table.Row("Name        Site    Fqdn               Members")));
        Assert.That(listed.Output, Does.Match(Table.Row(LabArrayRow)));
    }

    [Test, Order(4)]
    public void A_script_on_standard_input_runs_as_the_provisioning_account_and_a_refusal_exits_1()
    {
        var script = "Get-ClientAccessArray | Select-Object -ExpandProperty Name\nNew-ClientAccessArray -Name CASArray-A2 -Fqdn outlook2.lab.local -Site Site-A\n";

        var result = _project.Casdir(["-File", "-"], script);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Output, Does.Contain("CASArray-A"));
        Assert.That(result.Error, Does.Contain("stdin:2:").And.Contain("A site has at most one array (A2)"));
        Assert.That(Search(Partition.ConfigurationDn, "(cn=CASArray-A2)", "1.1"), Is.Empty, "nothing written by the refused line");
    }

    [Test, Order(5)]
    public void The_casdir_container_reads_no_admin_password_and_the_image_holds_no_credentials()
    {
        var mounted = _project.Compose(["run", "--rm", "-T", "--entrypoint", "ls", "casdir", "/run/casdir"]);
        Assert.That(mounted.ExitCode, Is.Zero, mounted.ToString());
        Assert.That(mounted.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EquivalentTo(new[]
            { "autodiscover.crt", "autodiscover.key", "ca.crt", "provisioning.dn", "provisioning.password", "reader.dn", "reader.password", "updater.dn", "updater.password" }),
            "the CA, the three accounts and the Autodiscover listener's certificate: never the admin password");

        var image = ComposeProject.Docker("run", "--rm", "--entrypoint", "sh", "casdirectory/casdir:dev", "-c",
            "id -un; ls -A /run/casdir; command -v dotnet || echo no-sdk; ls /opt/casdir/casdir");
        Assert.That(image.ExitCode, Is.Zero, image.ToString());
        Assert.That(image.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "casdir", "no-sdk", "/opt/casdir/casdir" }),
            "runs as casdir, no credentials baked in, no SDK");
        var sizes = ComposeProject.Docker("image", "ls", "--format", "{{.Repository}}:{{.Tag}} {{.Size}}", "casdirectory/*");
        TestContext.Progress.WriteLine("images: " + sizes.Output.Trim().Replace('\n', ';'));
    }

    [Test, Order(6)]
    public void A_raw_ipHostNumber_change_is_applied_by_the_casdir_container_within_a_second()
    {
        var siteB = NormalizeDn(SiteDn("Site-B"));
        Assert.That(SiteOf("E2K10-MLT-02"), Is.Not.EqualTo(siteB));

        _ = (BindDn("provisioning"), PasswordFile("provisioning")); // read through docker exec before the clock starts
        var clock = Stopwatch.StartNew();
        var modified = Tool("ldapmodify", "provisioning", [], ReplaceLdif(ServerDn("E2K10-MLT-02"), "ipHostNumber", "10.2.0.12"));
        Assert.That(modified.ExitCode, Is.Zero, modified.ToString());
        Wait.Until(() => SiteOf("E2K10-MLT-02") == siteB, "the move applied by the casdir container", TimeSpan.FromSeconds(10));
        TestContext.Progress.WriteLine($"ipHostNumber to msExchServerSite through the containers: {clock.ElapsedMilliseconds} ms");

        // The service logs a move after its write is acknowledged, so the line can trail what a reader already sees.
        Wait.Until(() => _project.Must("logs", "--no-color", "casdir").Output.Contains("Moved E2K10-MLT-02 from Site-A to Site-B"),
            "the service's line for the move", TimeSpan.FromSeconds(10));
    }

    [Test, Order(6)]
    public void Autodiscover_answers_over_https_with_the_directorys_CA_and_only_on_loopback()
    {
        var password = _project.Casdir(["Set-Mailbox", "alex", "-Password", "(ConvertTo-SecureString 'Lab-Pa55word!' -AsPlainText -Force)"]);
        Assert.That(password.ExitCode, Is.Zero, password.ToString());
        Assert.That(_project.Must("port", "casdir", "8443").Output.Trim(), Does.StartWith("127.0.0.1:"));
        var body = Path.Combine(_files.Path, "pox.xml");
        File.WriteAllText(body, AutodiscoverClient.PoxBody("alex@lab.local"));

        var curl = ProcessRunner.Run(ProcessRunner.StartInfo("curl", ["-sS", "--fail", "--cacert", _caFile, "-u", "alex@lab.local:Lab-Pa55word!", "-H", "Content-Type: text/xml",
            "--data-binary", "@" + body, $"https://127.0.0.1:{_project.AutodiscoverPort}/autodiscover/autodiscover.xml"]));

        Assert.That(curl.ExitCode, Is.Zero, curl.ToString());
        Assert.That(AutodiscoverClient.Protocol(System.Xml.Linq.XDocument.Parse(curl.Output), "EXCH", "Server"), Is.Not.Null.And.Not.Empty);
    }

    [Test, Order(7)]
    public void Restart_keeps_all_data()
    {
        _project.Must("restart");
        _project.WaitHealthy("ldap", "casdir");

        Assert.That(_project.Casdir(["Get-ClientAccessArray"]).Output, Does.Match(Table.Row("CASArray-A  Site-A  outlook.lab.local")));
        Assert.That(SiteOf("E2K10-MLT-02"), Is.EqualTo(NormalizeDn(SiteDn("Site-B"))));
    }

    [Test, Order(8)]
    public void Down_then_up_keeps_the_data_and_the_passwords()
    {
        var password = File.ReadAllText(PasswordFile("reader"));

        _project.Must("down");
        _project.Must("up", "-d");
        _project.WaitHealthy("ldap", "casdir");

        Assert.That(_project.Read("ldap", "/var/lib/casdir/accounts/reader.password"), Is.EqualTo(password));
        Assert.That(Search(Partition.ConfigurationDn, "(cn=CASArray-A)", "1.1"), Has.Count.EqualTo(1));
    }

    [Test, Order(9)]
    public void Down_with_volumes_removes_the_data()
    {
        _project.Must("down", "-v");

        var volumes = ComposeProject.Docker("volume", "ls", "-q", "--filter", $"label=com.docker.compose.project={_project.Name}");
        Assert.That(volumes.ExitCode, Is.Zero, volumes.ToString());
        Assert.That(volumes.Output.Trim(), Is.Empty);
        Assert.That(_project.Must("ps", "-q").Output.Trim(), Is.Empty);
    }

    [Test, Order(10)]
    public void The_shell_example_from_README_passes_against_its_own_project()
    {
        var info = ProcessRunner.StartInfo(RepositoryPaths.Combine("examples", "compose-test.sh"), []);
        info.Environment["COMPOSE_PROJECT_NAME"] = _project.Name + "ex";
        info.Environment["CASDIR_LDAP_PORT"] = FreePort.Next().ToString();
        info.Environment["CASDIR_LDAPS_PORT"] = FreePort.Next().ToString();
        info.Environment["CASDIR_STATUS_PORT"] = FreePort.Next().ToString();
        info.WorkingDirectory = RepositoryPaths.Root;

        var result = ProcessRunner.Run(info, timeout: TimeSpan.FromMinutes(3));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("ok: 4 Exchange servers"));
        Assert.That(Regex.Matches(ComposeProject.Docker("ps", "-aq", "--filter", $"label=com.docker.compose.project={_project.Name}ex").Output, @"\S+"), Is.Empty, "the example cleans up");
    }
}
