using System.Net;
using CasDirectory.Core.Arrays;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Servers;
using CasDirectory.Core.Topology;

namespace CasDirectory.Core.Tests.BestPractice;

/// <summary>Builds topology snapshots for rule tests: a lab-like organisation in a few lines.</summary>
public sealed class TopologyBuilder
{
    private static readonly ConfigurationPartition Partition = ConfigurationPartition.Default;
    private readonly List<string> _sites = [];
    private readonly List<ExchangeServer> _servers = [];
    private readonly List<ClientAccessArray> _arrays = [];
    private readonly List<MailboxDatabase> _databases = [];
    private readonly List<AutodiscoverScp> _scps = [];
    private readonly List<VirtualDirectory> _directories = [];
    private readonly List<DatabaseAvailabilityGroup> _dags = [];

    public TopologyBuilder Site(string name) { _sites.Add(name); return this; }

    /// <summary>An Exchange 2010 multi-role server (Mailbox, ClientAccess, HubTransport) with its SCP scoped to its site.</summary>
    public TopologyBuilder Cas(string name, string site, string? scpSite = null) =>
        Server(name, site, ServerRoles.Mailbox | ServerRoles.ClientAccess | ServerRoles.HubTransport, scpSite: scpSite ?? site);

    public TopologyBuilder Server(string name, string? site, ServerRoles roles, string version = "14.2.247.5", string? scpSite = null)
    {
        var parsed = ServerVersion.Parse(version);
        _servers.Add(new ExchangeServer
        {
            Name = name, DistinguishedName = Partition.ServerDn(name), Fqdn = $"{name}.lab.local", Roles = roles, Version = parsed, SiteName = site,
            IPAddresses = [IPAddress.Parse("10.1.0.11")], LegacyExchangeDN = Partition.ServerLegacyDn(name),
            HasRpcClientAccess = parsed.IsExchange2010 && roles.HasFlag(ServerRoles.ClientAccess),
        });
        if (roles.HasFlag(ServerRoles.ClientAccess))
            _scps.Add(new AutodiscoverScp(name, "", scpSite is null ? [] : [scpSite], $"https://{name}.lab.local/Autodiscover/Autodiscover.xml"));
        return this;
    }

    public TopologyBuilder Array(string name, string fqdn, string site, DateTimeOffset? created = null)
    {
        _arrays.Add(new ClientAccessArray { Name = name, DistinguishedName = Partition.ArrayDn(name), Fqdn = fqdn, SiteName = site, LegacyExchangeDN = Partition.ServerLegacyDn(fqdn), Created = created });
        return this;
    }

    /// <summary>A mailbox database on a server, pointing at the server or array named <paramref name="pointsAt"/> (by legacyExchangeDN).</summary>
    public TopologyBuilder Database(string name, string server, string pointsAt, DateTimeOffset? created = null)
    {
        var target = _arrays.FirstOrDefault(a => a.Name == pointsAt)?.LegacyExchangeDN
                     ?? _servers.FirstOrDefault(s => s.Name == pointsAt)?.LegacyExchangeDN
                     ?? Partition.ServerLegacyDn(pointsAt);
        _databases.Add(new MailboxDatabase { Name = name, DistinguishedName = Partition.DatabaseDn(name), ServerName = server, CopyServerNames = [server], LegacyExchangeDN = MailboxDatabase.LegacyDnFor(target), Created = created });
        return this;
    }

    public TopologyBuilder VirtualDirectory(VirtualDirectoryKind kind, string server, string? internalUrl, string? externalUrl)
    {
        _directories.Add(new VirtualDirectory(kind, server, $"{kind.DirectoryName} (Default Web Site)", "", internalUrl, externalUrl));
        return this;
    }

    public TopologyBuilder Dag(string name)
    {
        _dags.Add(new DatabaseAvailabilityGroup(name, "", [], []));
        return this;
    }

    public TopologySnapshot Build() => new()
    {
        Domain = "lab.local", Sites = _sites, Servers = _servers, Arrays = _arrays, Databases = _databases,
        AutodiscoverScps = _scps, VirtualDirectories = _directories, DatabaseAvailabilityGroups = _dags,
    };

    /// <summary>The lab after the article's steps: Site-A with two 2010 CAS, an array, databases pointing at it.</summary>
    public static TopologyBuilder HealthyLab() => new TopologyBuilder()
        .Site("Site-A").Site("Site-B")
        .Cas("E2K10-MLT-01", "Site-A").Cas("E2K10-MLT-02", "Site-A")
        .Server("E2K7-MLT-02", "Site-A", ServerRoles.Mailbox | ServerRoles.ClientAccess | ServerRoles.HubTransport, "8.3.83.6", scpSite: "Site-A")
        .Array("CASArray-A", "outlook.lab.local", "Site-A", created: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
        .Database("MDB01", "E2K10-MLT-01", "CASArray-A", created: new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero))
        .Database("MDB02", "E2K10-MLT-02", "CASArray-A", created: new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero))
        .VirtualDirectory(VirtualDirectoryKind.OutlookAnywhere, "E2K10-MLT-01", null, "https://webmail.lab.local/rpc")
        .VirtualDirectory(VirtualDirectoryKind.Owa, "E2K10-MLT-01", "https://E2K10-MLT-01.lab.local/owa", "https://webmail.lab.local/owa");
}
