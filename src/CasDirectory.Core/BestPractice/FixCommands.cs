using CasDirectory.Core.Databases;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Topology;

namespace CasDirectory.Core.BestPractice;

/// <summary>The exact casdir command lines that fix findings, built from the snapshot so they work as printed.</summary>
public static class FixCommands
{
    public static string Quote(string value) => value.Any(char.IsWhiteSpace) ? $"\"{value}\"" : value;

    /// <summary>An array for a site, with an FQDN that clashes with nothing the snapshot knows.</summary>
    public static string NewArray(TopologySnapshot topology, string site) =>
        $"casdir New-ClientAccessArray -Name {Quote(ArrayNameFor(topology, site))} -Fqdn {FreeArrayFqdn(topology, site)} -Site {Quote(site)}";

    public static string ArrayNameFor(TopologySnapshot topology, string site)
    {
        var name = "CASArray-" + site.Replace(' ', '-');
        return name.Length <= 64 ? name : name[..64];
    }

    /// <summary>outlook-&lt;site&gt;.&lt;domain&gt;, or with a number when that is taken by a host name.</summary>
    public static string FreeArrayFqdn(TopologySnapshot topology, string site, string? except = null)
    {
        var label = "outlook-" + new string(site.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        var taken = HostNames.Taken(topology, except);
        for (var n = 1; ; n++)
        {
            var fqdn = $"{(n == 1 ? label : label + n)}.{topology.Domain}";
            if (!taken.Contains(fqdn))
                return fqdn;
        }
    }

    public static string SetRpcClientAccessServer(MailboxDatabase database, string fqdn) =>
        $"casdir Set-MailboxDatabase {Quote(database.Name)} -RpcClientAccessServer {fqdn}";

    /// <summary>Where a database of this site should point: its array, or else the first 2010 Client Access server of the site.</summary>
    public static string? PreferredEndpoint(TopologySnapshot topology, string? site) =>
        topology.ArrayOf(site)?.Fqdn
        ?? topology.Servers.Where(s => s.IsRpcClientAccessServer && TopologySnapshot.Same(s.SiteName, site))
            .OrderBy(s => s.Name, ObjectName.Comparer).Select(s => s.Fqdn).FirstOrDefault();
}
