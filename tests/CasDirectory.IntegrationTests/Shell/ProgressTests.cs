using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Shell;

/// <summary>
/// casdir -File as a process: progress (the script's line, writes, its Write-Progress records) is drawn on standard error
/// only on a terminal or with CASDIR_PROGRESS=1, and never on standard output.
/// </summary>
[TestFixture]
public sealed class ProgressTests : FreshLabTest
{
    // Long enough for the display's first draw (half a second) and several redraws; lines 3 and 5 sleep, line 4 reports.
    private const string Script = """
        # progress test
        New-ADReplicationSite -Name Site-P1
        Start-Sleep -Milliseconds 900
        foreach ($i in 1..4) { Write-Progress -Activity 'Provisioning test sites' -Status "Site $i of 4" -PercentComplete ($i * 25); Start-Sleep -Milliseconds 250 }
        Start-Sleep -Milliseconds 600
        (Get-ADReplicationSite Site-P1).Name
        """;

    private ProcessResult RunScript(string? progress)
    {
        var file = Path.Combine(Lab.DataDirectory, "..", $"progress-{Guid.NewGuid():N}.ps1");
        File.WriteAllText(file, Script + "\n");
        try
        {
            var info = ProcessRunner.StartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "casdir.dll"), "-File", file]);
            info.Environment["CASDIR_DATA"] = Lab.DataDirectory;
            info.Environment.Remove("CASDIR_PROGRESS");
            if (progress is not null)
                info.Environment["CASDIR_PROGRESS"] = progress;
            return ProcessRunner.Run(info);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void Forced_progress_shows_the_scripts_line_and_its_Write_Progress_records_on_standard_error_only()
    {
        var result = RunScript("1");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Error, Does.Match(@"progress-\w+\.ps1 \[[=> ]+\] line [345] of 6"));
        Assert.That(result.Error, Does.Contain("line 3 of 6"));
        Assert.That(result.Error, Does.Contain("Provisioning test sites [").And.Match(@"\] (25|50|75|100)% Site \d of 4"));
        Assert.That(result.Error, Does.EndWith("\r\u001b[J"), "erased when the run ends");
        Assert.That(result.Output, Does.Not.Contain("\u001b").And.Not.Contain("line ").And.Not.Contain("Provisioning"));
        Assert.That(result.Output.Trim().Split('\n').Last().Trim(), Is.EqualTo("Site-P1"));
    }

    [Test]
    public void With_standard_error_redirected_nothing_is_drawn()
    {
        var result = RunScript(null);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Error, Is.Empty);
        Assert.That(result.Output, Does.Not.Contain("\u001b").And.Not.Contain("Provisioning"));
    }

    [Test]
    public void CASDIR_PROGRESS_0_turns_it_off()
    {
        var result = RunScript("0");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Error, Is.Empty);
    }
}
