using CasDirectory.Core.Servers;
using CasDirectory.Core.Topology;

namespace CasDirectory.Core.BestPractice.Rules;

/// <summary>B1 (and T4): every site with Exchange 2010 Mailbox or Client Access servers has an array, even with a single CAS.</summary>
public sealed class SiteWithoutArrayRule : ITopologyRule
{
    public string Id => "B1";
    public Severity Severity => Severity.Warning;
    public string Title => "A site with Exchange 2010 servers has no Client Access array";

    public IEnumerable<Finding> Evaluate(TopologySnapshot topology)
    {
        foreach (var site in topology.Sites.Where(s => topology.ArrayOf(s) is null))
        {
            var servers = topology.Servers.Where(s => s.IsExchange2010 && TopologySnapshot.Same(s.SiteName, site) && !s.HasRole(ServerRoles.Edge)
                                                      && (s.HasRole(ServerRoles.Mailbox) || s.HasRole(ServerRoles.ClientAccess))).ToList();
            if (servers.Count == 0)
                continue;
            var kind = servers.Any(s => s.HasRole(ServerRoles.Mailbox)) ? "Mailbox" : "Client Access";
            yield return new Finding(Id, Severity, site, site,
                $"Site {site} has Exchange 2010 {kind} servers ({string.Join(", ", servers.Select(s => s.Name))}) and no Client Access array.",
                "An array is only a directory object, but it is the name databases give Outlook. Without one, each database names a single server, " +
                "and replacing that server means touching every Outlook profile. Create it even for one Client Access server, and before the databases.",
                FixCommands.NewArray(topology, site));
        }
    }
}
