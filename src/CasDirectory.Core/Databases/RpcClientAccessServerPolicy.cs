using CasDirectory.Core.Arrays;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Servers;

namespace CasDirectory.Core.Databases;

/// <summary>
/// D1: the RpcClientAccessServer a new mailbox database gets, first match wins: (a) the array of the
/// site of the database's server; (b) that server, if it is a 2010 Client Access server; (c) a 2010
/// Client Access server of that site (the first by name, so the result is repeatable); (d) the database's
/// own Mailbox server, a known misconfiguration that is reported. The site is the database server's
/// (Exchange used the site of the machine running the cmdlet; ours is a deliberate, documented choice).
/// </summary>
public static class RpcClientAccessServerPolicy
{
    public sealed record Choice(RpcClientAccessEndpoint Endpoint, char Rule, string? Warning);

    public static Choice Choose(ExchangeServer databaseServer, IEnumerable<ClientAccessArray> arrays, IEnumerable<ExchangeServer> servers)
    {
        var site = databaseServer.SiteName;
        if (site is not null && arrays.FirstOrDefault(a => ObjectName.Comparer.Equals(a.SiteName, site)) is { LegacyExchangeDN: not null } array)
            return new Choice(new RpcClientAccessEndpoint(array.Name, array.Fqdn, array.LegacyExchangeDN, IsArray: true), 'a', null);
        if (databaseServer.IsRpcClientAccessServer)
            return new Choice(Endpoint(databaseServer), 'b', null);
        if (site is not null && servers.Where(s => s.IsRpcClientAccessServer && ObjectName.Comparer.Equals(s.SiteName, site))
                .OrderBy(s => s.Name, ObjectName.Comparer).FirstOrDefault() is { } cas)
            return new Choice(Endpoint(cas), 'c', null);
        return new Choice(Endpoint(databaseServer), 'd',
            $"No Client Access array or Exchange 2010 Client Access server is in site '{site ?? "(none)"}', so the database's RpcClientAccessServer is its own Mailbox server {databaseServer.Name}, " +
            "which has no Client Access role: Outlook clients cannot connect through it. Create an array or install a Client Access server in the site, then run " +
            "Set-MailboxDatabase -RpcClientAccessServer <array or server>.");
    }

    /// <summary>A public folder database is reached on its own server (D1 is for mailbox databases only).</summary>
    public static Choice ForPublicFolderDatabase(ExchangeServer databaseServer) => new(Endpoint(databaseServer), 'b', null);

    private static RpcClientAccessEndpoint Endpoint(ExchangeServer server) =>
        new(server.Name, server.Fqdn ?? server.Name, server.LegacyExchangeDN ?? "", IsArray: false);
}
