using CasDirectory.Core.Topology;

namespace CasDirectory.Core.BestPractice.Rules;

/// <summary>B5 (and T4): each Client Access server's AutoDiscoverSiteScope includes its current site.</summary>
public sealed class AutodiscoverSiteScopeRule : ITopologyRule
{
    public string Id => "B5";
    public Severity Severity => Severity.Warning;
    public string Title => "A Client Access server's AutoDiscoverSiteScope does not name its site";

    public IEnumerable<Finding> Evaluate(TopologySnapshot topology)
    {
        foreach (var server in topology.Servers.Where(s => s.SiteName is not null))
        {
            if (topology.ScpOf(server) is not { } scp || scp.SiteScope.Any(s => TopologySnapshot.Same(s, server.SiteName)))
                continue;
            yield return new Finding(Id, Severity, server.SiteName, server.Name,
                $"{server.Name} is in site {server.SiteName} but its AutoDiscoverSiteScope is {{{string.Join(", ", scp.SiteScope)}}}.",
                "Setup writes the site the server was installed in; nothing updates it after a site move. Outlook clients in the server's new site " +
                "do not prefer it for Autodiscover, and clients of the old site still do.",
                $"casdir Set-ClientAccessServer {server.Name} -AutoDiscoverSiteScope {FixCommands.Quote(server.SiteName!)}");
        }
    }
}
