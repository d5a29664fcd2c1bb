using CasDirectory.Core.Topology;

namespace CasDirectory.Core.BestPractice.Rules;

/// <summary>T4: a Client Access server that moved out of a site with an array is no longer that array's member.
/// Its AutoDiscoverSiteScope still names the site it was installed in, which is how the move shows.</summary>
public sealed class ServerLeftArrayRule : ITopologyRule
{
    public string Id => "T4-LEFT-ARRAY";
    public Severity Severity => Severity.Info;
    public string Title => "A Client Access server moved out of its array's site";

    public IEnumerable<Finding> Evaluate(TopologySnapshot topology)
    {
        foreach (var server in topology.Servers.Where(s => s.IsRpcClientAccessServer && s.SiteName is not null))
        {
            if (topology.ScpOf(server) is not { } scp)
                continue;
            foreach (var formerSite in scp.SiteScope.Where(s => !TopologySnapshot.Same(s, server.SiteName)))
            {
                if (topology.ArrayOf(formerSite) is not { } array)
                    continue;
                var remaining = topology.Members(array).Select(m => m.Name).ToList();
                yield return new Finding(Id, Severity, formerSite, server.Name,
                    $"{server.Name} is now in site {server.SiteName}, so it is no longer a member of {array.Name} ({formerSite}); {array.Name} keeps {(remaining.Count == 0 ? "no members" : string.Join(", ", remaining))}.",
                    "Array membership is computed from the servers' sites at read time: a site move takes a server out of its array at once, " +
                    "while its Autodiscover scope and its databases stay as they were.",
                    $"casdir Set-ClientAccessServer {server.Name} -AutoDiscoverSiteScope {FixCommands.Quote(server.SiteName!)}");
            }
        }
    }
}
