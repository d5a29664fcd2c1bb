using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Cli;

/// <summary>
/// Every failure mode has a one-line message and an exit code, never a stack trace or a hang, and leaves the
/// directory as it was: broken state files, bad service settings, bytes that are not UTF-8, silent servers.
/// </summary>
[TestFixture]
public sealed class FailureModeTests : SharedLabTest
{
    private static void AssertOneLineFailure(ProcessResult result, int exitCode, string message)
    {
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
        Assert.That(result.Error, Does.Contain(message), result.ToString());
        Assert.That(result.Error + result.Output, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void A_script_that_is_not_UTF8_is_a_usage_error_and_runs_nothing()
    {
        using var folder = new TemporaryFolder();
        var script = folder.Combine("bad.ps1");
        File.WriteAllBytes(script, [.. "New-ADReplicationSite -Name Site-Ok\n"u8, .. "New-ADReplicationSite -Name Site-"u8, 0xFF, 0xFE, (byte)'\n']);
        var writes = Lab.SuccessfulWrites();

        var result = Lab.Casdir("-File", script);

        AssertOneLineFailure(result, 2, "bad.ps1:2: the script is not valid UTF-8 (byte 0xFF)");
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes), "not even the valid first line ran");
    }

    [Test]
    public void A_script_on_standard_input_that_is_not_UTF8_is_a_usage_error()
    {
        using var folder = new TemporaryFolder();
        var script = folder.Combine("bad.ps1");
        File.WriteAllBytes(script, [.. "New-ADReplicationSite -Name Site-"u8, 0xC3, (byte)'\n']);
        var writes = Lab.SuccessfulWrites();

        var result = Casdir.RunProgram("bash", ["-c", $"exec dotnet \"{Path.Combine(AppContext.BaseDirectory, "casdir.dll")}\" -File - < \"{script}\""],
            new Dictionary<string, string?> { ["CASDIR_DATA"] = Lab.DataDirectory });

        AssertOneLineFailure(result, 2, "stdin:1: the script is not valid UTF-8");
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));
    }

    /// <summary>A copy of the lab's casdir.json and account files, changed by <paramref name="change"/>.</summary>
    private TemporaryFolder BrokenCopy(Action<JsonObject> change)
    {
        var folder = new TemporaryFolder();
        var state = JsonNode.Parse(File.ReadAllText(Path.Combine(Lab.DataDirectory, "casdir.json")))!.AsObject();
        change(state);
        File.WriteAllText(folder.Combine("casdir.json"), state.ToJsonString());
        return folder;
    }

    [Test]
    public void A_state_file_with_null_accounts_is_a_clear_error()
    {
        using var copy = BrokenCopy(state => state["accounts"] = null);

        var result = InProcessCasdir.Run(["Get-ExchangeServer", "--data", copy.Path]);

        AssertOneLineFailure(result, 1, "casdir.json cannot be read");
    }

    [Test]
    public void A_missing_password_file_is_a_clear_error()
    {
        using var copy = BrokenCopy(state => state["accounts"]!["provisioning"]!["passwordFile"] = "/nonexistent/provisioning.password");

        var result = InProcessCasdir.Run(["New-ADReplicationSite", "-Name", "Site-Q", "--data", copy.Path]);

        AssertOneLineFailure(result, 1, "The provisioning account's password file /nonexistent/provisioning.password");
    }

    [Test]
    public void A_state_file_with_an_ftp_url_is_a_clear_error()
    {
        using var copy = BrokenCopy(state => { state["url"] = "ftp://127.0.0.1:3890"; state["ldapsUrl"] = null; });

        var result = InProcessCasdir.Run(["Get-ExchangeServer", "--data", copy.Path]);

        AssertOneLineFailure(result, 1, "'ftp://127.0.0.1:3890' is not an LDAP URL");
    }

    [TestCase("--SiteTopology:PollInterval=abc", "Failed to convert configuration value 'abc' at 'SiteTopology:PollInterval'", TestName = "Serve_with_a_setting_that_does_not_parse_exits_2")]
    [TestCase("--log-format xml", "--log-format must be human (text) or json, not 'xml'", TestName = "Serve_with_an_unknown_log_format_exits_2")]
    [TestCase("--data /nonexistent", "DataDirectory /nonexistent holds no CasDirectory directory", TestName = "Serve_with_a_data_folder_that_holds_no_directory_exits_2")]
    [TestCase("-DomainController ftp://x --SiteTopology:StateDirectory=/tmp", "DomainController 'ftp://x' is not an LDAP URL", TestName = "Serve_with_a_domain_controller_that_is_no_LDAP_URL_exits_2")]
    [TestCase("--SiteTopology:HttpPrefix=http://192.0.2.1:3899/", "HttpPrefix 'http://192.0.2.1:3899/' must be an http:// loopback URL", TestName = "Serve_refuses_a_status_endpoint_on_a_network_address")]
    [TestCase("--SiteTopology:HttpPrefix=http://+:99999/", "HttpPrefix 'http://+:99999/' must be an http:// loopback URL", TestName = "Serve_refuses_a_wildcard_status_endpoint_with_a_bad_port")]
    public void Serve_refuses_bad_settings_before_starting(string settings, string message)
    {
        var given = settings.Split(' ');
        // The lab's folder unless the case names its own target; no status endpoint unless the case is about it.
        string[] target = given.Contains("--data") || given.Contains("-DomainController") ? [] : ["--data", Lab.DataDirectory];
        string[] status = settings.Contains("HttpPrefix") ? [] : ["--SiteTopology:HttpPrefix="];

        var result = Casdir.Run(["serve", .. target, .. given, .. status]);

        AssertOneLineFailure(result, 2, message);
    }

    [Test]
    public void A_server_that_accepts_and_never_answers_times_out_instead_of_hanging()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // the kernel completes the handshake; nobody ever reads or answers
        var url = $"ldap://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";
        var clock = Stopwatch.StartNew();

        var result = Casdir.Run(["Get-ExchangeServer", "-DomainController", url], new Dictionary<string, string?>
        {
            ["CASDIR_CONNECT_TIMEOUT"] = "1",
            ["CASDIR_BIND_DN"] = "CN=casdir-reader,CN=Users,DC=lab,DC=local",
            ["CASDIR_BIND_PASSWORD"] = "not-a-secret",
        });

        AssertOneLineFailure(result, 1, $"{url} did not answer within 1 s");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "one wait, not one per retry");
    }

    [Test]
    public void A_connect_timeout_that_is_no_number_is_a_usage_error()
    {
        var result = Casdir.Run(["Get-ExchangeServer", "-DomainController", "ldap://127.0.0.1:1"], new Dictionary<string, string?>
        {
            ["CASDIR_CONNECT_TIMEOUT"] = "soon",
            ["CASDIR_BIND_DN"] = "CN=casdir-reader,CN=Users,DC=lab,DC=local",
            ["CASDIR_BIND_PASSWORD"] = "not-a-secret",
        });

        AssertOneLineFailure(result, 2, "CASDIR_CONNECT_TIMEOUT='soon' is not a number of seconds");
    }
}

/// <summary>Pipelines and names that once failed midway or were refused by byte counts.</summary>
[TestFixture]
public sealed class PipelineAndNameTests : FreshLabTest
{
    [Test]
    public void A_pipeline_that_removes_what_it_reads_stops_at_the_first_refusal_and_says_what_it_wrote()
    {
        var result = Lab.Casdir("Get-ExchangeServer | Remove-ExchangeServer -Confirm:$false");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("E2K10-MLT-01 cannot be removed: databases or copies live on it (MDB01)"));
        Assert.That(result.Error, Does.Contain("before the error, 2 changes were written: modified cn=E2003-BE").And.Contain("deleted cn=E2003-BE"));
        Assert.That(result.Error, Does.Not.Contain("Collection was modified"));
        Assert.That(Lab.Casdir("Get-ExchangeServer E2K10-MLT-01").ExitCode, Is.Zero, "the refused server is still there");
    }

    [TestCase("é", 64, TestName = "A_name_of_64_accented_letters_is_accepted_by_casdir_and_slapd")]
    [TestCase("名", 30, TestName = "A_name_of_30_CJK_characters_is_accepted_by_casdir_and_slapd")]
    public void Names_count_characters(string character, int count)
    {
        var name = string.Concat(Enumerable.Repeat(character, count));

        var result = Lab.Casdir("New-ADReplicationSite", "-Name", name);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Lab.Casdir("Get-ADReplicationSite", name).Output, Does.Contain(name));
    }
}
