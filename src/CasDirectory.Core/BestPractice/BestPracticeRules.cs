using CasDirectory.Core.BestPractice.Rules;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Topology;

namespace CasDirectory.Core.BestPractice;

/// <summary>The rule engine: every rule over one snapshot, findings ordered by site, then severity, then rule.
/// Test-CasTopology and the hosted service's warnings both come from here.</summary>
public static class BestPracticeRules
{
    public static IReadOnlyList<ITopologyRule> All { get; } =
    [
        new SiteWithoutArrayRule(), new ArrayWithoutMembersRule(), new DatabasePointsAtMissingObjectRule(), new DatabasePointsAtMailboxServerRule(),
        new DatabasePointsAcrossSitesRule(), new DatabaseNotBehindArrayRule(), new ArrayFqdnClashRule(), new AutodiscoverSiteScopeRule(),
        new DatabaseOlderThanArrayRule(), new ServerLeftArrayRule(), new MailboxWithoutClientAccessRule(), new IncompleteObjectRule(),
        new MalformedObjectRule(), new TwoArraysInSiteRule(), new StaleOutlookProfileRule(), new DanglingReferenceRule(),
    ];

    public static IReadOnlyList<Finding> Evaluate(TopologySnapshot topology, string? site = null, Severity minimum = Severity.Info, IEnumerable<ITopologyRule>? rules = null) =>
        (rules ?? All).SelectMany(rule => rule.Evaluate(topology))
            .Where(f => f.Severity >= minimum && (site is null || TopologySnapshot.Same(f.Site, site)))
            .OrderBy(f => f.Site ?? "", ObjectName.Comparer)
            .ThenByDescending(f => f.Severity)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Subject, ObjectName.Comparer)
            .ToList();
}
