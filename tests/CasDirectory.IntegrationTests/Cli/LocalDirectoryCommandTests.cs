using System.Text.Json;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Cli;

/// <summary>casdir up / status / down as a user types them, with the Exchange shell's parameter style.</summary>
[TestFixture]
public sealed class LocalDirectoryCommandTests
{
    [Test]
    public void Up_status_and_down_work_with_shell_style_parameters_and_exit_codes()
    {
        using var folder = new TemporaryFolder();
        var dir = folder.Combine("lab");
        var port = FreePort.Next().ToString();

        var up = Casdir.Run(["UP", "-Data", dir, "-Port", port, "-Sample", "lab"]);
        var running = Casdir.Run(["status", "--data", dir, "-Format", "json"]);
        var down = Casdir.Run(["Down", "--DATA", dir]);
        var stopped = Casdir.Run(["status", "--data", dir, "-format:json"]);

        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(up.Output, Does.Contain($"URL: ldap://127.0.0.1:{port}").And.Contain("with sample 'lab'"));
        Assert.That(running.ExitCode, Is.Zero, running.ToString());
        Assert.That(JsonDocument.Parse(running.Output).RootElement.GetProperty("running").GetBoolean(), Is.True);
        Assert.That(down.ExitCode, Is.Zero, down.ToString());
        Assert.That(stopped.ExitCode, Is.EqualTo(1), "status exits 1 when the directory is not running");
        Assert.That(JsonDocument.Parse(stopped.Output).RootElement.GetProperty("running").GetBoolean(), Is.False);
    }

    [Test]
    public void The_directory_folder_can_come_from_CASDIR_DATA()
    {
        using var folder = new TemporaryFolder();
        var environment = new Dictionary<string, string?> { ["CASDIR_DATA"] = folder.Combine("lab") };

        var up = Casdir.Run(["up", "--port", FreePort.Next().ToString()], environment);
        var status = Casdir.Run(["status"], environment);
        var down = Casdir.Run(["down"], environment);

        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(status.Output, Does.StartWith("running"));
        Assert.That(down.ExitCode, Is.Zero, down.ToString());
    }

    [Test]
    public void A_directory_made_before_casdir_guard_is_started_with_a_warning_saying_how_to_get_it()
    {
        using var folder = new TemporaryFolder();
        var dir = folder.Combine("lab");
        var port = FreePort.Next().ToString();
        Assert.That(Casdir.Run(["up", "--data", dir, "--port", port]).ExitCode, Is.Zero);
        Assert.That(Casdir.Run(["down", "--data", dir]).ExitCode, Is.Zero);
        var config = Path.Combine(dir, "slapd", "slapd.conf");
        File.WriteAllLines(config, File.ReadAllLines(config).Where(l => !l.Contains("casdir_guard_init"))); // as older casdirs wrote it

        var up = Casdir.Run(["up", "--data", dir]);
        Casdir.Run(["down", "--data", dir]);

        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(up.Error, Does.Contain("was created by an older casdir: its slapd runs without casdir-guard").And.Contain($"rm -rf {dir}"));
    }

    [TestCase(new[] { "frobnicate" }, "The term 'frobnicate' is not recognized", TestName = "An_unknown_verb_is_a_usage_error")]
    [TestCase(new[] { "up", "--data", "/tmp/x", "-Colour", "red" }, "Unrecognized", TestName = "An_unknown_parameter_is_a_usage_error")]
    [TestCase(new[] { "up" }, "pass --data DIR or set CASDIR_DATA", TestName = "A_missing_data_folder_is_a_usage_error")]
    [TestCase(new[] { "up", "--data", "/tmp/x", "--port", "many" }, "many", TestName = "A_port_that_is_not_a_number_is_a_usage_error")]
    [TestCase(new[] { "up", "--data", "/tmp/casdir-never", "-Domain", "lab" }, "two labels", TestName = "A_bad_domain_is_a_usage_error")]
    [TestCase(new[] { "status", "--data", "/tmp/x", "-Format", "xml" }, "xml", TestName = "An_unknown_format_is_a_usage_error")]
    public void Usage_errors_exit_with_2_and_say_what_is_wrong(string[] arguments, string message)
    {
        var result = Casdir.Run(arguments);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(Directory.Exists("/tmp/casdir-never"), Is.False);
    }

    [Test]
    public void Missing_slapd_exits_with_1_and_the_install_command()
    {
        using var folder = new TemporaryFolder();

        var result = Casdir.Run(["up", "--data", folder.Combine("lab")], new Dictionary<string, string?> { ["CASDIR_SLAPD_PATH"] = folder.Combine("no-such-folder") });

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("apt-get install -y slapd ldap-utils"));
    }

    [Test]
    public void Status_of_a_folder_without_a_directory_exits_with_1_and_says_how_to_create_one()
    {
        using var folder = new TemporaryFolder();

        var result = Casdir.Run(["status", "--data", folder.Path]);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("holds no CasDirectory directory").And.Contain("casdir up --data"));
    }

    [Test]
    public void The_repository_launcher_builds_casdir_on_first_use_and_runs_it()
    {
        using var folder = new TemporaryFolder();
        var launcher = RepositoryPaths.Combine("casdir");
        var environment = new Dictionary<string, string?> { ["CASDIR_BUILD_DIR"] = folder.Combine("build") };

        var up = Casdir.RunProgram(launcher, ["up", "--data", folder.Combine("lab"), "--port", FreePort.Next().ToString(), "--sample", "lab"], environment, workingDirectory: folder.Path);
        var down = Casdir.RunProgram(launcher, ["down", "--data", folder.Combine("lab")], environment);

        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(up.Output, Does.Contain("URL: ldap://127.0.0.1:"));
        Assert.That(File.Exists(Path.Combine(folder.Path, "build", "casdir")), Is.True);
        Assert.That(down.ExitCode, Is.Zero, down.ToString());
    }
}
