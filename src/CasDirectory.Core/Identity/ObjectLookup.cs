using CasDirectory.Core.Arrays;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Servers;
using CasDirectory.Core.Sites;

namespace CasDirectory.Core.Identity;

/// <summary>
/// Identity resolution (rule A5 in docs/rules.md): a name, DN, FQDN, legacyExchangeDN or GUID, matched against
/// objects already read, so no filter is ever built from an identity. A DN must name that exact object: its
/// first value alone never resolves. Unknown identities say how to list what exists.
/// </summary>
public static class ObjectLookup
{
    public static ClientAccessArray Array(IEnumerable<ClientAccessArray> arrays, string identity) =>
        arrays.FirstOrDefault(a => Matches(identity, a.Name, a.DistinguishedName, a.Guid) || Same(identity, a.Fqdn) || Same(identity, a.LegacyExchangeDN))
        ?? throw new ObjectNotFoundException("Client Access array", identity);

    public static ExchangeServer Server(IEnumerable<ExchangeServer> servers, string identity, string kind = "Exchange server") =>
        TryServer(servers, identity) ?? throw new ObjectNotFoundException(kind, identity);

    public static ExchangeServer? TryServer(IEnumerable<ExchangeServer> servers, string identity) =>
        servers.FirstOrDefault(s => Matches(identity, s.Name, s.DistinguishedName, null) || Same(identity, s.Fqdn) || Same(identity, s.LegacyExchangeDN));

    /// <summary>A database by name, DN, GUID or EMS's SERVER\name form (the server that holds it, then its name).</summary>
    public static MailboxDatabase Database(IEnumerable<MailboxDatabase> databases, string identity, string kind = "mailbox database") =>
        databases.FirstOrDefault(d => Matches(identity, d.Name, d.DistinguishedName, d.Guid) || OnServer(identity, d))
        ?? throw new ObjectNotFoundException(kind, identity);

    private static bool OnServer(string identity, MailboxDatabase database) =>
        identity.IndexOf('\\') is var slash and > 0 && !IsDn(identity)
        && Same(identity[..slash], database.ServerName) && Same(identity[(slash + 1)..], database.Name);

    /// <summary>A site by name, or by its exact DN under the partition's CN=Sites.</summary>
    public static string Site(IEnumerable<string> sites, string identity, ConfigurationPartition partition) =>
        sites.FirstOrDefault(s => Same(s, identity) || (IsDn(identity) && DistinguishedNames.AreEqual(identity, partition.SiteDn(s))))
        ?? throw new ObjectNotFoundException("site", identity);

    public static AdSubnet Subnet(IEnumerable<AdSubnet> subnets, string identity, ConfigurationPartition partition) =>
        subnets.FirstOrDefault(s => ObjectName.Same(s.Name, identity) || (IsDn(identity) && DistinguishedNames.AreEqual(identity, partition.SubnetDn(s.Name)))
                                    || (AdSubnet.TryParsePrefix(identity, out var prefix) && s.Prefix == prefix))
        ?? throw new ObjectNotFoundException("subnet", identity);

    public static DatabaseAvailabilityGroup DatabaseAvailabilityGroup(IEnumerable<DatabaseAvailabilityGroup> dags, string identity) =>
        dags.FirstOrDefault(d => Matches(identity, d.Name, d.DistinguishedName, null))
        ?? throw new ObjectNotFoundException("database availability group", identity);

    /// <summary>Names (and FQDNs, GUIDs, legacyExchangeDNs) compared as names are: <see cref="ObjectName.Comparer"/>.</summary>
    public static bool Same(string? a, string? b) => ObjectName.Same(a, b);

    private static bool IsDn(string identity) => identity.Contains('=');

    private static bool Matches(string identity, string name, string dn, string? guid) =>
        Same(identity, name) || (IsDn(identity) && DistinguishedNames.AreEqual(identity, dn)) || Same(identity, guid);
}
