using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Topology;

namespace CasDirectory.Core.BestPractice;

/// <summary>The names an array FQDN must not take (B4): web-service hosts, Outlook Anywhere, servers, DAGs.</summary>
public static class HostNames
{
    public sealed record Use(string Host, string What);

    public static IEnumerable<Use> Uses(TopologySnapshot topology)
    {
        foreach (var directory in topology.VirtualDirectories)
        {
            var what = directory.Kind == VirtualDirectoryKind.OutlookAnywhere
                ? $"the Outlook Anywhere external host name of {directory.ServerName}"
                : $"the host of {directory.ServerName}'s {directory.Kind.DirectoryName} URL";
            if (HostOf(directory.ExternalUrl) is { } external) yield return new Use(external, what);
            if (HostOf(directory.InternalUrl) is { } internalHost && directory.Kind != VirtualDirectoryKind.OutlookAnywhere) yield return new Use(internalHost, what);
        }
        foreach (var scp in topology.AutodiscoverScps)
            if (HostOf(scp.InternalUri) is { } host) yield return new Use(host, $"the host of {scp.ServerName}'s AutoDiscoverServiceInternalUri");
        foreach (var server in topology.Servers)
        {
            if (server.Fqdn is { } fqdn) yield return new Use(fqdn, $"server {server.Name}'s own name");
        }
        foreach (var dag in topology.DatabaseAvailabilityGroups)
            yield return new Use($"{dag.Name}.{topology.Domain}", $"the name of DAG {dag.Name}");
    }

    public static HashSet<string> Taken(TopologySnapshot topology, string? exceptArray = null) =>
        Uses(topology).Select(u => u.Host)
            .Concat(topology.Arrays.Where(a => !TopologySnapshot.Same(a.Name, exceptArray)).Select(a => a.Fqdn))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static string? HostOf(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null;
}
