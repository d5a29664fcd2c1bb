using CasDirectory.Core.Topology;

namespace CasDirectory.Core.BestPractice.Rules;

/// <summary>B6: create the array before the databases; a database older than its site's array that does not point at it is the tell-tale.</summary>
public sealed class DatabaseOlderThanArrayRule : ITopologyRule
{
    public string Id => "B6";
    public Severity Severity => Severity.Info;
    public string Title => "A database was created before its site's array and does not use it";

    public IEnumerable<Finding> Evaluate(TopologySnapshot topology)
    {
        foreach (var database in topology.Databases.Where(d => !d.IsPublicFolderDatabase && d.Created is not null))
        {
            var site = topology.Server(database.ServerName)?.SiteName;
            if (topology.ArrayOf(site) is not { Created: not null } array || database.Created >= array.Created
                || TopologySnapshot.Same(database.RpcClientAccessLegacyDN, array.LegacyExchangeDN))
                continue;
            yield return new Finding(Id, Severity, site, database.Name,
                $"Database {database.Name} was created on {database.Created:yyyy-MM-dd HH:mm} UTC, before array {array.Name} ({array.Created:yyyy-MM-dd HH:mm} UTC), and does not point at it.",
                "New-ClientAccessArray updates no existing database, which is why the array should come first: databases created before it keep the server D1 gave them.",
                FixCommands.SetRpcClientAccessServer(database, array.Fqdn));
        }
    }
}
