using System.DirectoryServices.Protocols;
using CasDirectory.Ldap.Connection;

namespace CasDirectory.Ldap.Exchange;

/// <summary>
/// The change feed ("The LDAP client on Linux" in docs/rules.md): S.DS.P gets no push notification from OpenLDAP, so cn=accesslog is polled
/// for successful writes after a cursor (reqStart, a GeneralizedTime with microseconds).
/// </summary>
public sealed class AccessLogFeed(DirectorySession session)
{
    public const string Suffix = "cn=accesslog";

    /// <summary>Writes after <paramref name="cursor"/> (all of them when null), oldest first.</summary>
    public IReadOnlyList<AccessLogEntry> ReadAfter(string? cursor)
    {
        var filter = cursor is null
            ? "(&(objectClass=auditWriteObject)(reqResult=0))"
            : $"(&(objectClass=auditWriteObject)(reqResult=0)(reqStart>={Core.Naming.LdapEscaping.FilterValue(cursor)}))";
        return session.Search(Suffix, filter, SearchScope.OneLevel, "reqStart", "reqType", "reqDN", "reqMod")
            .Select(e => new AccessLogEntry(e.One("reqStart")!, e.One("reqType") ?? "", e.One("reqDN") ?? "",
                e.All("reqMod").Select(m => m.Split(':')[0]).Distinct(StringComparer.OrdinalIgnoreCase).ToList()))
            .Where(e => cursor is null || string.CompareOrdinal(e.Start, cursor) > 0)
            .OrderBy(e => e.Start, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The newest entry's reqStart: where a feed without a saved cursor starts following.</summary>
    public string? Latest() => ReadAfter(null).LastOrDefault()?.Start;
}
