using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Shell;

/// <summary>casdir as a process: words from bash joined into one line, casdir shell -Command, module-path.</summary>
[TestFixture]
public sealed class CasdirProcessTests : SharedLabTest
{
    [Test]
    public void Separate_words_from_the_shell_make_one_line_and_a_word_with_spaces_stays_one_argument()
    {
        var result = Lab.CasdirProcess(["Get-ExchangeServer", "|", "where", "{$_.Name -like 'E2K10*'}", "|", "Format-Table", "Name,Site"]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Match(Table.Row("E2K10-MLT-01  lab.local/Configuration/Sites/Site-A")).And.Not.Contain("E2K7"));
    }

    [Test]
    public void Shell_Command_runs_a_line_non_interactively_with_the_module_loaded()
    {
        var result = Lab.CasdirProcess(["shell", "-Command", "(Get-ExchangeServer | Measure-Object).Count; (Get-Command -Module CasDirectory).Count -gt 40"]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Is.EqualTo(new[] { "4", "True" }));
    }

    [Test]
    public void Module_path_prints_the_manifest_beside_casdir() =>
        Assert.That(Casdir.Run(["module-path"]).Output.Trim(), Is.EqualTo(Path.Combine(AppContext.BaseDirectory, "CasDirectory.psd1")));

    [Test]
    public void A_script_from_standard_input_that_fails_exits_1_from_the_process()
    {
        var result = Lab.CasdirProcess(["-File", "-"], "Get-ClientAccessArray NoSuchArray\n");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("stdin:1: Get-ClientAccessArray: The Client Access array 'NoSuchArray' was not found."));
    }
}
