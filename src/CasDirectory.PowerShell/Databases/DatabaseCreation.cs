using CasDirectory.Core;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Servers;
using CasDirectory.Ldap.Exchange;

namespace CasDirectory.PowerShell.Databases;

/// <summary>What New-MailboxDatabase and New-PublicFolderDatabase share: the server check, unique names, and D1 for mailbox databases.</summary>
internal static class DatabaseCreation
{
    private const string DefaultFolder = @"C:\Program Files\Microsoft\Exchange Server\V14\Mailbox";

    public sealed record Plan(ExchangeServer Server, RpcClientAccessServerPolicy.Choice Choice, string EdbFilePath, string LogFolderPath);

    public static Plan Prepare(ExchangeDirectory directory, string name, string serverIdentity, bool publicFolder, string? edb, string? logs)
    {
        var topology = directory.ReadServersAndArrays();
        var server = directory.ServerNamed(serverIdentity) ?? ObjectLookup.Server(topology.Servers, serverIdentity);
        if (!server.HasRole(ServerRoles.Mailbox) || !server.IsExchange2010)
            throw new DomainRuleException($"{server.Name} is not an Exchange 2010 Mailbox server ({ServerRoleNames.Format(server.Roles)}, {server.Version?.ToAdminDisplayVersion() ?? "no version"}); a database needs one.");
        if (directory.DatabaseNamed(name) is { } existing)
            throw new DomainRuleException($"A database named '{name}' already exists (on {existing.ServerName}). Database names are unique in the organisation.");
        // D1 for mailbox databases; a public folder database is reached on its own server.
        var choice = publicFolder
            ? new RpcClientAccessServerPolicy.Choice(new RpcClientAccessEndpoint(server.Name, server.Fqdn ?? server.Name, server.LegacyExchangeDN!, false), 'b', null)
            : RpcClientAccessServerPolicy.Choose(server, topology.Arrays, topology.Servers);
        var folder = $@"{DefaultFolder}\{name}";
        return new Plan(server, choice, edb ?? $@"{folder}\{name}.edb", logs ?? folder);
    }
}
