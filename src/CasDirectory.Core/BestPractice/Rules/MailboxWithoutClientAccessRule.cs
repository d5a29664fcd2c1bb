using CasDirectory.Core.Servers;
using CasDirectory.Core.Topology;

namespace CasDirectory.Core.BestPractice.Rules;

/// <summary>T4: a Mailbox server in a site with no Exchange 2010 Client Access server.</summary>
public sealed class MailboxWithoutClientAccessRule : ITopologyRule
{
    public string Id => "T4-MAILBOX-NO-CAS";
    public Severity Severity => Severity.Warning;
    public string Title => "A Mailbox server's site has no Exchange 2010 Client Access server";

    public IEnumerable<Finding> Evaluate(TopologySnapshot topology) =>
        topology.Servers.Where(s => s.IsExchange2010 && s.HasRole(ServerRoles.Mailbox) && s.SiteName is not null
                                    && !topology.HasRpcClientAccessServer(s.SiteName))
            .Select(server => new Finding(Id, Severity, server.SiteName, server.Name,
                $"Mailbox server {server.Name} is in site {server.SiteName}, which has no Exchange 2010 Client Access server.",
                "Exchange 2010 clients reach mailboxes only through a Client Access server, normally one in the mailbox's own site; " +
                "here every connection crosses to another site, or fails.",
                null));
}
