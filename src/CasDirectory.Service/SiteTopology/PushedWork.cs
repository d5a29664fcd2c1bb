namespace CasDirectory.Service.SiteTopology;

/// <summary>
/// What the pushed access log asks of the updater since it last asked: why (logged with each move), and which servers to
/// re-plan: only the named ones when every record concerned a server's own entry (T3 narrowed, docs/rules.md), every
/// server when <see cref="Servers"/> is null.
/// </summary>
public sealed record PushedWork(string Cause, IReadOnlyCollection<string>? Servers);
