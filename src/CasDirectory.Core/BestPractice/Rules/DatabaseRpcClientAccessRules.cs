using CasDirectory.Core.Databases;
using CasDirectory.Core.Servers;
using CasDirectory.Core.Topology;

namespace CasDirectory.Core.BestPractice.Rules;

/// <summary>B3: each database points at its own site's array when there is one; never at a missing object,
/// a server without the Client Access role, or another site. One rule per way of getting it wrong.</summary>
public abstract class DatabaseRpcClientAccessRule : ITopologyRule
{
    public abstract string Id { get; }
    public abstract Severity Severity { get; }
    public abstract string Title { get; }

    public IEnumerable<Finding> Evaluate(TopologySnapshot topology)
    {
        foreach (var database in topology.Databases.Where(d => !d.IsPublicFolderDatabase))
        {
            var server = topology.Server(database.ServerName);
            var site = server?.SiteName;
            if (Check(topology, database, site, topology.RpcClientAccessTargetOf(database)) is not { } problem)
                continue;
            // Where the site has no array yet, B1 reports it with the New-ClientAccessArray command; point at the array that command makes.
            var endpoint = topology.ArrayOf(site) is null && site is not null && topology.Servers.Any(s => s.IsExchange2010 && TopologySnapshot.Same(s.SiteName, site))
                ? FixCommands.FreeArrayFqdn(topology, site)
                : FixCommands.PreferredEndpoint(topology, site);
            var why = topology.ArrayOf(site) is null && site is not null ? problem.Why + " Create the site's array first (B1)." : problem.Why;
            yield return new Finding(Id, Severity, site, database.Name, problem.Message, why, endpoint is null ? null : FixCommands.SetRpcClientAccessServer(database, endpoint));
        }
    }

    protected abstract (string Message, string Why)? Check(TopologySnapshot topology, MailboxDatabase database, string? site, RpcClientAccessTarget? target);
}

public sealed class DatabasePointsAtMissingObjectRule : DatabaseRpcClientAccessRule
{
    public override string Id => "B3-MISSING";
    public override Severity Severity => Severity.Error;
    public override string Title => "A database's RpcClientAccessServer names an object that no longer exists";

    protected override (string, string)? Check(TopologySnapshot topology, MailboxDatabase database, string? site, RpcClientAccessTarget? target) =>
        target is null
            ? ($"Database {database.Name} points at {TopologySnapshot.DanglingName(database) ?? "nothing"}, which no longer exists.",
               "Nothing re-points a database when its Client Access server or array is removed (D2): new Outlook profiles for its mailboxes cannot be created.")
            : null;
}

public sealed class DatabasePointsAtMailboxServerRule : DatabaseRpcClientAccessRule
{
    public override string Id => "B3-MAILBOX-ONLY";
    public override Severity Severity => Severity.Error;
    public override string Title => "A database's RpcClientAccessServer is a server without the Client Access role";

    protected override (string, string)? Check(TopologySnapshot topology, MailboxDatabase database, string? site, RpcClientAccessTarget? target) =>
        target?.Server is { } server && !server.IsRpcClientAccessServer
            ? ($"Database {database.Name} points at {server.Name}, which is not an Exchange 2010 Client Access server ({ServerRoleNames.Format(server.Roles)}).",
               "This happens when the Mailbox role was installed before any Client Access server in the site (D1 d). Outlook connects to the " +
               "RpcClientAccessServer, and a Mailbox-only server does not answer there.")
            : null;
}

public sealed class DatabasePointsAcrossSitesRule : DatabaseRpcClientAccessRule
{
    public override string Id => "B3-CROSS-SITE";
    public override Severity Severity => Severity.Warning;
    public override string Title => "A database's RpcClientAccessServer lies in another site";

    protected override (string, string)? Check(TopologySnapshot topology, MailboxDatabase database, string? site, RpcClientAccessTarget? target) =>
        target is not null && site is not null && target.SiteName is not null && !TopologySnapshot.Same(target.SiteName, site)
            ? ($"Database {database.Name} on {database.ServerName} (site {site}) points at {target.Fqdn} in site {target.SiteName}.",
               "Nothing rewrites RpcClientAccessServer when a server moves to another site (D2), so its Outlook clients cross the WAN to reach a Client Access server.")
            : null;
}

public sealed class DatabaseNotBehindArrayRule : DatabaseRpcClientAccessRule
{
    public override string Id => "B3-NOT-ARRAY";
    public override Severity Severity => Severity.Warning;
    public override string Title => "A database names a single server rather than its site's array";

    protected override (string, string)? Check(TopologySnapshot topology, MailboxDatabase database, string? site, RpcClientAccessTarget? target)
    {
        if (target?.Server is not { IsRpcClientAccessServer: true } server || site is null || !TopologySnapshot.Same(target.SiteName, site))
            return null;
        var array = topology.ArrayOf(site);
        return array is null
            ? ($"Database {database.Name} names server {server.Name} as RpcClientAccessServer; site {site} has no array for it to use.",
               "Outlook profiles keep the name they were given: tied to one server, they all need repair when it is replaced. The array should come before the databases (B6).")
            : ($"Database {database.Name} names server {server.Name} although site {site} has array {array.Name} ({array.Fqdn}).",
               "Creating an array changes no existing database (A4): databases made before it keep their server until Set-MailboxDatabase re-points them.");
    }
}
