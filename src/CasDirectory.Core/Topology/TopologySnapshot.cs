using CasDirectory.Core.Arrays;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Naming;
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
    /// <summary>What each mailbox's Outlook profile holds, where Autodiscover recorded one (docs/outlook.md, O8), with the mailbox's database now.</summary>
    public IReadOnlyList<ClientView.MailboxProfile> OutlookProfiles { get; init; } = [];
    /// <summary>Entries the read could not parse: left out of the lists above, reported by MalformedObjectRule.</summary>
    public IReadOnlyList<MalformedObject> Malformed { get; init; } = [];

    // Lookups by key, built on first use: rules run over every database and server, so they must not scan.
    private Indexes? _indexes;

    public TopologySnapshot()
    {
    }

    /// <summary>Copies for `with`, leaving the indexes behind: they describe the original's collections.</summary>
    private TopologySnapshot(TopologySnapshot original)
    {
        Domain = original.Domain;
        Sites = original.Sites;
        Subnets = original.Subnets;
        Servers = original.Servers;
        Arrays = original.Arrays;
        Databases = original.Databases;
        AutodiscoverScps = original.AutodiscoverScps;
        VirtualDirectories = original.VirtualDirectories;
        DatabaseAvailabilityGroups = original.DatabaseAvailabilityGroups;
        OutlookProfiles = original.OutlookProfiles;
        Malformed = original.Malformed;
    }
    private Indexes Index => _indexes ??= new Indexes(this);

    public ClientAccessArray? ArrayOf(string? site) => site is null ? null : Index.ArrayBySite.GetValueOrDefault(site);

    public IReadOnlyList<ExchangeServer> Members(ClientAccessArray array) => ClientAccessArrayMembership.Members(array, Servers);

    public ExchangeServer? Server(string? name) => name is null ? null : Index.ServerByName.GetValueOrDefault(name);

    public AutodiscoverScp? ScpOf(ExchangeServer server) => Index.ScpByServer.GetValueOrDefault(server.Name);

    /// <summary>Whether the site has an Exchange 2010 Client Access server (with the RPC Client Access service).</summary>
    public bool HasRpcClientAccessServer(string? site) => site is not null && Index.SitesWithRpcClientAccess.Contains(site);

    /// <summary>The server or array a database's RpcClientAccessServer names (by legacyExchangeDN), or null when none exists.</summary>
    public RpcClientAccessTarget? RpcClientAccessTargetOf(MailboxDatabase database) =>
        database.RpcClientAccessLegacyDN is { } legacy ? Index.TargetByLegacyDn.GetValueOrDefault(legacy) : null;

    private sealed class Indexes
    {
        public Indexes(TopologySnapshot topology)
        {
            var comparer = ObjectName.Comparer;
            ServerByName = topology.Servers.GroupBy(s => s.Name, comparer).ToDictionary(g => g.Key, g => g.First(), comparer);
            ArrayBySite = topology.Arrays.Where(a => a.SiteName is not null).GroupBy(a => a.SiteName!, comparer).ToDictionary(g => g.Key, g => g.First(), comparer);
            ScpByServer = topology.AutodiscoverScps.GroupBy(s => s.ServerName, comparer).ToDictionary(g => g.Key, g => g.First(), comparer);
            SitesWithRpcClientAccess = topology.Servers.Where(s => s.IsRpcClientAccessServer && s.SiteName is not null).Select(s => s.SiteName!).ToHashSet(comparer);
            TargetByLegacyDn = new Dictionary<string, RpcClientAccessTarget>(comparer);
            foreach (var server in topology.Servers.Where(s => s.LegacyExchangeDN is not null))
                TargetByLegacyDn.TryAdd(server.LegacyExchangeDN!, new RpcClientAccessTarget(server.Name, server.Fqdn ?? server.Name, server.SiteName, Array: null, Server: server));
            foreach (var array in topology.Arrays.Where(a => a.LegacyExchangeDN is not null))
                TargetByLegacyDn[array.LegacyExchangeDN!] = new RpcClientAccessTarget(array.Name, array.Fqdn, array.SiteName, Array: array, Server: null);
        }

        public Dictionary<string, ExchangeServer> ServerByName { get; }
        public Dictionary<string, ClientAccessArray> ArrayBySite { get; }
        public Dictionary<string, AutodiscoverScp> ScpByServer { get; }
        public HashSet<string> SitesWithRpcClientAccess { get; }
        public Dictionary<string, RpcClientAccessTarget> TargetByLegacyDn { get; }
    }

    /// <summary>The name a database's legacyExchangeDN ends with, for an endpoint that no longer exists.</summary>
    public static string? DanglingName(MailboxDatabase database) =>
        database.RpcClientAccessLegacyDN is { } legacy ? legacy[(legacy.LastIndexOf("/cn=", StringComparison.OrdinalIgnoreCase) + 4)..] : null;

    public static bool Same(string? a, string? b) => ObjectName.Same(a, b);
}

/// <summary>Where a database's RpcClientAccessServer points: an array or a server, and its site.</summary>
public sealed record RpcClientAccessTarget(string Name, string Fqdn, string? SiteName, ClientAccessArray? Array, ExchangeServer? Server);
