using System.Text;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Shell;

/// <summary>
/// The module in a stock pwsh 7.6 (the PowerShell .NET tool that ./test installs into .build/tools): Import-Module
/// of the manifest casdir module-path prints, Get-Command lists every cmdlet, and the whole one-liner corpus runs
/// as pasted, each line on its own fresh lab, in one pwsh process.
/// </summary>
[TestFixture]
public sealed class StockPwshTests
{
    private static string Pwsh()
    {
        var pwsh = RepositoryPaths.Combine(".build", "tools", "pwsh");
        Assert.That(File.Exists(pwsh), Is.True,
            $"stock pwsh is missing at {pwsh}: scripts/install-prerequisites.sh installs it (dotnet tool install --tool-path .build/tools PowerShell --version 7.6.9).");
        return pwsh;
    }

    private static string ModulePath()
    {
        var result = Casdir.Run(["module-path"]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var path = result.Output.Trim();
        Assert.That(Path.IsPathRooted(path) && path.EndsWith("CasDirectory.psd1") && File.Exists(path), Is.True, path);
        return path;
    }

    private static ProcessResult RunPwsh(string script)
    {
        using var folder = new TemporaryFolder();
        var file = folder.Combine("corpus.ps1");
        File.WriteAllText(file, script);
        return Casdir.RunProgram(Pwsh(), ["-NoProfile", "-NonInteractive", "-File", file],
            new Dictionary<string, string?> { ["POWERSHELL_TELEMETRY_OPTOUT"] = "1", ["POWERSHELL_UPDATECHECK"] = "Off" });
    }

    [Test]
    public void Import_Module_in_stock_pwsh_exports_every_cmdlet_with_its_formats_and_help()
    {
        var result = RunPwsh($"""
            Import-Module '{ModulePath()}'
            (Get-Command -Module CasDirectory).Count
            (Get-Module CasDirectory).CompatiblePSEditions -join ','
            (Get-Help New-ClientAccessArray -Full).Examples.Example[0].Code
            """);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Is.EqualTo(new[]
        {
            File.ReadAllLines(RepositoryPaths.Combine("src", "CasDirectory.PowerShell", "CasDirectory.psd1")).Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+'[A-Z][a-z]+-\w+',?$")).ToString(),
            "Core",
            "New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-A",
        }));
    }

    [Test]
    public void The_one_liner_corpus_runs_as_pasted_in_stock_pwsh()
    {
        var labs = new List<LabDirectory>();
        try
        {
            var script = new StringBuilder($"$ErrorActionPreference = 'Continue'\nImport-Module '{ModulePath()}'\n");
            foreach (var oneLiner in OneLiner.Corpus)
            {
                var lab = LabDirectory.Start();
                labs.Add(lab);
                foreach (var step in oneLiner.Setup)
                    Assert.That(lab.Casdir(step).ExitCode, Is.Zero, $"{oneLiner.Id} setup: {step}");
                script.Append($"$env:CASDIR_DATA = '{lab.DataDirectory}'\n'<<<{oneLiner.Id}>>>'\n$errors = $Error.Count\n")
                      .Append($"& {{ {oneLiner.Line} }} | Out-String -Width 4096 -Stream\n")
                      .Append("if ($Error.Count -gt $errors) { \"<<<error>>> $($Error[0])\" }\n");
            }

            var result = RunPwsh(script.ToString());

            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Output, Does.Not.Contain("<<<error>>>"), result.Output);
            var sections = result.Output.Split("<<<").Skip(1).Select(s => s.Split(">>>", 2)).ToDictionary(s => s[0], s => s[1]);
            foreach (var (oneLiner, lab) in OneLiner.Corpus.Zip(labs))
            {
                Assert.That(sections.ContainsKey(oneLiner.Id), Is.True, $"{oneLiner.Id} ran");
                Expectations.Assert(oneLiner, sections[oneLiner.Id], lab);
            }
        }
        finally
        {
            labs.ForEach(l => l.Dispose());
        }
    }
}
