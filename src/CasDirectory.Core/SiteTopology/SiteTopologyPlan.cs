namespace CasDirectory.Core.SiteTopology;

/// <summary>What a reconcile pass should write: the moves, and the servers no subnet contains (left as they are, T2).</summary>
public sealed record SiteTopologyPlan(IReadOnlyList<SiteMove> Moves, IReadOnlyList<string> ServersWithoutSubnet);
