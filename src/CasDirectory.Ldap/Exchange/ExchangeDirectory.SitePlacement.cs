using System.DirectoryServices.Protocols;
using System.Net;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Servers;

namespace CasDirectory.Ldap.Exchange;

/// <summary>The site-topology updater's read: what T1-T3 need of each Exchange server, nothing more.</summary>
public sealed partial class ExchangeDirectory
{
    private static readonly string[] PlacementAttributes = ["cn", "objectClass", "msExchServerSite", "ipHostNumber", "msExchCurrentServerRoles", "entryCSN"];

    /// <summary>
    /// Each Exchange server's name, DN, roles, addresses, site and entryCSN (for the guarded write), in one search, arrays
    /// left out by their class (here, not in the filter: slapd answers a negated objectClass filter far more slowly). Not cached, and a fraction of <see cref="ReadServersAndArrays"/>'s bytes: no settings, no
    /// RPC Client Access search. The updater reads this on every change it is pushed, so at 10,000 servers what it
    /// leaves out is most of what the service allocates.
    /// </summary>
    public IReadOnlyList<ExchangeServer> ReadServerPlacements() =>
        Session.Search(Partition.OrganizationDn, "(objectClass=msExchExchangeServer)", SearchScope.Subtree, Placement, PlacementAttributes)
            .OfType<ExchangeServer>().ToList();

    /// <summary>
    /// The same for the servers whose entries <paramref name="serverDns"/> name, one base search each: what the updater
    /// reads when the access log named only servers' own entries (T3 narrowed). A DN that is gone, or not an Exchange
    /// server's, gives nothing.
    /// </summary>
    public IReadOnlyList<ExchangeServer> ReadServerPlacements(IEnumerable<string> serverDns) =>
        serverDns.SelectMany(dn => Session.Search(dn, "(objectClass=msExchExchangeServer)", SearchScope.Base, Placement, PlacementAttributes))
            .OfType<ExchangeServer>().ToList();

    private ExchangeServer? Placement(SearchResultEntry entry) =>
        HasClass(entry, "msExchClientAccessArray") || HasClass(entry, "msExchClientAccessArrayLegacy") || Misnamed(entry, "Exchange server") ? null : new ExchangeServer
        {
            Name = entry.One("cn")!,
            DistinguishedName = entry.DistinguishedName,
            Roles = int.TryParse(entry.One("msExchCurrentServerRoles"), out var roles) ? (ServerRoles)roles : ServerRoles.None,
            SiteName = entry.One("msExchServerSite") is { } site ? DistinguishedNames.FirstValue(site) : null,
            IPAddresses = entry.All("ipHostNumber").Select(a => IPAddress.TryParse(a, out var ip) ? ip : null).OfType<IPAddress>().ToList(),
            Revision = entry.One("entryCSN"),
        };
}
