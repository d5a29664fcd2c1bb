using CasDirectory.Core.Databases;
using CasDirectory.Core.Topology;
using CasDirectory.Ldap.Exchange;
using Microsoft.Extensions.Logging;

namespace CasDirectory.Service.Databases;

/// <summary>
/// A mailbox database created with raw LDAP tools has no legacyExchangeDN, so no RpcClientAccessServer:
/// give it the value D1 gives, as New-MailboxDatabase would have. A database that has a value is never touched.
/// </summary>
public sealed class DatabaseAgent(ILogger<DatabaseAgent> logger)
{
    private readonly HashSet<string> _refused = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Fills what the snapshot shows missing; returns how many databases it gave a value.</summary>
    public int Reconcile(ExchangeDirectory directory, TopologySnapshot topology)
    {
        var filled = 0;
        foreach (var database in topology.Databases.Where(d => !d.IsPublicFolderDatabase && d.LegacyExchangeDN is null))
        {
            var server = topology.Server(database.ServerName);
            if (server is null)
            {
                logger.LogWarning("Database {Database} has no RpcClientAccessServer and no known owning server; left as it is", database.Name);
                continue;
            }
            var choice = RpcClientAccessServerPolicy.Choose(server, topology.Arrays, topology.Servers);
            bool given;
            try
            {
                given = directory.TryFillDatabaseRpcClientAccess(database, choice.Endpoint.LegacyExchangeDN);
            }
            catch (Ldap.Errors.DirectoryRefusedException e)
            {
                if (_refused.Add(database.DistinguishedName))
                    logger.LogWarning("The directory refused to give database {Database} ({Dn}) its RpcClientAccessServer: {Result} {Reason}", database.Name, database.DistinguishedName, e.Result, e.Reason);
                continue;
            }
            if (given)
            {
                filled++;
                logger.LogInformation("Gave database {Database} the RpcClientAccessServer {RpcClientAccessServer} (D1 {Rule})", database.Name, choice.Endpoint.Fqdn, choice.Rule.ToString());
            }
            if (choice.Warning is not null)
                logger.LogWarning("{Warning}", choice.Warning);
        }
        return filled;
    }
}
