using System.Text;
using System.Text.Json;
using CasDirectory.Core.BestPractice;

namespace CasDirectory.Cli.Output;

/// <summary>Test-CasTopology's report: findings grouped by site, then a one-line summary.</summary>
public static class FindingFormatter
{
    public static string Format(IReadOnlyList<Finding> findings, OutputFormat format, Severity minimum) => format switch
    {
        OutputFormat.Json => Json(findings, minimum),
        OutputFormat.List => List(findings, minimum),
        _ => Table(findings, minimum),
    };

    public static string Summary(IReadOnlyList<Finding> findings, Severity minimum)
    {
        if (findings.Count == 0)
            return $"No findings at or above {Name(minimum)}.";
        int Count(Severity s) => findings.Count(f => f.Severity == s);
        return $"{findings.Count} finding{(findings.Count == 1 ? "" : "s")}: {Count(Severity.Error)} error, {Count(Severity.Warning)} warning, {Count(Severity.Info)} info (at or above {Name(minimum)}).";
    }

    public static string Name(Severity severity) => severity.ToString().ToLowerInvariant();

    private static string Table(IReadOnlyList<Finding> findings, Severity minimum)
    {
        var text = new StringBuilder();
        var idWidth = findings.Count == 0 ? 0 : findings.Max(f => f.RuleId.Length);
        foreach (var site in findings.GroupBy(f => f.Site ?? "(no site)"))
        {
            text.Append(site.Key).Append('\n');
            foreach (var finding in site)
            {
                var indent = new string(' ', 2 + 9 + idWidth + 2);
                text.Append($"  {Name(finding.Severity).ToUpperInvariant(),-7}  {finding.RuleId.PadRight(idWidth)}  {finding.Message}\n");
                text.Append(indent).Append("Why: ").Append(finding.Why).Append('\n');
                if (finding.Fix is not null)
                    text.Append(indent).Append("Fix: ").Append(finding.Fix).Append('\n');
            }
            text.Append('\n');
        }
        return text.Append(Summary(findings, minimum)).Append('\n').ToString();
    }

    private static string List(IReadOnlyList<Finding> findings, Severity minimum)
    {
        var text = new StringBuilder();
        foreach (var f in findings)
        {
            text.Append($"RuleId   : {f.RuleId}\nSeverity : {Name(f.Severity)}\nSite     : {f.Site}\nSubject  : {f.Subject}\nFinding  : {f.Message}\nWhy      : {f.Why}\nFix      : {f.Fix}\n\n");
        }
        return text.Append(Summary(findings, minimum)).Append('\n').ToString();
    }

    private static string Json(IReadOnlyList<Finding> findings, Severity minimum) =>
        JsonSerializer.Serialize(new
        {
            findings = findings.Select(f => new { ruleId = f.RuleId, severity = Name(f.Severity), site = f.Site, subject = f.Subject, finding = f.Message, why = f.Why, fix = f.Fix }),
            summary = new
            {
                minimumSeverity = Name(minimum),
                errors = findings.Count(f => f.Severity == Severity.Error),
                warnings = findings.Count(f => f.Severity == Severity.Warning),
                info = findings.Count(f => f.Severity == Severity.Info),
            },
        }, new JsonSerializerOptions { WriteIndented = true }) + "\n";
}
