using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace CasDirectory.Service.Http;

/// <summary>
/// A route answers only on the listener that mapped it: a path of the loopback status endpoint is not found on
/// another listener, whatever Host header the client sends (RequireHost would trust that header, and a container's
/// published port is not the port Kestrel sees). Each listener's own not-found answer is chosen the same way.
/// </summary>
public sealed class ListenerMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(e => e.Metadata.GetMetadata<ListenerTag>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var listener = httpContext.Features.Get<ListenerTag>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i) && candidates[i].Endpoint.Metadata.GetMetadata<ListenerTag>() is { } owner && owner != listener)
                candidates.SetValidity(i, false);
        }
        return Task.CompletedTask;
    }
}
