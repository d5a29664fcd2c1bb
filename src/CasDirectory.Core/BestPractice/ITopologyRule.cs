using CasDirectory.Core.Topology;

namespace CasDirectory.Core.BestPractice;

/// <summary>A best-practice rule (docs/rules.md, B1–B6 and T4): reads a snapshot, never the directory.</summary>
public interface ITopologyRule
{
    /// <summary>Stable ID, e.g. "B1" or "B3-CROSS-SITE": scripts and the hosted service key on it.</summary>
    string Id { get; }
    Severity Severity { get; }
    string Title { get; }
    IEnumerable<Finding> Evaluate(TopologySnapshot topology);
}
