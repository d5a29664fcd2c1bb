using CasDirectory.Core.Topology;

namespace CasDirectory.Core.BestPractice.Rules;

/// <summary>B2 (and T4): every array has at least one member.</summary>
public sealed class ArrayWithoutMembersRule : ITopologyRule
{
    public string Id => "B2";
    public Severity Severity => Severity.Error;
    public string Title => "A Client Access array has no members";

    public IEnumerable<Finding> Evaluate(TopologySnapshot topology) =>
        topology.Arrays.Where(a => topology.Members(a).Count == 0).Select(array => new Finding(Id, Severity, array.SiteName, array.Name,
            $"Client Access array {array.Name} ({array.Fqdn}) in site {array.SiteName} has no members.",
            "An array owns no servers: its members are whatever Exchange 2010 Client Access servers are in its site right now. With none " +
            "(no CAS installed there, or the CAS moved to another site), Outlook clients of the databases that point at it reach no server.",
            null));
}
