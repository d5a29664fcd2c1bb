using System.DirectoryServices.Protocols;
using CasDirectory.Ldap.Connection;

namespace CasDirectory.Ldap.Exchange;

/// <summary>
/// The polled change feed (SiteTopology:Feed=poll; the pushed one is <see cref="AccessLogSubscription"/>): cn=accesslog read
/// for successful writes after a cursor (reqStart, a GeneralizedTime with microseconds). A cursor belongs to one server's
/// log: <see cref="Holds"/> says whether the log behind the session still has the record it names.
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

    /// <summary>
    /// Writes that started at or after <paramref name="since"/>, oldest first. slapd logs a write when it commits, with
    /// the time it started: a write that started before another but committed after it appears behind a cursor, so
    /// callers read with an overlap (<see cref="Minus"/>) and skip the records they have seen.
    /// </summary>
    public IReadOnlyList<AccessLogEntry> ReadSince(string since) =>
        session.Search(Suffix, $"(&(objectClass=auditWriteObject)(reqResult=0)(reqStart>={Core.Naming.LdapEscaping.FilterValue(since)}))", SearchScope.OneLevel,
                "reqStart", "reqType", "reqDN", "reqMod")
            .Select(e => new AccessLogEntry(e.One("reqStart")!, e.One("reqType") ?? "", e.One("reqDN") ?? "",
                e.All("reqMod").Select(m => m.Split(':')[0]).Distinct(StringComparer.OrdinalIgnoreCase).ToList()))
            .OrderBy(e => e.Start, StringComparer.Ordinal)
            .ToList();

    /// <summary>A reqStart (20261129215114.000001Z) moved back by <paramref name="window"/>, in the same form.</summary>
    public static string Minus(string reqStart, TimeSpan window) =>
        DateTime.TryParseExact(reqStart.TrimEnd('Z'), "yyyyMMddHHmmss.ffffff", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var time)
            ? (time - window).ToString("yyyyMMddHHmmss.ffffff", System.Globalization.CultureInfo.InvariantCulture) + "Z"
            : reqStart;

    /// <summary>Where a feed without a saved cursor starts following: the log's contextCSN (the time of its newest record, by
    /// the server's clock), read in one base search rather than by reading the whole 7-day log; null for an empty log.</summary>
    public string? Latest() =>
        session.Read(Suffix, "contextCSN")?.All("contextCSN").Select(csn => csn.Split('#')[0]).Max(StringComparer.Ordinal);

    /// <summary>Whether this log holds the record <paramref name="reqStart"/> names: false after a switch to another server
    /// (each keeps its own log, stamped with its own clock), or once the record was purged.</summary>
    public bool Holds(string reqStart) => session.Read($"reqStart={reqStart},{Suffix}", "1.1") is not null;
}
