using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CasDirectory.Service.Http;

/// <summary>
/// One Kestrel listener of the service and the routes only it answers (Hosting/HttpListeners.cs adds each one): the
/// status endpoint on loopback today; an HTTPS listener with routes of its own can stand beside it, and neither
/// answers the other's paths.
/// </summary>
public interface IListener
{
    /// <summary>What it is, for logs and errors: "the status endpoint".</summary>
    string Name { get; }

    /// <summary>The setting its address comes from, named when it cannot listen.</summary>
    string Setting { get; }

    /// <summary>Where it listens; null when its setting switches it off.</summary>
    ListenAddress? Address { get; }

    /// <summary>What its connections need beyond the address (an HTTPS listener: UseHttps with its certificate).</summary>
    void Configure(ListenOptions listen);

    /// <summary>Maps its routes, and its answer to any other path, on a group under its address's path.</summary>
    void Map(IEndpointRouteBuilder routes);

    /// <summary>Says where it listens, once the server is up.</summary>
    void Announce();
}
