using CasDirectory.IntegrationTests.Fixtures;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.FrontEnd;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Replication;

/// <summary>
/// Every bad input of casdir frontend, -DomainController lists and durable writes: one clear line, a non-zero exit, and
/// nothing started or written (no frontend.json, no haproxy, no entry).
/// </summary>
[TestFixture]
public sealed class FrontEndBadInputTests
{
    private FrontEndLab _lab = null!;
    private TemporaryFolder _scratch = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _lab = new FrontEndLab(consumers: 1);
        _scratch = new TemporaryFolder("casdir-frontend-bad");
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _lab?.Dispose();
        _scratch?.Dispose();
    }

    private string A => _lab.A.DataDirectory;
    private string B => _lab.B.DataDirectory;
    private string C => _lab.Consumers[0].DataDirectory;

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(new[] { "frontend" }, 2, "No front-end folder given").SetName("frontend_without_a_folder");
        yield return new TestCaseData(new[] { "frontend", "--data", "{FE}", "--providers", "{A}" }, 2, "needs two data folders").SetName("frontend_with_one_provider");
        yield return new TestCaseData(new[] { "frontend", "--data", "{FE}", "--providers", "{A},,{B}" }, 2, "has an empty item").SetName("frontend_with_an_empty_provider");
        yield return new TestCaseData(new[] { "frontend", "--data", "{FE}", "--providers", "{A},{A}" }, 2, "is named twice").SetName("frontend_with_a_provider_twice");
        yield return new TestCaseData(new[] { "frontend", "--data", "{FE}", "--providers", "{A},/nonexistent/casdir-b" }, 2, "holds no CasDirectory directory").SetName("frontend_with_a_missing_provider");
        yield return new TestCaseData(new[] { "frontend", "--data", "{FE}", "--providers", "{A},{C}" }, 2, "is a consumer, not a provider").SetName("frontend_with_a_consumer_as_provider");
        yield return new TestCaseData(new[] { "frontend", "--data", "{FE}", "--providers", "{A},{B}", "--consumers", "{B}" }, 2, "is named twice").SetName("frontend_with_a_provider_as_consumer");
        yield return new TestCaseData(new[] { "frontend", "--data", "{A}", "--providers", "{A},{B}" }, 2, "is one of the directories behind the front end").SetName("frontend_in_a_provider_folder");
        yield return new TestCaseData(new[] { "frontend", "--data", "{FE}", "--providers", "{A},{B}", "--port", "abc" }, 2, "--port 'abc' is not a port").SetName("frontend_with_a_port_that_is_no_number");
        yield return new TestCaseData(new[] { "frontend", "--data", "{FE}", "--providers", "{A},{B}", "--read-port", "70000" }, 2, "--read-port '70000' is not a port between 1 and 65535").SetName("frontend_with_a_port_out_of_range");
        yield return new TestCaseData(new[] { "frontend", "--data", "{FE}", "--providers", "{A},{B}", "--port", "24999", "--ldaps-port", "24999" }, 2, "Port 24999 is given twice").SetName("frontend_with_one_port_twice");
        yield return new TestCaseData(new[] { "frontend", "--data", "{FE}", "--stop", "--providers", "{A},{B}" }, 2, "takes only --data").SetName("frontend_stop_with_providers");
        yield return new TestCaseData(new[] { "frontend", "--data", "{FE}", "--stop", "--status" }, 2, "Give one of --stop, --status and --fail-back").SetName("frontend_with_two_actions");
        yield return new TestCaseData(new[] { "frontend", "--data", "{FE}", "--status" }, 2, "holds no front end").SetName("frontend_status_of_a_folder_without_one");
        yield return new TestCaseData(new[] { "frontend", "--data", "{FE}", "--fail-back" }, 2, "holds no front end").SetName("frontend_fail_back_of_a_folder_without_one");
        yield return new TestCaseData(new[] { "frontend", "--data", "{FE}", "--bogus" }, 2, "Unrecognized command or argument '--bogus'").SetName("frontend_with_an_unknown_option");
        yield return new TestCaseData(new[] { "frontend", "--data", "{FE}", "--consumers", "{C}" }, 2, "--providers A,B is needed").SetName("frontend_with_consumers_only");
    }

    [TestCaseSource(nameof(Cases))]
    public void A_bad_frontend_command_is_refused_with_one_line_and_starts_nothing(string[] arguments, int exitCode, string message)
    {
        var fe = Path.Combine(_scratch.Path, Guid.NewGuid().ToString("N"));
        var result = Casdir.Run(arguments.Select(a => a.Replace("{FE}", fe).Replace("{A}", A).Replace("{B}", B).Replace("{C}", C)), new Dictionary<string, string?> { ["CASDIR_DATA"] = null });
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(result.Error.Trim().Split('\n').Length, Is.LessThanOrEqualTo(2), "one line (and the --help hint)");
        Assert.That(FrontEndState.IsIn(fe), Is.False, "no front end recorded");
        Assert.That(Directory.Exists(fe), Is.False, "nothing written");
    }

    [Test]
    public void Frontend_without_haproxy_says_how_to_install_it()
    {
        var fe = Path.Combine(_scratch.Path, "no-haproxy");
        var result = Casdir.Run(["frontend", "--data", fe, "--providers", $"{A},{B}"], new Dictionary<string, string?> { ["CASDIR_HAPROXY"] = "/nonexistent/haproxy" });
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("sudo apt-get install -y haproxy"));
        Assert.That(Directory.Exists(fe), Is.False);
    }

    [Test]
    public void Frontend_on_a_port_in_use_is_refused_and_starts_nothing()
    {
        var fe = Path.Combine(_scratch.Path, "port-in-use");
        var taken = new Uri(_lab.A.State.Url).Port;
        var result = Casdir.Run(["frontend", "--data", fe, "--providers", $"{A},{B}", "--port", taken.ToString()]);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain($"Port {taken} on 127.0.0.1 is in use"));
        Assert.That(FrontEndState.IsIn(fe), Is.False);
    }

    [Test]
    public void A_second_frontend_start_in_a_running_folder_is_refused()
    {
        var result = Casdir.Run(["frontend", "--data", _lab.FrontEnd.Folder, "--providers", $"{A},{B}"]);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("is running (haproxy pid").And.Contain("--stop"));
        Assert.That(_lab.FrontEnd.Status().Running, Is.True, "the running front end is untouched");
    }

    private static IEnumerable<TestCaseData> TargetCases()
    {
        yield return new TestCaseData(new Dictionary<string, string?> { [DurableWrites.Variable] = "maybe" }, "CASDIR_DURABLE='maybe' is not 1").SetName("durable_variable_not_0_or_1");
        yield return new TestCaseData(new Dictionary<string, string?> { [DurableWrites.Variable] = "1", [DurableWrites.TimeoutVariable] = "0" }, "CASDIR_DURABLE_TIMEOUT='0' is not a number of seconds").SetName("durable_timeout_zero");
        yield return new TestCaseData(new Dictionary<string, string?> { [DurableWrites.Variable] = "1", [DurableWrites.TimeoutVariable] = "soon" }, "CASDIR_DURABLE_TIMEOUT='soon' is not a number of seconds").SetName("durable_timeout_not_a_number");
        yield return new TestCaseData(new Dictionary<string, string?> { [DurableWrites.Variable] = "1", ["CASDIR_DOMAIN_CONTROLLER"] = "{ALDAPS}" }, "casdir does not know one").SetName("durable_without_a_known_mirror");
        yield return new TestCaseData(new Dictionary<string, string?> { ["CASDIR_DOMAIN_CONTROLLER"] = "{ALDAPS},,{BLDAPS}" }, "has an empty item").SetName("domain_controller_list_with_an_empty_item");
        yield return new TestCaseData(new Dictionary<string, string?> { ["CASDIR_DOMAIN_CONTROLLER"] = "{ALDAPS},{ALDAPS}" }, "names ldaps://127.0.0.1").SetName("domain_controller_list_naming_a_server_twice");
        yield return new TestCaseData(new Dictionary<string, string?> { ["CASDIR_DOMAIN_CONTROLLER"] = "{ALDAPS},bogus://x" }, "is not an LDAP URL").SetName("domain_controller_list_with_a_bad_url");
    }

    [TestCaseSource(nameof(TargetCases))]
    public void A_bad_durable_or_domain_controller_setting_is_refused_and_writes_nothing(Dictionary<string, string?> environment, string message)
    {
        var provisioning = _lab.A.State.Accounts["provisioning"];
        var variables = environment.ToDictionary(e => e.Key, e => e.Value?.Replace("{ALDAPS}", _lab.A.State.LdapsUrl).Replace("{BLDAPS}", _lab.B.State.LdapsUrl));
        variables["CASDIR_BIND_DN"] = provisioning.Dn;
        variables["CASDIR_BIND_PASSWORD_FILE"] = provisioning.PasswordFile;
        variables["CASDIR_CA_FILE"] = _lab.A.State.CaFile;
        var subnet = $"10.{Random.Shared.Next(64, 99)}.{Random.Shared.Next(0, 255)}.0/24";
        var result = Casdir.Run(["--data", _lab.FrontEnd.Folder, "New-ADReplicationSubnet", "-Name", subnet, "-Site", "Site-A"], variables);
        Assert.That(result.ExitCode, Is.Not.EqualTo(0), result.ToString());
        Assert.That(result.Error, Does.Contain(message));
        using var session = _lab.Session(_lab.A);
        Assert.That(session.Read($"CN={subnet},CN=Subnets,CN=Sites,{_lab.ConfigurationDn}", "cn"), Is.Null, "nothing written");
    }
}
