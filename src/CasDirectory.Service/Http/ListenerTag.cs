namespace CasDirectory.Service.Http;

/// <summary>
/// Which listener a request came in on: set on each connection by the listener's Kestrel endpoint, and carried as
/// metadata by the routes the listener mapped, so <see cref="ListenerMatcherPolicy"/> can keep them together.
/// </summary>
public sealed record ListenerTag(string Name);
