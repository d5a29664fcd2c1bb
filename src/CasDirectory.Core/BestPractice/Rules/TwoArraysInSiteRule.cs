using CasDirectory.Core.Naming;
using CasDirectory.Core.Topology;

namespace CasDirectory.Core.BestPractice.Rules;

/// <summary>A2: one array per site. The directory refuses a second to every account but its administrator; if one got in, say so.</summary>
public sealed class TwoArraysInSiteRule : ITopologyRule
{
    public string Id => "A2";
    public Severity Severity => Severity.Error;
    public string Title => "A site holds more than one Client Access array";

    public IEnumerable<Finding> Evaluate(TopologySnapshot topology) =>
        topology.Arrays.Where(a => a.SiteName is not null)
            .GroupBy(a => a.SiteName!, ObjectName.Comparer)
            .Where(g => g.Count() > 1)
            .Select(g => g.OrderBy(a => a.Created ?? DateTimeOffset.MaxValue).ThenBy(a => a.Name, ObjectName.Comparer).ToList())
            .Select(arrays => new Finding(Id, Severity, arrays[0].SiteName, arrays[^1].Name,
                $"Site {arrays[0].SiteName} holds {arrays.Count} Client Access arrays ({string.Join(", ", arrays.Select(a => a.Name))}).",
                "Exchange 2010 allows one array per site: databases are given the site's array, and with two which one they get depends on " +
                "the order the directory answers in. Only the directory administrator could have written the second.",
                $"casdir Remove-ClientAccessArray {FixCommands.Quote(arrays[^1].Name)} -Confirm:$false"));
}
