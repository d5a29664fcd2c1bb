using System.Management.Automation;
using CasDirectory.Core.BestPractice;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Topology;

/// <summary>
/// <para type="synopsis">Checks the topology against the CAS array best practices (B1–B6, T4) and writes one finding per problem, with why it matters and the command that fixes it.</para>
/// <para type="description">Sets $LASTEXITCODE to 1 when anything at or above -MinimumSeverity was found and 0 otherwise; casdir exits with it, so CI pipelines can gate on the report.</para>
/// </summary>
/// <example>
/// <code>Test-CasTopology -MinimumSeverity Warning | fl RuleId,Message,Why,Fix</code>
/// <para>Lists what goes against the CAS array best practices, with the command that fixes each finding.</para>
/// </example>
[Cmdlet(VerbsDiagnostic.Test, "CasTopology")]
[OutputType(typeof(Finding))]
public sealed class TestCasTopologyCommand : CasDirectoryCmdlet
{
    /// <summary>Only the findings of this site.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SiteNameCompleter))]
    public SiteIdParameter? Site { get; set; }

    /// <summary>Info (default), Warning or Error: report only findings at or above it.</summary>
    [Parameter]
    public Severity MinimumSeverity { get; set; } = Severity.Info;

    protected override void InternalProcessRecord()
    {
        var topology = DataSession.ReadTopology();
        var site = Site is null ? null : ObjectLookup.Site(topology.Sites, Site.RawIdentity, DataSession.Partition);
        var findings = BestPracticeRules.Evaluate(topology, site, MinimumSeverity);
        foreach (var finding in findings)
            WriteObject(finding);
        var summary = FindingSummary.Of(findings, MinimumSeverity);
        if (findings.Count > 0)
            WriteWarning(summary);
        else
            WriteVerbose(summary);
        SessionState.PSVariable.Set(new PSVariable("global:LASTEXITCODE", findings.Count > 0 ? 1 : 0));
    }
}
