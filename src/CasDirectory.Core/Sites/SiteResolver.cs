using System.Net;

namespace CasDirectory.Core.Sites;

/// <summary>
/// T1: a server's site is the site of the most specific subnet that contains one of its IP addresses
/// (what Windows' DsGetSiteName does). Null when no subnet matches.
/// </summary>
public static class SiteResolver
{
    /// <summary>T2: the site of an existing server after its addresses change; an Edge server (not a domain member) keeps none.</summary>
    public static string? SiteFor(Servers.ExchangeServer server, IEnumerable<IPAddress> addresses, IEnumerable<AdSubnet> subnets) =>
        server.HasRole(Servers.ServerRoles.Edge) ? null : SiteFor(addresses, subnets);

    public static string? SiteFor(IEnumerable<IPAddress> addresses, IEnumerable<AdSubnet> subnets)
    {
        var candidates = subnets.Where(s => s.SiteName is not null).ToList();
        return addresses
            .SelectMany(address => candidates.Where(s => s.Prefix.Contains(address)))
            .OrderByDescending(s => s.Prefix.PrefixLength)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => s.SiteName)
            .FirstOrDefault();
    }
}
