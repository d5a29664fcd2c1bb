using CasDirectory.Core.Servers;
using CasDirectory.Core.Topology;

namespace CasDirectory.Core.BestPractice.Rules;

/// <summary>
/// Resumable writes (docs/rules.md): a server or database an interrupted run left half-written or half-removed.
/// Reads show it as it is; this says so, and how to finish it.
/// </summary>
public sealed class IncompleteObjectRule : ITopologyRule
{
    public string Id => "INCOMPLETE";
    public Severity Severity => Severity.Error;
    public string Title => "An object was left half-written or half-removed by an interrupted run";

    private const string Why =
        "casdir writes a server as about a dozen entries and a database as two. One cut off between them looks almost normal, " +
        "but a server without its RPC Client Access entry is no array member and no RpcClientAccessServer candidate, and a database " +
        "without its copy lists no servers.";

    public IEnumerable<Finding> Evaluate(TopologySnapshot topology)
    {
        foreach (var server in topology.Servers.Where(s => !s.IsComplete))
        {
            var removing = server.Provisioning == ProvisioningState.Removing;
            yield return new Finding(Id, Severity, server.SiteName, server.Name,
                removing ? $"Exchange server {server.Name} was left half-removed by an interrupted Remove-ExchangeServer."
                         : $"Exchange server {server.Name} was left half-created by an interrupted New-ExchangeServer.",
                Why,
                removing ? $"casdir Remove-ExchangeServer {FixCommands.Quote(server.Name)} -Confirm:$false"
                         : "run the interrupted New-ExchangeServer again (scripts: casdir -File SCRIPT -Resume)");
        }
        foreach (var database in topology.Databases.Where(d => !d.IsComplete))
            yield return new Finding(Id, Severity, topology.Server(database.ServerName)?.SiteName, database.Name,
                $"Database {database.Name} has no copy: an interrupted run left it between its two entries.",
                Why,
                "run the interrupted New-MailboxDatabase again (scripts: casdir -File SCRIPT -Resume), or Remove-MailboxDatabase " + FixCommands.Quote(database.Name));
    }
}
