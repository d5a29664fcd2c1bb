using CasDirectory.Cli;
using CasDirectory.Cli.Arguments;
using CasDirectory.Cli.Engine;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Cli;

/// <summary>casdir's one argument parser: each verb's options, --data wherever it stands, and the usage errors (no lab, no process).</summary>
[TestFixture]
public sealed class CommandLineTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private static Invocation Parse(params string[] args) => CommandLine.Parse(args, NoEnvironment);

    private static Invocation ParseWith(Dictionary<string, string> environment, params string[] args) =>
        CommandLine.Parse(args, name => environment.GetValueOrDefault(name));

    private static UsageException Refused(params string[] args) => Assert.Throws<UsageException>(() => Parse(args))!;

    // ---- up, down, status, repair-accesslog ----

    [Test]
    public void Up_takes_every_option_in_the_shells_style()
    {
        var up = Parse("UP", "-Data", "/d", "--PORT", "3999", "-sample:lab", "--domain=corp.example", "-Org", "Contoso", "--hostname", "ldap.lab.local", "-HostName", "dc1.lab.local");

        Assert.That(up, Is.TypeOf<UpArguments>());
        var arguments = (UpArguments)up;
        Assert.That((arguments.Data, arguments.Port, arguments.Sample, arguments.Domain, arguments.Organization),
            Is.EqualTo(("/d", (int?)3999, "lab", "corp.example", "Contoso")));
        Assert.That(arguments.HostNames, Is.EqualTo(new[] { "ldap.lab.local", "dc1.lab.local" }));
    }

    [Test]
    public void Up_without_options_leaves_them_to_the_directory()
    {
        var up = (UpArguments)Parse("up", "--data", "/d");

        Assert.That((up.Port, up.Sample, up.Domain, up.Organization), Is.EqualTo(((int?)null, (string?)null, (string?)null, (string?)null)));
        Assert.That(up.HostNames, Is.Empty);
    }

    [Test]
    public void Down_status_and_repair_accesslog_take_the_folder()
    {
        Assert.That(Parse("down", "--data", "/d"), Is.EqualTo(new DownArguments("/d")));
        Assert.That(Parse("Down", "--DATA", "/d"), Is.EqualTo(new DownArguments("/d")));
        Assert.That(Parse("repair-accesslog", "-Data:/d"), Is.EqualTo(new RepairAccessLogArguments("/d")));
        Assert.That(Parse("status", "--data", "/d"), Is.EqualTo(new StatusArguments("/d", Json: false)));
        Assert.That(Parse("status", "--data", "/d", "-Format", "json"), Is.EqualTo(new StatusArguments("/d", Json: true)));
        Assert.That(Parse("status", "--data", "/d", "-format:json"), Is.EqualTo(new StatusArguments("/d", Json: true)));
        Assert.That(Parse("status", "--data", "/d", "--format", "text"), Is.EqualTo(new StatusArguments("/d", Json: false)));
    }

    [Test]
    public void The_folder_comes_from_CASDIR_DATA_when_data_is_not_given()
    {
        var environment = new Dictionary<string, string> { ["CASDIR_DATA"] = "/from-env" };

        Assert.That(ParseWith(environment, "status"), Is.EqualTo(new StatusArguments("/from-env", false)));
        Assert.That(ParseWith(environment, "down", "--data", "/given"), Is.EqualTo(new DownArguments("/given")), "--data wins");
    }

    // ---- --data anywhere ----

    [TestCase("--data", "/d", "status")]
    [TestCase("status", "--data", "/d")]
    [TestCase("status", "-Format", "text", "--data", "/d")]
    public void Data_may_stand_before_or_after_a_verbs_other_options(params string[] args) =>
        Assert.That(Parse(args), Is.EqualTo(new StatusArguments("/d", false)));

    [Test]
    public void Data_may_stand_anywhere_around_a_line()
    {
        Assert.That(((EngineArguments)Parse("--data", "/d", "Get-ExchangeServer")).Data, Is.EqualTo("/d"));
        Assert.That(((EngineArguments)Parse("Get-ExchangeServer", "--data", "/d")).Data, Is.EqualTo("/d"));
        Assert.That(Parse("Get-ClientAccessArray", "--data", "/d", "-Site", "Site-A"),
            Is.EqualTo(new EngineArguments("Get-ClientAccessArray -Site Site-A", null, "/d", false, "Stop")));
    }

    [Test]
    public void Data_may_stand_before_or_after_a_script()
    {
        var expected = new EngineArguments(null, "s.ps1", "/d", false, "Stop");

        Assert.That(Parse("-File", "s.ps1", "--data", "/d"), Is.EqualTo(expected));
        Assert.That(Parse("--data", "/d", "-File", "s.ps1"), Is.EqualTo(expected));
    }

    [Test]
    public void Serve_and_shell_take_data_before_or_after_the_verb()
    {
        Assert.That(((ServeArguments)Parse("--data", "/d", "serve")).Data, Is.EqualTo("/d"));
        Assert.That(((ShellArguments)Parse("shell", "--data", "/d")).Data, Is.EqualTo("/d"));
        Assert.That(((ShellArguments)Parse("--data", "/d", "shell", "-Command", "Get-ExchangeServer")).Data, Is.EqualTo("/d"));
    }

    [TestCase("status", "--data", "/a", "--data", "/b")]
    [TestCase("--data", "/a", "status", "-Data", "/b")]
    [TestCase("Get-ExchangeServer", "--data", "/a", "--data", "/b")]
    [TestCase("-File", "s.ps1", "--data", "/a", "--data", "/b")]
    [TestCase("serve", "--data", "/a", "--data", "/b")]
    [TestCase("shell", "--data", "/a", "--data", "/b")]
    public void Data_given_twice_is_refused_by_every_verb(params string[] args) =>
        Assert.That(Refused(args).Message, Does.Contain("--data is given twice"));

    [TestCase("Get-ExchangeServer", "--data")]
    [TestCase("Get-ExchangeServer", "--data", "")]
    [TestCase("shell", "--data")]
    [TestCase("serve", "--data")]
    public void Data_without_a_folder_is_refused(params string[] args) =>
        Assert.That(Refused(args).Message, Is.EqualTo("--data needs a folder."));

    [TestCase("up")]
    [TestCase("down")]
    [TestCase("status")]
    [TestCase("repair-accesslog")]
    public void A_local_verb_without_a_folder_says_how_to_give_one(string verb) =>
        Assert.That(Refused(verb).Message, Is.EqualTo("No directory given: pass --data DIR or set CASDIR_DATA."));

    // ---- PowerShell lines and scripts ----

    [Test]
    public void A_line_is_the_words_joined_and_a_word_with_spaces_quoted()
    {
        Assert.That(((EngineArguments)Parse("Get-ExchangeServer | ft Name")).Line, Is.EqualTo("Get-ExchangeServer | ft Name"), "one argument is the line as is");
        Assert.That(((EngineArguments)Parse("New-ClientAccessArray", "-Name", "DFW CAS Array", "-Site", "Site-A")).Line,
            Is.EqualTo("New-ClientAccessArray -Name 'DFW CAS Array' -Site Site-A"));
        Assert.That(((EngineArguments)Parse("Get-Site", "CN=x,CN=y")).Line, Is.EqualTo("Get-Site 'CN=x,CN=y'"));
        Assert.That(((EngineArguments)Parse("Get-ExchangeServer", "|", "?", "{$_.Site -eq 'A'}")).Line, Is.EqualTo("Get-ExchangeServer | ? {$_.Site -eq 'A'}"));
    }

    [Test]
    public void A_lines_own_parameters_are_the_cmdlets_and_only_exact_data_and_stats_are_casdirs()
    {
        var line = (EngineArguments)Parse("Get-Thing", "-Data", "x", "-Stats", "--stats");

        Assert.That(line, Is.EqualTo(new EngineArguments("Get-Thing -Data x -Stats", null, null, true, "Stop")));
    }

    [Test]
    public void An_unknown_verb_is_a_PowerShell_line()
    {
        Assert.That(Parse("frobnicate"), Is.EqualTo(new EngineArguments("frobnicate", null, null, false, "Stop")));
        Assert.That(Parse("Get-Service", "up"), Is.TypeOf<EngineArguments>(), "a verb's name later on the line is a word of the line");
    }

    [Test]
    public void A_script_takes_File_Resume_ErrorAction_and_stats()
    {
        Assert.That(Parse("-File", "s.ps1", "-Resume", "-ErrorAction", "Continue", "--stats"),
            Is.EqualTo(new EngineArguments(null, "s.ps1", null, true, "Continue", Resume: true)));
        Assert.That(Parse("--file", "-", "-errorAction", "stop"), Is.EqualTo(new EngineArguments(null, "-", null, false, "stop")));
        Assert.That(Parse("–File", "s.ps1"), Is.EqualTo(new EngineArguments(null, "s.ps1", null, false, "Stop")), "an en-dash, as blogs print it");
    }

    [TestCase(new[] { "-File", "s.ps1", "-ErrorAction", "Bogus" }, "-ErrorAction 'Bogus' is not Stop or Continue.")]
    [TestCase(new[] { "-File", "s.ps1", "Get-ExchangeServer" }, "'Get-ExchangeServer' cannot follow -File")]
    [TestCase(new[] { "-File", "s.ps1", "-File", "t.ps1" }, "-File is given twice")]
    [TestCase(new[] { "-File", "s.ps1", "-Resume", "-Resume" }, "-Resume is given twice.")]
    [TestCase(new[] { "-File", "s.ps1", "-ErrorAction", "Stop", "-ErrorAction", "Stop" }, "-ErrorAction is given twice.")]
    [TestCase(new[] { "-File" }, "-File needs a script file")]
    [TestCase(new[] { "-File", "s.ps1", "-ErrorAction" }, "-ErrorAction needs Stop or Continue.")]
    [TestCase(new[] { "--stats" }, "No command given.")]
    public void Script_and_line_errors_are_usage_errors(string[] args, string message) =>
        Assert.That(Refused(args).Message, Does.Contain(message));

    [Test]
    public void The_fixtures_entry_point_is_the_same_parser() =>
        Assert.That(EngineArguments.Parse(["-File", "s.ps1", "--data", "/d"]), Is.EqualTo(CommandLine.Parse(["-File", "s.ps1", "--data", "/d"], NoEnvironment)));

    // ---- serve and shell ----

    [Test]
    public void Serve_turns_its_shorthands_into_settings_in_order_and_passes_the_rest_on()
    {
        var serve = (ServeArguments)Parse("serve", "--data", "/d", "-DomainController", "ldap://dc:389", "--log-format", "json", "--LogFile", "s.log",
            "--SiteTopology:PollInterval=00:00:01");

        Assert.That((serve.Data, serve.DomainController, serve.LogFormat, serve.LogFile), Is.EqualTo(("/d", "ldap://dc:389", "json", "s.log")));
        Assert.That(serve.Configuration, Is.EqualTo(new[]
        {
            "--SiteTopology:DataDirectory=/d", "--SiteTopology:DomainController=ldap://dc:389", "--Logging:Format=json", "--Logging:File=s.log",
            "--SiteTopology:PollInterval=00:00:01",
        }));
    }

    [Test]
    public void Serve_names_the_directory_from_the_environment_when_its_line_does_not()
    {
        var both = new Dictionary<string, string> { ["CASDIR_DATA"] = "/env", ["CASDIR_DOMAIN_CONTROLLER"] = "ldap://dc" };

        Assert.That(((ServeArguments)ParseWith(both, "serve")).Configuration, Is.EqualTo(new[] { "--SiteTopology:DomainController=ldap://dc" }));
        Assert.That(((ServeArguments)ParseWith(new() { ["CASDIR_DATA"] = "/env" }, "serve")).Configuration, Is.EqualTo(new[] { "--SiteTopology:DataDirectory=/env" }));
        Assert.That(((ServeArguments)ParseWith(both, "serve", "--SiteTopology:DataDirectory=/x")).Configuration, Is.EqualTo(new[] { "--SiteTopology:DataDirectory=/x" }));
        Assert.That(((ServeArguments)Parse("serve")).Configuration, Is.Empty);
    }

    [TestCase("-DomainController")]
    [TestCase("--log-format")]
    [TestCase("--log-file")]
    public void A_serve_shorthand_without_its_value_is_refused(string option) =>
        Assert.That(Refused("serve", option).Message, Does.Contain($"{option} needs"));

    [Test]
    public void Shell_passes_everything_but_data_to_the_console()
    {
        Assert.That(Parse("shell", "-Command", "Get-ExchangeServer | ft", "--data", "/d") is ShellArguments { Data: "/d" } shell
                    && shell.ConsoleArguments.SequenceEqual(["-Command", "Get-ExchangeServer | ft"]), Is.True);
        Assert.That(((ShellArguments)Parse("SHELL")).ConsoleArguments, Is.Empty);
    }

    // ---- help, version, the generated files ----

    [Test]
    public void No_arguments_is_casdirs_help() => Assert.That(Parse(), Is.EqualTo(new HelpArguments(null)));

    [TestCase("--help")]
    [TestCase("-h")]
    [TestCase("-?")]
    [TestCase("/?")]
    public void Help_is_casdirs_help(string help) =>
        Assert.That(Parse(help), Is.EqualTo(new HelpArguments(null)));

    [TestCase("up", "--help")]
    [TestCase("status", "-h")]
    [TestCase("down", "-Help")]
    [TestCase("schema-ldif", "-?")]
    [TestCase("serve", "--help")]
    public void A_verbs_help(string verb, string help) =>
        Assert.That(Parse(verb, help), Is.EqualTo(new HelpArguments(verb)));

    [Test]
    public void Serves_help_names_its_settings_and_the_Autodiscover_listener()
    {
        var text = CommandLine.HelpText("serve");

        Assert.That(text, Does.Contain("--Autodiscover:Url <URL>").And.Contain("--SiteTopology:HttpPrefix").And.Contain("--data <DIR>"));
        Assert.That(CommandLine.HelpText(null), Does.Contain("\n  serve "), "listed among casdir's commands");
    }

    [Test]
    public void Version_module_path_and_the_generated_files()
    {
        Assert.That(Parse("--version"), Is.EqualTo(new VersionArguments()));
        Assert.That(Parse("module-path"), Is.EqualTo(new ModulePathArguments()));
        Assert.That(Parse("schema-ldif"), Is.EqualTo(new GeneratedFileArguments(GeneratedFile.SchemaLdif)));
        Assert.That(Parse("Schema-Partition"), Is.EqualTo(new GeneratedFileArguments(GeneratedFile.SchemaPartition)));
        Assert.That(Parse("help-maml"), Is.EqualTo(new GeneratedFileArguments(GeneratedFile.HelpMaml)));
    }

    [Test]
    public void Help_text_lists_the_verbs_and_a_verbs_options()
    {
        Assert.That(CommandLine.HelpText(null), Does.Contain("Usage:\n  casdir [command] [options]").And.Contain("  repair-accesslog  Recreate"));
        Assert.That(CommandLine.HelpText("status"), Does.Contain("  --format <FORMAT>  text (default) or json, for programs. [default: text]"));
        Assert.That(CommandLine.HelpText("up"), Does.Contain("  --hostname <NAME>  A name").And.Contain("  --data <DIR>       Folder"));
    }

    // ---- the usage errors, as casdir has always worded them ----

    [TestCase(new[] { "up", "--data", "/tmp/x", "-Colour", "red" }, "Unrecognized command or argument '-Colour'.")]
    [TestCase(new[] { "schema-ldif", "extra" }, "Unrecognized command or argument 'extra'.")]
    [TestCase(new[] { "module-path", "--data", "/d" }, "Unrecognized command or argument '--data'.")]
    [TestCase(new[] { "--stats", "status", "--data", "/d" }, "Unrecognized command or argument '--stats'.")]
    [TestCase(new[] { "help" }, "Unrecognized command or argument 'help'.")]
    [TestCase(new[] { "--version", "x" }, "Unrecognized command or argument 'x'.")]
    [TestCase(new[] { "up", "--data", "/d", "--port", "many" }, "Cannot parse argument 'many' for option '--port'")]
    [TestCase(new[] { "status", "--data", "/d", "-Format", "xml" }, "Argument 'xml' not recognized. Must be one of:")]
    [TestCase(new[] { "up", "--data", "/d", "--hostname" }, "Required argument missing for option: '--hostname'.")]
    [TestCase(new[] { "up", "--data", "/d", "--port", "1", "--port", "2" }, "--port is given twice.")]
    public void Parse_errors_point_to_help(string[] args, string message)
    {
        var error = Refused(args);

        Assert.That(error.Message, Does.StartWith(message));
        Assert.That(error.PointToHelp, Is.True, "followed by: Run 'casdir --help' for usage.");
    }

    [Test]
    public void A_hostname_that_is_no_DNS_name_is_refused() =>
        Assert.That(Refused("up", "--data", "/d", "--hostname", "not a name!").Message, Does.Contain("is not a DNS name"));
}
