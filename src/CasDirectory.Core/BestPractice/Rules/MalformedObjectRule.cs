using CasDirectory.Core.Topology;

namespace CasDirectory.Core.BestPractice.Rules;

/// <summary>Malformed entries (docs/rules.md): what the read could not parse, so every verb left it out.</summary>
public sealed class MalformedObjectRule : ITopologyRule
{
    public string Id => "MALFORMED";
    public Severity Severity => Severity.Error;
    public string Title => "An entry casdir cannot read";

    public IEnumerable<Finding> Evaluate(TopologySnapshot topology) =>
        topology.Malformed.Select(m => new Finding(Id, Severity, null, m.Name,
            $"{m.DistinguishedName}: {m.Attribute} {(m.Value is null ? "is missing" : $"'{m.Value}'")}: {m.Why}.",
            "The directory's rules refuse such values from casdir's accounts, so it was written by the directory administrator or another tool. " +
            "Every casdir verb skips what it cannot read; Exchange would stumble over it.",
            $"fix or delete it as the directory administrator, e.g. ldapdelete -D <admin DN> \"{m.DistinguishedName}\""));
}
