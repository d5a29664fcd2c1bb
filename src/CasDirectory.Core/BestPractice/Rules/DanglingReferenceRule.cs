using CasDirectory.Core.Naming;
using CasDirectory.Core.Topology;

namespace CasDirectory.Core.BestPractice.Rules;

/// <summary>
/// DANGLING: a reference that names an object the directory does not hold — a server's or array's site
/// (msExchServerSite), a subnet's site (siteObject), a database's server (msExchOwningServer) or its master
/// (msExchMasterServerOrAvailabilityGroup), a server's DAG (msExchMDBAvailabilityGroupLink). casdir-guard refuses such a
/// write and the delete of a referenced entry on one server; what it cannot stop is a write lost in a failover (the
/// referenced entry was added on the server that died, or removed on one server while the reference was written on
/// the other), or the directory administrator.
/// </summary>
public sealed class DanglingReferenceRule : ITopologyRule
{
    public string Id => "DANGLING";
    public Severity Severity => Severity.Error;
    public string Title => "A reference names an object that does not exist";

    private const string Why =
        "The directory refuses such a reference on one server, so it is what a write lost in a failover leaves (the object it names was written " +
        "on the server that went away, or removed on one server while the reference was written on the other). Exchange reads the " +
        "reference as it is: a server in a site that does not exist has no site, a database whose server is gone has nowhere to mount.";

    public IEnumerable<Finding> Evaluate(TopologySnapshot topology)
    {
        var sites = topology.Sites.ToHashSet(ObjectName.Comparer);
        var servers = topology.Servers.Select(s => s.Name).ToHashSet(ObjectName.Comparer);
        var dags = topology.DatabaseAvailabilityGroups.Select(d => d.Name).ToHashSet(ObjectName.Comparer);

        foreach (var server in topology.Servers.Where(s => s.SiteName is not null && !sites.Contains(s.SiteName)))
            yield return Dangling(server.SiteName, server.Name, $"Exchange server {server.Name}", "msExchServerSite", $"site {server.SiteName}",
                $"casdir New-ADReplicationSite {FixCommands.Quote(server.SiteName!)} (or a subnet for its address in an existing site: the site-topology service then moves it)");
        foreach (var array in topology.Arrays.Where(a => a.SiteName is not null && !sites.Contains(a.SiteName)))
            yield return Dangling(array.SiteName, array.Name, $"Client Access array {array.Name}", "msExchServerSite", $"site {array.SiteName}",
                $"casdir Remove-ClientAccessArray {FixCommands.Quote(array.Name)} -Confirm:$false, then create it again in an existing site");
        foreach (var subnet in topology.Subnets.Where(s => s.SiteName is not null && !sites.Contains(s.SiteName)))
            yield return Dangling(subnet.SiteName, subnet.Name, $"Subnet {subnet.Name}", "siteObject", $"site {subnet.SiteName}",
                $"casdir Set-ADReplicationSubnet {FixCommands.Quote(subnet.Name)} -Site EXISTING-SITE");
        foreach (var server in topology.Servers.Where(s => s.DatabaseAvailabilityGroupName is not null && !dags.Contains(s.DatabaseAvailabilityGroupName)))
            yield return Dangling(server.SiteName, server.Name, $"Exchange server {server.Name}", "msExchMDBAvailabilityGroupLink",
                $"database availability group {server.DatabaseAvailabilityGroupName}", null);
        foreach (var database in topology.Databases)
        {
            var site = topology.Server(database.ServerName)?.SiteName;
            if (database.ServerName is not null && !servers.Contains(database.ServerName))
                yield return Dangling(site, database.Name, $"Database {database.Name}", "msExchOwningServer", $"server {database.ServerName}",
                    $"casdir Remove-MailboxDatabase {FixCommands.Quote(database.Name)} -Confirm:$false, or add the server back");
            else if (database.MasterServerOrAvailabilityGroup is { } master && !servers.Contains(master) && !dags.Contains(master))
                yield return Dangling(site, database.Name, $"Database {database.Name}", "msExchMasterServerOrAvailabilityGroup", $"server or DAG {master}", null);
        }
    }

    private Finding Dangling(string? site, string subject, string holder, string attribute, string target, string? fix) =>
        new(Id, Severity, site, subject, $"{holder} names {target} in {attribute}, which does not exist.", Why, fix);
}
