using System.CommandLine;
using CasDirectory.Cli.Shell;
using CasDirectory.Core;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Servers;
using CasDirectory.Ldap.Exchange;

namespace CasDirectory.Cli.Cmdlets;

/// <summary>Mailbox, recovery and public folder databases, rules D1–D3.</summary>
public static class DatabaseCmdlets
{
    private const string DefaultFolder = @"C:\Program Files\Microsoft\Exchange Server\V14\Mailbox";

    public static IEnumerable<Command> All(CmdletHost host) =>
        [NewMailbox(host), GetMailbox(host), SetMailbox(host), RemoveMailbox(host), NewPublicFolder(host), GetPublicFolder(host)];

    private static Command NewMailbox(CmdletHost host)
    {
        var name = Cmdlet.Text("--name", "Database name, unique in the organisation.", required: true);
        var server = Cmdlet.Text("--server", "The Exchange 2010 Mailbox server that hosts it.", required: true);
        var recovery = Cmdlet.Switch("--recovery", "Create a recovery database (msExchRestore TRUE).");
        var edb = Cmdlet.Text("--edbfilepath", "Path of the .edb file.");
        var logs = Cmdlet.Text("--logfolderpath", "Folder of the transaction logs.");
        return Cmdlet.Create("New-MailboxDatabase", "Create a mailbox database; its RpcClientAccessServer is chosen once, by D1.", host,
            [name, server, recovery, edb, logs], call => Create(call, call.Get(name)!, call.Get(server)!, call.Get(recovery), publicFolder: false, call.Get(edb), call.Get(logs)));
    }

    private static Command NewPublicFolder(CmdletHost host)
    {
        var name = Cmdlet.Text("--name", "Database name.", required: true);
        var server = Cmdlet.Text("--server", "The Exchange 2010 Mailbox server that hosts it.", required: true);
        var edb = Cmdlet.Text("--edbfilepath", "Path of the .edb file.");
        var logs = Cmdlet.Text("--logfolderpath", "Folder of the transaction logs.");
        return Cmdlet.Create("New-PublicFolderDatabase", "Create a public folder database; Outlook reaches it on its own server, never through an array.", host,
            [name, server, edb, logs], call => Create(call, call.Get(name)!, call.Get(server)!, recovery: false, publicFolder: true, call.Get(edb), call.Get(logs)));
    }

    private static void Create(CmdletCall call, string name, string serverIdentity, bool recovery, bool publicFolder, string? edb, string? logs)
    {
        ObjectName.Require(name);
        var directory = call.Directory;
        var topology = directory.ReadServersAndArrays();
        var server = Lookup.Server(topology.Servers, serverIdentity);
        if (!server.HasRole(ServerRoles.Mailbox) || !server.IsExchange2010)
            throw new DomainRuleException($"{server.Name} is not an Exchange 2010 Mailbox server ({ServerRoleNames.Format(server.Roles)}, {server.Version?.ToAdminDisplayVersion() ?? "no version"}); a database needs one.");
        var databases = directory.ReadDatabases();
        if (databases.FirstOrDefault(d => Lookup.Same(d.Name, name)) is { } existing)
            throw new DomainRuleException($"A database named '{name}' already exists (on {existing.ServerName}). Database names are unique in the organisation.");
        var folder = $@"{DefaultFolder}\{name}";
        // D1 for mailbox databases; a public folder database is reached on its own server.
        var choice = publicFolder
            ? new RpcClientAccessServerPolicy.Choice(new RpcClientAccessEndpoint(server.Name, server.Fqdn ?? server.Name, server.LegacyExchangeDN!, false), 'b', null)
            : RpcClientAccessServerPolicy.Choose(server, topology.Arrays, topology.Servers);
        if (!call.ShouldProcess($"Creating {(publicFolder ? "public folder" : recovery ? "recovery" : "mailbox")} database \"{name}\" on server \"{server.Name}\" with RpcClientAccessServer {choice.Endpoint.Fqdn}"))
            return;
        directory.AddDatabase(name, server, recovery, publicFolder, edb ?? $@"{folder}\{name}.edb", logs ?? folder, choice.Endpoint.LegacyExchangeDN);
        if (choice.Warning is not null)
            call.Warn(choice.Warning);
        call.Write(Records.Database(Lookup.Database(directory.ReadDatabases(), name), choice.Endpoint.Fqdn));
    }

    private static Command GetMailbox(CmdletHost host)
    {
        var identity = Cmdlet.Identity("Database name, DN or GUID.");
        var server = Cmdlet.Text("--server", "Only the databases of this server.");
        return Cmdlet.Create("Get-MailboxDatabase", "List mailbox databases with their RpcClientAccessServer.", host, [identity.Positional, identity.Named, server], call =>
            Get(call, call.Get(identity), call.Get(server), publicFolder: false));
    }

    private static Command GetPublicFolder(CmdletHost host)
    {
        var identity = Cmdlet.Identity("Database name, DN or GUID.");
        var server = Cmdlet.Text("--server", "Only the databases of this server.");
        return Cmdlet.Create("Get-PublicFolderDatabase", "List public folder databases.", host, [identity.Positional, identity.Named, server], call =>
            Get(call, call.Get(identity), call.Get(server), publicFolder: true));
    }

    private static void Get(CmdletCall call, string? identity, string? serverIdentity, bool publicFolder)
    {
        if (identity is not null && serverIdentity is not null)
            throw new DomainRuleException("-Identity and -Server cannot be used together.", isMalformedInput: true);
        var directory = call.Directory;
        var databases = directory.ReadDatabases().Where(d => d.IsPublicFolderDatabase == publicFolder).ToList();
        var topology = directory.ReadServersAndArrays();
        IEnumerable<MailboxDatabase> selected = databases;
        if (identity is not null)
            selected = [Lookup.Database(databases, identity, publicFolder ? "public folder database" : "mailbox database", publicFolder ? "Get-PublicFolderDatabase" : "Get-MailboxDatabase")];
        if (serverIdentity is not null)
        {
            var server = Lookup.Server(topology.Servers, serverIdentity);
            selected = selected.Where(d => Lookup.Same(d.ServerName, server.Name) || d.CopyServerNames.Contains(server.Name, StringComparer.OrdinalIgnoreCase));
        }
        var view = new ServersAndArraysView(topology.Servers, topology.Arrays);
        call.Write(selected.Select(d => Records.Database(d, view)));
    }

    private static Command SetMailbox(CmdletHost host)
    {
        var identity = Cmdlet.Identity("Database name, DN or GUID (or databases piped in).");
        var rpc = Cmdlet.Text("--rpcclientaccessserver", "An existing Exchange 2010 Client Access server or array (name, FQDN, DN or legacyExchangeDN).", required: true);
        return Cmdlet.Create("Set-MailboxDatabase", "Re-point a database's RpcClientAccessServer: the only way it changes (D2).", host,
            [identity.Positional, identity.Named, rpc], call =>
        {
            var directory = call.Directory;
            var topology = directory.ReadServersAndArrays();
            var target = ResolveEndpoint(topology, call.Get(rpc)!);
            var databases = directory.ReadDatabases();
            foreach (var id in call.Identities(call.Get(identity)))
            {
                var database = Lookup.Database(databases.Where(d => !d.IsPublicFolderDatabase), id);
                if (call.ShouldProcess($"Setting RpcClientAccessServer of database \"{database.Name}\" to {target.Fqdn}"))
                    directory.SetDatabaseRpcClientAccess(database, target.LegacyExchangeDN);
            }
        });
    }

    /// <summary>D2: the target must be an existing array or Exchange 2010 Client Access server.</summary>
    private static RpcClientAccessEndpoint ResolveEndpoint(ServersAndArrays topology, string identity)
    {
        try
        {
            var array = Lookup.Array(topology.Arrays, identity);
            return new RpcClientAccessEndpoint(array.Name, array.Fqdn, array.LegacyExchangeDN!, IsArray: true);
        }
        catch (DomainRuleException)
        {
            var server = topology.Servers.FirstOrDefault(s => Lookup.Same(s.Name, identity) || Lookup.Same(s.Fqdn, identity) || Lookup.Same(s.LegacyExchangeDN, identity)
                                                             || (identity.Contains('=') && DistinguishedNames.AreEqual(s.DistinguishedName, identity)))
                ?? throw new DomainRuleException($"'{identity}' is neither a Client Access array nor an Exchange server. -RpcClientAccessServer takes an existing array or Exchange 2010 Client Access server (D2).");
            if (!server.IsRpcClientAccessServer)
                throw new DomainRuleException($"{server.Name} is not an Exchange 2010 Client Access server ({ServerRoleNames.Format(server.Roles)}, {server.Version?.ToAdminDisplayVersion() ?? "no version"}). -RpcClientAccessServer takes an array or a 2010 Client Access server (D2).");
            return new RpcClientAccessEndpoint(server.Name, server.Fqdn ?? server.Name, server.LegacyExchangeDN!, IsArray: false);
        }
    }

    private static Command RemoveMailbox(CmdletHost host)
    {
        var identity = Cmdlet.Identity("The database to remove.");
        return Cmdlet.Create("Remove-MailboxDatabase", "Remove a mailbox database and its copies.", host, [identity.Positional, identity.Named], call =>
        {
            var directory = call.Directory;
            var databases = directory.ReadDatabases();
            foreach (var id in call.Identities(call.Get(identity)))
            {
                var database = Lookup.Database(databases.Where(d => !d.IsPublicFolderDatabase), id);
                if (call.ShouldRemove($"Removing mailbox database \"{database.Name}\""))
                    directory.RemoveDatabase(database);
            }
        });
    }
}
