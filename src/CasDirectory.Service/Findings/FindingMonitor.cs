using CasDirectory.Core.BestPractice;
using CasDirectory.Core.Topology;
using Microsoft.Extensions.Logging;

namespace CasDirectory.Service.Findings;

/// <summary>
/// T4: what a site move leaves stale is reported, not changed — through the same rule engine as
/// Test-CasTopology. Each finding is logged once when it appears (not on every pass) and once when it clears;
/// the current ones are served at /findings.
/// </summary>
public sealed class FindingMonitor(ILogger<FindingMonitor> logger)
{
    private readonly object _gate = new();
    private IReadOnlyList<Finding> _current = [];

    public IReadOnlyList<Finding> Current
    {
        get { lock (_gate) return _current; }
    }

    public void Update(TopologySnapshot topology)
    {
        var findings = BestPracticeRules.Evaluate(topology);
        IReadOnlyList<Finding> previous;
        lock (_gate)
        {
            previous = _current;
            _current = findings;
        }
        var before = previous.Select(Key).ToHashSet();
        var now = findings.Select(Key).ToHashSet();
        foreach (var finding in findings.Where(f => !before.Contains(Key(f))))
            logger.Log(finding.Severity == Severity.Info ? LogLevel.Information : LogLevel.Warning,
                "Finding {RuleId} in {Site}: {Finding} Fix: {Fix}", finding.RuleId, finding.Site ?? "(no site)", finding.Message, finding.Fix ?? "(none)");
        foreach (var finding in previous.Where(f => !now.Contains(Key(f))))
            logger.LogInformation("Finding {RuleId} for {Subject} cleared", finding.RuleId, finding.Subject);
    }

    private static string Key(Finding finding) => $"{finding.RuleId}|{finding.Site}|{finding.Subject}|{finding.Message}";
}
