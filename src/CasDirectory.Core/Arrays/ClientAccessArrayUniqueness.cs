using CasDirectory.Core.Identity;
using CasDirectory.Core.Servers;

namespace CasDirectory.Core.Arrays;

/// <summary>
/// Rule A2: at most one array per site; names unique across servers and arrays; FQDNs unique, and never a
/// server's own name. Checked before a write; slapd enforces the same, and a refused write re-checks against
/// a fresh read so the racing loser gets this message too.
/// </summary>
public static class ClientAccessArrayUniqueness
{
    public static void Check(IReadOnlyList<ClientAccessArray> arrays, IReadOnlyList<ExchangeServer> servers, string? name, string? fqdn, string? site, ClientAccessArray? except)
    {
        var others = arrays.Where(a => except is null || a.DistinguishedName != except.DistinguishedName).ToList();
        if (site is not null && others.FirstOrDefault(a => ObjectLookup.Same(a.SiteName, site)) is { } existing)
            throw new DomainRuleException($"A Client Access array already exists in site '{site}' ({existing.Name}). A site has at most one array (A2); change that array with Set-ClientAccessArray instead.");
        if (name is not null && (others.Any(a => ObjectLookup.Same(a.Name, name)) || servers.Any(s => ObjectLookup.Same(s.Name, name))))
            throw new DomainRuleException($"An array or server named '{name}' already exists. Array names are unique across servers and arrays (A2).");
        if (fqdn is not null && others.FirstOrDefault(a => ObjectLookup.Same(a.Fqdn, fqdn)) is { } sameFqdn)
            throw new DomainRuleException($"The FQDN '{fqdn}' is already used by Client Access array '{sameFqdn.Name}'. FQDNs are unique (A2).");
        if (fqdn is not null && servers.FirstOrDefault(s => ObjectLookup.Same(s.Fqdn, fqdn)) is { } server)
            throw new DomainRuleException($"The FQDN '{fqdn}' is server {server.Name}'s own name. An array needs a name of its own (A2, B4).");
    }

    /// <summary>A new server's name and FQDN against every server and array.</summary>
    public static void CheckServer(IReadOnlyList<ClientAccessArray> arrays, IReadOnlyList<ExchangeServer> servers, string name, string fqdn)
    {
        if (servers.Any(x => ObjectLookup.Same(x.Name, name)) || arrays.Any(a => ObjectLookup.Same(a.Name, name)))
            throw new DomainRuleException($"An array or server named '{name}' already exists.");
        if (servers.FirstOrDefault(x => ObjectLookup.Same(x.Fqdn, fqdn)) is { } sameFqdn)
            throw new DomainRuleException($"The FQDN '{fqdn}' is already server {sameFqdn.Name}'s.");
        if (arrays.FirstOrDefault(a => ObjectLookup.Same(a.Fqdn, fqdn)) is { } arrayFqdn)
            throw new DomainRuleException($"The FQDN '{fqdn}' is already Client Access array {arrayFqdn.Name}'s.");
    }
}
