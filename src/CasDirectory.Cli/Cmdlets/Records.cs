using CasDirectory.Cli.Output;
using CasDirectory.Core.Arrays;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Servers;

namespace CasDirectory.Cli.Cmdlets;

/// <summary>The shell's view of each object: its properties, and the columns of its default table.</summary>
public static class Records
{
    public static OutputRecord Site(string name, ConfigurationPartition partition) =>
        OutputRecord.Create(name, ["Name", "DistinguishedName"], ("Name", name), ("DistinguishedName", partition.SiteDn(name)));

    public static OutputRecord Subnet(Core.Sites.AdSubnet subnet, ConfigurationPartition partition) =>
        OutputRecord.Create(subnet.Name, ["Name", "Site"], ("Name", subnet.Name), ("Site", subnet.SiteName), ("DistinguishedName", partition.SubnetDn(subnet.Name)));

    /// <summary>Get-ExchangeServer: Site shows as the shell shows it, lab.local/Configuration/Sites/Site-A.</summary>
    public static OutputRecord Server(ExchangeServer server, ConfigurationPartition partition) =>
        OutputRecord.Create(server.Name, ["Name", "Site", "ServerRole", "Edition", "AdminDisplayVersion"],
            ("Name", server.Name),
            ("Site", server.SiteName is null ? null : $"{partition.Domain}/Configuration/Sites/{server.SiteName}"),
            ("ServerRole", ServerRoleNames.Format(server.Roles)),
            ("Edition", server.Edition),
            ("AdminDisplayVersion", server.Version?.ToAdminDisplayVersion()),
            ("Fqdn", server.Fqdn),
            ("IPAddress", server.IPAddresses.Select(a => a.ToString()).ToList()),
            ("ExchangeLegacyDN", server.LegacyExchangeDN),
            ("DatabaseAvailabilityGroup", server.DatabaseAvailabilityGroupName),
            ("DistinguishedName", server.DistinguishedName));

    public static OutputRecord Array(ClientAccessArray array, IEnumerable<ExchangeServer> servers) =>
        OutputRecord.Create(array.DistinguishedName, ["Name", "Site", "Fqdn", "Members"],
            ("Name", array.Name),
            ("Site", array.SiteName),
            ("Fqdn", array.Fqdn),
            ("Members", ClientAccessArrayMembership.Members(array, servers).Select(s => s.Name).ToList()),
            ("ExchangeLegacyDN", array.LegacyExchangeDN),
            ("DistinguishedName", array.DistinguishedName),
            ("Guid", array.Guid));

    /// <summary>Get-MailboxDatabase; RpcClientAccessServer is the FQDN of the server or array its legacyExchangeDN names.</summary>
    public static OutputRecord Database(MailboxDatabase database, ServersAndArraysView view) => Database(database, view.RpcClientAccessServer(database));

    public static OutputRecord Database(MailboxDatabase database, string? rpcClientAccessServer) =>
        OutputRecord.Create(database.DistinguishedName, database.IsPublicFolderDatabase ? ["Name", "Server"] : ["Name", "Server", "Recovery", "ReplicationType"],
            ("Name", database.Name),
            ("Server", database.ServerName),
            ("Recovery", database.Recovery),
            ("ReplicationType", database.CopyServerNames.Count > 1 ? "Remote" : "None"),
            ("RpcClientAccessServer", rpcClientAccessServer),
            ("MasterServerOrAvailabilityGroup", database.MasterServerOrAvailabilityGroup),
            ("Servers", database.CopyServerNames),
            ("EdbFilePath", database.EdbFilePath),
            ("LogFolderPath", database.LogFolderPath),
            ("ExchangeLegacyDN", database.LegacyExchangeDN),
            ("DistinguishedName", database.DistinguishedName),
            ("Guid", database.Guid));

    public static OutputRecord ClientAccessServer(ExchangeServer server, AutodiscoverScp? scp, bool outlookAnywhere) =>
        OutputRecord.Create(server.Name, ["Name", "AutoDiscoverServiceInternalUri", "AutoDiscoverSiteScope", "OutlookAnywhereEnabled"],
            ("Name", server.Name),
            ("Fqdn", server.Fqdn),
            ("AutoDiscoverServiceInternalUri", scp?.InternalUri),
            ("AutoDiscoverSiteScope", scp?.SiteScope ?? []),
            ("OutlookAnywhereEnabled", outlookAnywhere),
            ("Site", server.SiteName));

    public static OutputRecord VirtualDirectory(VirtualDirectory directory) =>
        OutputRecord.Create(directory.Identity, ["Name", "Server", "InternalUrl", "ExternalUrl"],
            ("Name", directory.Name), ("Server", directory.ServerName), ("InternalUrl", directory.InternalUrl), ("ExternalUrl", directory.ExternalUrl),
            ("Identity", directory.Identity), ("DistinguishedName", directory.DistinguishedName));

    public static OutputRecord OutlookAnywhere(VirtualDirectory directory) =>
        OutputRecord.Create(directory.Identity, ["ServerName", "Name", "ExternalHostname"],
            ("ServerName", directory.ServerName), ("Name", directory.Name), ("ExternalHostname", HostOf(directory.ExternalUrl)),
            ("Identity", directory.Identity), ("DistinguishedName", directory.DistinguishedName));

    public static OutputRecord DatabaseAvailabilityGroup(DatabaseAvailabilityGroup dag) =>
        OutputRecord.Create(dag.DistinguishedName, ["Name", "Servers", "DatabaseAvailabilityGroupIpAddresses"],
            ("Name", dag.Name), ("Servers", dag.ServerNames), ("DatabaseAvailabilityGroupIpAddresses", dag.IPv4Addresses), ("DistinguishedName", dag.DistinguishedName));

    /// <summary>Outlook Anywhere's host name is stored as https://host/rpc.</summary>
    public static string? HostOf(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : url;
}

/// <summary>Servers and arrays by legacyExchangeDN, to show where a database's RpcClientAccessServer points.</summary>
public sealed class ServersAndArraysView(IReadOnlyList<ExchangeServer> servers, IReadOnlyList<ClientAccessArray> arrays)
{
    private readonly Dictionary<string, string> _fqdnByLegacyDn = servers.Where(s => s.LegacyExchangeDN is not null)
        .Select(s => (s.LegacyExchangeDN!, s.Fqdn ?? s.Name))
        .Concat(arrays.Where(a => a.LegacyExchangeDN is not null).Select(a => (a.LegacyExchangeDN!, a.Fqdn)))
        .GroupBy(x => x.Item1, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First().Item2, StringComparer.OrdinalIgnoreCase);

    /// <summary>The FQDN the database's RpcClientAccessServer names; for an object that no longer exists, the name its legacyExchangeDN ends with.</summary>
    public string? RpcClientAccessServer(MailboxDatabase database) =>
        database.RpcClientAccessLegacyDN is not { } legacy ? null
        : _fqdnByLegacyDn.TryGetValue(legacy, out var fqdn) ? fqdn
        : legacy[(legacy.LastIndexOf("/cn=", StringComparison.OrdinalIgnoreCase) + 4)..];
}
