using CasDirectory.Core;
using CasDirectory.Core.Arrays;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Servers;

namespace CasDirectory.Cli.Cmdlets;

/// <summary>
/// Identity resolution (A5): a name, DN, FQDN, legacyExchangeDN or GUID, matched against objects already
/// read (so no filter is ever built from an identity). Unknown identities say how to list what exists.
/// </summary>
public static class Lookup
{
    public static ClientAccessArray Array(IEnumerable<ClientAccessArray> arrays, string identity) =>
        arrays.FirstOrDefault(a => Matches(identity, a.Name, a.DistinguishedName, a.Guid) || Same(identity, a.Fqdn) || Same(identity, a.LegacyExchangeDN))
        ?? throw NotFound("Client Access array", identity, "Get-ClientAccessArray");

    public static ExchangeServer Server(IEnumerable<ExchangeServer> servers, string identity) =>
        servers.FirstOrDefault(s => Matches(identity, s.Name, s.DistinguishedName, null) || Same(identity, s.Fqdn) || Same(identity, s.LegacyExchangeDN))
        ?? throw NotFound("Exchange server", identity, "Get-ExchangeServer");

    public static MailboxDatabase Database(IEnumerable<MailboxDatabase> databases, string identity, string kind = "mailbox database", string list = "Get-MailboxDatabase") =>
        databases.FirstOrDefault(d => Matches(identity, d.Name, d.DistinguishedName, d.Guid))
        ?? throw NotFound(kind, identity, list);

    public static string Site(IEnumerable<string> sites, string identity)
    {
        var name = identity.Contains('=') ? DistinguishedNames.FirstValue(identity) : identity;
        return sites.FirstOrDefault(s => Same(s, name)) ?? throw NotFound("site", identity, "Get-ADReplicationSite");
    }

    public static DomainRuleException NotFound(string kind, string identity, string list) =>
        new($"The {kind} '{identity}' was not found. {list} lists them.");

    public static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool Matches(string identity, string name, string dn, string? guid) =>
        Same(identity, name) || (identity.Contains('=') && DistinguishedNames.AreEqual(identity, dn)) || Same(identity, guid);
}
