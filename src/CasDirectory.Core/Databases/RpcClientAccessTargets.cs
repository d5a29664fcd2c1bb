using CasDirectory.Core.Arrays;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Servers;

namespace CasDirectory.Core.Databases;

/// <summary>D2: what Set-MailboxDatabase -RpcClientAccessServer may name: an existing array, or an Exchange 2010 Client Access server.</summary>
public static class RpcClientAccessTargets
{
    public static RpcClientAccessEndpoint Resolve(IReadOnlyList<ClientAccessArray> arrays, IReadOnlyList<ExchangeServer> servers, string identity)
    {
        try
        {
            var array = ObjectLookup.Array(arrays, identity);
            return new RpcClientAccessEndpoint(array.Name, array.Fqdn, array.LegacyExchangeDN!, IsArray: true);
        }
        catch (ObjectNotFoundException)
        {
            var server = ObjectLookup.TryServer(servers, identity)
                ?? throw new DomainRuleException($"'{identity}' is neither a Client Access array nor an Exchange server. -RpcClientAccessServer takes an existing array or Exchange 2010 Client Access server (D2).");
            if (!server.IsRpcClientAccessServer)
                throw new DomainRuleException($"{server.Name} is not an Exchange 2010 Client Access server ({ServerRoleNames.Format(server.Roles)}, {server.Version?.ToAdminDisplayVersion() ?? "no version"}). -RpcClientAccessServer takes an array or a 2010 Client Access server (D2).");
            return new RpcClientAccessEndpoint(server.Name, server.Fqdn ?? server.Name, server.LegacyExchangeDN!, IsArray: false);
        }
    }
}
