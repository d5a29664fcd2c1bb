using CasDirectory.Core.BestPractice;
using CasDirectory.Core.Topology;
using Microsoft.Extensions.Logging;

namespace CasDirectory.Service.Findings;

/// <summary>
/// T4: what a site move leaves stale is reported, not changed — through the same rule engine as
/// Test-CasTopology. Findings are logged when they appear, change (one "changed" line, e.g. a member list) and
/// clear, but only once they have held still for a second: sixty moves in a row are one line per finding, not
/// a raise and a clear per move. The current ones are served at /findings at once.
/// </summary>
public sealed class FindingMonitor(ILogger<FindingMonitor> logger)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);
    private readonly object _gate = new();
    private IReadOnlyList<Finding> _current = [];
    private Dictionary<string, Finding> _logged = new(StringComparer.Ordinal);
    private DateTime _lastChange = DateTime.MinValue;
    private bool _pending;

    public IReadOnlyList<Finding> Current
    {
        get { lock (_gate) return _current; }
    }

    /// <summary>
    /// True when every change of the findings has been logged (none is waiting out the second): what a caller checks,
    /// after the passes it cares about, to know the log says all it is going to say about them.
    /// </summary>
    public bool Settled
    {
        get { lock (_gate) return !_pending; }
    }

    public void Update(TopologySnapshot topology)
    {
        var findings = BestPracticeRules.Evaluate(topology);
        lock (_gate)
        {
            if (!findings.Select(Text).SequenceEqual(_current.Select(Text)))
            {
                _lastChange = DateTime.UtcNow;
                _pending = true;
            }
            _current = findings;
        }
        Flush();
    }

    /// <summary>Logs what changed since the last lines, once the findings have held still for a second.</summary>
    public void Flush()
    {
        Dictionary<string, Finding> previous, now;
        lock (_gate)
        {
            if (!_pending || DateTime.UtcNow - _lastChange < Settle)
                return;
            previous = _logged;
            now = _current.GroupBy(Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            _logged = now;
            _pending = false;
        }
        foreach (var (key, finding) in now)
        {
            if (!previous.TryGetValue(key, out var before))
                logger.Log(finding.Severity == Severity.Info ? LogLevel.Information : LogLevel.Warning,
                    "Finding {RuleId} in {Site}: {Finding} Fix: {Fix}", finding.RuleId, finding.Site ?? "(no site)", finding.Message, finding.Fix ?? "(none)");
            else if (Text(before) != Text(finding))
                logger.Log(finding.Severity == Severity.Info ? LogLevel.Information : LogLevel.Warning,
                    "Finding {RuleId} in {Site} changed: {Finding} Fix: {Fix}", finding.RuleId, finding.Site ?? "(no site)", finding.Message, finding.Fix ?? "(none)");
        }
        foreach (var (key, finding) in previous.Where(p => !now.ContainsKey(p.Key)))
            logger.LogInformation("Finding {RuleId} for {Subject} cleared", finding.RuleId, finding.Subject);
    }

    private static string Key(Finding finding) => $"{finding.RuleId}|{finding.Site}|{finding.Subject}";

    private static string Text(Finding finding) => $"{Key(finding)}|{finding.Message}|{finding.Fix}";
}
