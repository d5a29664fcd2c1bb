using CasDirectory.Core.Naming;
using CasDirectory.Core.Topology;

namespace CasDirectory.Core.BestPractice.Rules;

/// <summary>
/// O8 / B6: an Outlook profile holds another RPC server than a new profile would get, typically because the array was
/// created or the database re-pointed after the profile was made (truth 5 of "Demystifying the CAS Array Object"), or
/// the profile holds a server that left.
/// </summary>
public sealed class StaleOutlookProfileRule : ITopologyRule
{
    public string Id => "O8";
    public Severity Severity => Severity.Warning;
    public string Title => "An Outlook profile holds another server than a new profile would get";

    public IEnumerable<Finding> Evaluate(TopologySnapshot topology)
    {
        foreach (var (profile, databaseDn) in topology.OutlookProfiles)
        {
            var database = topology.Databases.FirstOrDefault(d => DistinguishedNames.AreEqual(d.DistinguishedName, databaseDn));
            if (database is null || topology.RpcClientAccessTargetOf(database) is not { } target)
                continue; // B3 reports a database that names nothing
            if (string.Equals(target.Fqdn, profile.RpcServer, StringComparison.OrdinalIgnoreCase))
                continue;
            var site = topology.Server(database.ServerName)?.SiteName;
            var gone = !topology.Servers.Any(s => TopologySnapshot.Same(s.Fqdn, profile.RpcServer)) && !topology.Arrays.Any(a => TopologySnapshot.Same(a.Fqdn, profile.RpcServer));
            yield return new Finding(Id, Severity, site, profile.MailboxName,
                $"{profile.MailboxName}'s Outlook profile connects to {profile.RpcServer}; a new profile would get {target.Fqdn} ({database.Name}'s RpcClientAccessServer{(target.Array is null ? "" : ", the array")})" +
                (gone ? $"; {profile.RpcServer} is no longer in the directory." : "."),
                "Outlook keeps the RPC server its profile was made with while that server answers: creating an array or re-pointing a database after " +
                "mailboxes exist changes nothing for existing profiles, so their clients keep going to one server and lose it when it fails. Create the " +
                "array before the databases and mailboxes; where it is too late, repair or recreate the profiles.",
                $"Repair the profile in Outlook (Account Settings > Repair) or make a new one; in the lab: casdir Reset-OutlookProfile {FixCommands.Quote(profile.MailboxName)}");
        }
    }
}
