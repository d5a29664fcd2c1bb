using System.CommandLine;
using System.Net;
using CasDirectory.Cli.Shell;
using CasDirectory.Core;
using CasDirectory.Core.Arrays;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Servers;
using CasDirectory.Core.Sites;
using CasDirectory.Ldap.Exchange;

namespace CasDirectory.Cli.Cmdlets;

/// <summary>Exchange servers: a lab stand-in for setup (New-), and the shell's Get-/Set-/Remove-ExchangeServer.</summary>
public static class ServerCmdlets
{
    /// <summary>A server name is a computer (NetBIOS) name.</summary>
    private const int MaximumServerNameLength = 15;

    public static IEnumerable<Command> All(CmdletHost host) => [New(host), Get(host), Set(host), Remove(host)];

    private static Command New(CmdletHost host)
    {
        var name = Cmdlet.Text("--name", "Computer name (at most 15 characters).", required: true);
        var roles = Cmdlet.Text("--roles", "Mailbox, ClientAccess, HubTransport, UnifiedMessaging or Edge, comma-separated.", required: true);
        var version = Cmdlet.Text("--version", "Product version, e.g. 14.2.247.5 (2010 SP2) or 8.3.83.6 (2007 SP3).", required: true);
        var addresses = Cmdlet.Text("--ipaddress", "The server's IP addresses, comma-separated.", required: true);
        var fqdn = Cmdlet.Text("--fqdn", "Its FQDN (default <name>.<domain>).");
        var site = Cmdlet.Text("--site", "Its AD site (default: from its IP address and the subnets, T1).");
        var edition = Cmdlet.Text("--edition", "Standard or Enterprise (default Enterprise).");
        return Cmdlet.Create("New-ExchangeServer", "Add an Exchange server with what setup creates for its roles and version.", host,
            [name, roles, version, addresses, fqdn, site, edition], call =>
        {
            var serverName = ObjectName.Require(call.Get(name));
            if (serverName.Length > MaximumServerNameLength || serverName.Contains(' ') || serverName.Contains('.'))
                throw new DomainRuleException($"-Name '{serverName}' is not a computer name: at most {MaximumServerNameLength} characters, no spaces or dots.", isMalformedInput: true);
            var serverRoles = ServerRoleNames.Parse(call.Get(roles));
            var serverVersion = ServerVersion.Parse(call.Get(version));
            var ips = Cmdlet.List(call.Get(addresses)).Select(a => IpAddresses.Parse(a)).ToList();
            if (ips.Count == 0)
                throw new DomainRuleException("-IPAddress needs at least one address.", isMalformedInput: true);
            var directory = call.Directory;
            var serverFqdn = call.Get(fqdn) is { } f ? Fqdn.Require(f) : $"{serverName}.{directory.Partition.Domain}";
            var siteName = call.Get(site) is { } s ? Lookup.Site(directory.ReadSites(), s) : SiteResolver.SiteFor(ips, directory.ReadSubnets());
            void CheckUnique(ServersAndArrays topology)
            {
                if (topology.Servers.Any(x => Lookup.Same(x.Name, serverName)) || topology.Arrays.Any(a => Lookup.Same(a.Name, serverName)))
                    throw new DomainRuleException($"An array or server named '{serverName}' already exists.");
                if (topology.Servers.FirstOrDefault(x => Lookup.Same(x.Fqdn, serverFqdn)) is { } sameFqdn)
                    throw new DomainRuleException($"The FQDN '{serverFqdn}' is already server {sameFqdn.Name}'s.");
                if (topology.Arrays.FirstOrDefault(a => Lookup.Same(a.Fqdn, serverFqdn)) is { } arrayFqdn)
                    throw new DomainRuleException($"The FQDN '{serverFqdn}' is already Client Access array {arrayFqdn.Name}'s.");
            }
            CheckUnique(directory.ReadServersAndArrays());
            if (!call.ShouldProcess($"Creating Exchange server \"{serverName}\" ({ServerRoleNames.Format(serverRoles)}, {serverVersion.ToAdminDisplayVersion()}) in site \"{siteName ?? "(none)"}\""))
                return;
            if (siteName is null)
                call.Warn($"No subnet contains {string.Join(", ", ips)}, so {serverName} has no site. Add a subnet with New-ADReplicationSubnet, then Set-ExchangeServer -IPAddress.");
            try
            {
                directory.AddServer(serverName, serverFqdn, serverRoles, serverVersion, ips, siteName, call.Get(edition) ?? "Enterprise");
            }
            catch (System.DirectoryServices.Protocols.DirectoryOperationException e)
                when (e.Response?.ResultCode is System.DirectoryServices.Protocols.ResultCode.ConstraintViolation or System.DirectoryServices.Protocols.ResultCode.EntryAlreadyExists)
            {
                CheckUnique(directory.ReadServersAndArraysUncached()); // a rival write only slapd saw: same message as the check above
                throw;
            }
            call.Write(Records.Server(Lookup.Server(directory.ReadServersAndArrays().Servers, serverName), directory.Partition));
        });
    }

    private static Command Get(CmdletHost host)
    {
        var identity = Cmdlet.Identity("Server name, FQDN, DN or legacyExchangeDN.");
        return Cmdlet.Create("Get-ExchangeServer", "List Exchange servers (arrays are not servers).", host, [identity.Positional, identity.Named], call =>
        {
            var servers = call.Directory.ReadServersAndArrays().Servers;
            var selected = call.Get(identity) is { } id ? [Lookup.Server(servers, id)] : servers;
            call.Write(selected.Select(s => Records.Server(s, call.Directory.Partition)));
        });
    }

    private static Command Set(CmdletHost host)
    {
        var identity = Cmdlet.Identity("The server.");
        var addresses = Cmdlet.Text("--ipaddress", "Its new IP addresses; its site is recomputed from the subnets (T1).", required: true);
        return Cmdlet.Create("Set-ExchangeServer", "Change a server's IP addresses; its site follows (T1). Databases keep their RpcClientAccessServer (D2).", host,
            [identity.Positional, identity.Named, addresses], call =>
        {
            var ips = Cmdlet.List(call.Get(addresses)).Select(a => IpAddresses.Parse(a)).ToList();
            if (ips.Count == 0)
                throw new DomainRuleException("-IPAddress needs at least one address.", isMalformedInput: true);
            var directory = call.Directory;
            var subnets = directory.ReadSubnets();
            foreach (var id in call.Identities(call.Get(identity)))
            {
                var server = Lookup.Server(directory.ReadServersAndArrays().Servers, id);
                // T2: Edge servers are not domain members; their site is never recomputed.
                var site = server.HasRole(ServerRoles.Edge) ? null : SiteResolver.SiteFor(ips, subnets);
                if (!call.ShouldProcess($"Setting the IP addresses of \"{server.Name}\" to {string.Join(", ", ips)}{(site is null ? "" : $" (site \"{site}\")")}"))
                    continue;
                directory.SetServerAddresses(server, ips, site);
                if (site is null && !server.HasRole(ServerRoles.Edge))
                    call.Warn($"No subnet contains {string.Join(", ", ips)}; {server.Name} stays in site '{server.SiteName ?? "(none)"}'.");
                else if (site is not null && !Lookup.Same(site, server.SiteName))
                    call.Warn($"{server.Name} moved from site '{server.SiteName ?? "(none)"}' to '{site}'. Its AutoDiscoverSiteScope and the databases' RpcClientAccessServer are not changed (D2); Test-CasTopology shows what to fix.");
            }
        });
    }

    private static Command Remove(CmdletHost host)
    {
        var identity = Cmdlet.Identity("The server.");
        return Cmdlet.Create("Remove-ExchangeServer", "Remove a server (refused while databases or copies live on it).", host, [identity.Positional, identity.Named], call =>
        {
            var directory = call.Directory;
            foreach (var id in call.Identities(call.Get(identity)))
            {
                var topology = directory.ReadServersAndArrays();
                var server = Lookup.Server(topology.Servers, id);
                var databases = directory.ReadDatabases();
                var hosted = databases.Where(d => Lookup.Same(d.ServerName, server.Name) || d.CopyServerNames.Contains(server.Name, StringComparer.OrdinalIgnoreCase)).Select(d => d.Name).ToList();
                if (hosted.Count > 0)
                    throw new DomainRuleException($"{server.Name} cannot be removed: databases or copies live on it ({string.Join(", ", hosted)}). Remove or move them first.");
                var pointing = databases.Where(d => Lookup.Same(d.RpcClientAccessLegacyDN, server.LegacyExchangeDN)).Select(d => d.Name).ToList();
                if (pointing.Count > 0)
                    call.Warn($"{pointing.Count} database(s) use {server.Name} as RpcClientAccessServer ({string.Join(", ", pointing)}); they keep pointing at it (D2). Re-point them with Set-MailboxDatabase -RpcClientAccessServer.");
                foreach (var array in topology.Arrays.Where(a => ClientAccessArrayMembership.Members(a, topology.Servers).Select(m => m.Name).SequenceEqual([server.Name])))
                    call.Warn($"{server.Name} is the only member of Client Access array '{array.Name}', which will have no members.");
                if (call.ShouldRemove($"Removing Exchange server \"{server.Name}\""))
                    directory.RemoveServer(server);
            }
        });
    }
}
