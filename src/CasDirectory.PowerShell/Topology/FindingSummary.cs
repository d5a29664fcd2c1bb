using CasDirectory.Core.BestPractice;

namespace CasDirectory.PowerShell.Topology;

/// <summary>Test-CasTopology's closing line: how many findings of each severity, at or above the threshold.</summary>
public static class FindingSummary
{
    public static string Of(IReadOnlyList<Finding> findings, Severity minimum)
    {
        var threshold = minimum.ToString().ToLowerInvariant();
        if (findings.Count == 0)
            return $"No findings at or above {threshold}.";
        int Count(Severity s) => findings.Count(f => f.Severity == s);
        return $"{findings.Count} finding{(findings.Count == 1 ? "" : "s")}: {Count(Severity.Error)} error, {Count(Severity.Warning)} warning, {Count(Severity.Info)} info (at or above {threshold}).";
    }
}
