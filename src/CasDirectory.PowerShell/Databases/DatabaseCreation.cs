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

    /// <summary>What to do: create (or, with Finishing, complete) the database; or, with Done, nothing: -Resume found it made.</summary>
    public sealed record Plan(ExchangeServer Server, RpcClientAccessServerPolicy.Choice Choice, string EdbFilePath, string LogFolderPath, bool Finishing = false, MailboxDatabase? Done = null);

    public static Plan Prepare(ExchangeDirectory directory, string name, string serverIdentity, bool publicFolder, bool recovery, string? edb, string? logs, bool resuming)
    {
        var topology = directory.ReadServersAndArrays();
        var server = directory.ServerNamed(serverIdentity) ?? ObjectLookup.Server(topology.Servers, serverIdentity);
        if (!server.HasRole(ServerRoles.Mailbox) || !server.IsExchange2010)
            throw new DomainRuleException($"{server.Name} is not an Exchange 2010 Mailbox server ({ServerRoleNames.Format(server.Roles)}, {server.Version?.ToAdminDisplayVersion() ?? "no version"}); a database needs one.");
        if (!server.IsComplete)
            throw new DomainRuleException($"{server.Name} is incomplete (an interrupted run left it {server.Provisioning.ToString().ToLowerInvariant()}); run its New-ExchangeServer again (scripts: casdir -File … -Resume) before giving it databases.");
        var finishing = false;
        if (directory.DatabaseNamed(name) is { } existing)
        {
            var same = ObjectLookup.Same(existing.ServerName, server.Name) && existing.IsPublicFolderDatabase == publicFolder && existing.Recovery == recovery;
            if (same && resuming && existing.IsComplete)
                return new Plan(server, RpcClientAccessServerPolicy.Choose(server, topology.Arrays, topology.Servers), existing.EdbFilePath ?? "", existing.LogFolderPath ?? "", Done: existing);
            if (!same || existing.IsComplete)
                throw new DomainRuleException($"A database named '{name}' already exists (on {existing.ServerName}). Database names are unique in the organisation.");
            finishing = true; // left without its copy by an interrupted run: the same command completes it
        }
        // D1 for mailbox databases; a public folder database is reached on its own server.
        var choice = publicFolder
            ? RpcClientAccessServerPolicy.ForPublicFolderDatabase(server)
            : RpcClientAccessServerPolicy.Choose(server, topology.Arrays, topology.Servers);
        var folder = $@"{DefaultFolder}\{name}";
        return new Plan(server, choice, edb ?? $@"{folder}\{name}.edb", logs ?? folder, finishing);
    }
}
