using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Naming;

namespace CasDirectory.Core.ClientView;

/// <summary>How an Autodiscover SCP stands for a client of a given site (docs/outlook.md, O7).</summary>
public enum ScpScope
{
    /// <summary>Its keywords hold Site=&lt;the client's site&gt;.</summary>
    InSite,
    /// <summary>No Site= keyword at all: authoritative for every site.</summary>
    Unscoped,
    /// <summary>Site= keywords for other sites only.</summary>
    OtherSite,
}

public sealed record RankedScp(AutodiscoverScp Scp, ScpScope Scope);

/// <summary>
/// What a domain-joined Outlook does first (O7): it reads the Autodiscover service connection points and tries them in
/// this order: those scoped to its own site, then unscoped ones, then the rest; the same URL once. Within a group, by
/// server name (Microsoft's sample keeps LDAP's order, which no client can rely on).
/// </summary>
public static class AutodiscoverScpRanking
{
    public static IReadOnlyList<RankedScp> Rank(IEnumerable<AutodiscoverScp> scps, string? clientSite)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return scps
            .Where(s => s.InternalUri is not null)
            .Select(s => new RankedScp(s, ScopeOf(s, clientSite)))
            .OrderBy(r => r.Scope).ThenBy(r => r.Scp.ServerName, ObjectName.Comparer)
            .Where(r => seen.Add(r.Scp.InternalUri!))
            .ToList();
    }

    private static ScpScope ScopeOf(AutodiscoverScp scp, string? clientSite) =>
        scp.SiteScope.Count == 0 ? ScpScope.Unscoped
        : clientSite is not null && scp.SiteScope.Any(s => ObjectName.Same(s, clientSite)) ? ScpScope.InSite
        : ScpScope.OtherSite;
}
