using CasDirectory.Core.Topology;

namespace CasDirectory.Core.BestPractice.Rules;

/// <summary>B4: an array FQDN differs from every OWA/ECP/EWS/OAB/Autodiscover and Outlook Anywhere host, server name and DAG name.</summary>
public sealed class ArrayFqdnClashRule : ITopologyRule
{
    public string Id => "B4";
    public Severity Severity => Severity.Error;
    public string Title => "An array FQDN is also a web-service, Outlook Anywhere, server or DAG name";

    public IEnumerable<Finding> Evaluate(TopologySnapshot topology)
    {
        var uses = HostNames.Uses(topology).ToList();
        foreach (var array in topology.Arrays)
        {
            var clashes = uses.Where(u => TopologySnapshot.Same(u.Host, array.Fqdn)
                                          || (u.What.StartsWith("the name of DAG", StringComparison.Ordinal) && TopologySnapshot.Same(u.Host.Split('.')[0], array.Fqdn.Split('.')[0])))
                .Select(u => u.What).Distinct().ToList();
            if (clashes.Count == 0)
                continue;
            yield return new Finding(Id, Severity, array.SiteName, array.Name,
                $"Client Access array {array.Name}'s FQDN {array.Fqdn} is also {string.Join("; ", clashes)}.",
                "The array name is for MAPI clients inside the network and should resolve only to the internal load balancer. Shared with an HTTPS " +
                "name it ends up in external DNS and on certificates, and external Outlook clients wait for RPC/TCP to time out; shared with a DAG " +
                "it collides with the cluster's own DNS registration.",
                $"casdir Set-ClientAccessArray {FixCommands.Quote(array.Name)} -Fqdn {FixCommands.FreeArrayFqdn(topology, array.SiteName ?? array.Name, array.Name)}");
        }
    }
}
