using CasDirectory.Core.Arrays;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Servers;
using CasDirectory.Core.Sites;

namespace CasDirectory.Core.Topology;

/// <summary>
/// Everything the best-practice rules look at, read at one moment with a fixed number of searches.
/// Rules only query this object; they never go back to the directory.
/// </summary>
public sealed record TopologySnapshot
{
    public required string Domain { get; init; }
    public required IReadOnlyList<string> Sites { get; init; }
    public IReadOnlyList<AdSubnet> Subnets { get; init; } = [];
    public required IReadOnlyList<ExchangeServer> Servers { get; init; }
    public required IReadOnlyList<ClientAccessArray> Arrays { get; init; }
    public required IReadOnlyList<MailboxDatabase> Databases { get; init; }
    public IReadOnlyList<AutodiscoverScp> AutodiscoverScps { get; init; } = [];
    public IReadOnlyList<VirtualDirectory> VirtualDirectories { get; init; } = [];
    public IReadOnlyList<DatabaseAvailabilityGroup> DatabaseAvailabilityGroups { get; init; } = [];

    public ClientAccessArray? ArrayOf(string? site) =>
        site is null ? null : Arrays.FirstOrDefault(a => Same(a.SiteName, site));

    public IReadOnlyList<ExchangeServer> Members(ClientAccessArray array) => ClientAccessArrayMembership.Members(array, Servers);

    public ExchangeServer? Server(string? name) => name is null ? null : Servers.FirstOrDefault(s => Same(s.Name, name));

    public AutodiscoverScp? ScpOf(ExchangeServer server) => AutodiscoverScps.FirstOrDefault(s => Same(s.ServerName, server.Name));

    /// <summary>The server or array a database's RpcClientAccessServer names (by legacyExchangeDN), or null when none exists.</summary>
    public RpcClientAccessTarget? RpcClientAccessTargetOf(MailboxDatabase database)
    {
        var legacy = database.RpcClientAccessLegacyDN;
        if (legacy is null)
            return null;
        if (Arrays.FirstOrDefault(a => Same(a.LegacyExchangeDN, legacy)) is { } array)
            return new RpcClientAccessTarget(array.Name, array.Fqdn, array.SiteName, Array: array, Server: null);
        if (Servers.FirstOrDefault(s => Same(s.LegacyExchangeDN, legacy)) is { } server)
            return new RpcClientAccessTarget(server.Name, server.Fqdn ?? server.Name, server.SiteName, Array: null, Server: server);
        return null;
    }

    /// <summary>The name a database's legacyExchangeDN ends with, for an endpoint that no longer exists.</summary>
    public static string? DanglingName(MailboxDatabase database) =>
        database.RpcClientAccessLegacyDN is { } legacy ? legacy[(legacy.LastIndexOf("/cn=", StringComparison.OrdinalIgnoreCase) + 4)..] : null;

    public static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Where a database's RpcClientAccessServer points: an array or a server, and its site.</summary>
public sealed record RpcClientAccessTarget(string Name, string Fqdn, string? SiteName, ClientAccessArray? Array, ExchangeServer? Server);
