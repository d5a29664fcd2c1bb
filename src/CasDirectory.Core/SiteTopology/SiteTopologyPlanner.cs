using CasDirectory.Core.Naming;
using CasDirectory.Core.Servers;
using CasDirectory.Core.Sites;

namespace CasDirectory.Core.SiteTopology;

/// <summary>
/// T1/T2 as Exchange's AD Topology service applies them: each Exchange server's site is the site of the most
/// specific subnet containing one of its addresses. Edge servers are skipped; a server no subnet contains
/// keeps its site and is reported. Arrays are not servers and are never planned.
/// </summary>
public static class SiteTopologyPlanner
{
    public static SiteTopologyPlan Plan(IEnumerable<ExchangeServer> servers, IReadOnlyList<AdSubnet> subnets, string cause)
    {
        var moves = new List<SiteMove>();
        var unmatched = new List<string>();
        foreach (var server in servers.Where(s => !s.HasRole(ServerRoles.Edge) && s.IPAddresses.Count > 0))
        {
            var site = SiteResolver.SiteFor(server.IPAddresses, subnets);
            if (site is null)
                unmatched.Add(server.Name);
            else if (!ObjectName.Comparer.Equals(site, server.SiteName))
                moves.Add(new SiteMove(server.Name, server.SiteName, site, cause));
        }
        return new SiteTopologyPlan(moves, unmatched);
    }
}
