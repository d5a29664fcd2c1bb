using System.DirectoryServices.Protocols;
using System.Globalization;
using CasDirectory.Ldap.Connection;

namespace CasDirectory.Ldap.Local;

/// <summary>
/// A replicated database's contextCSN (RFC 4533 state, slapo-syncprov): one CSN per server that has written to it,
/// <c>YYYYmmddHHMMSS.ffffffZ#count#sid#mod</c>. Two servers hold the same data when their values are equal; a server
/// is behind another by the time between their CSNs of the same serverID.
/// </summary>
public sealed record ChangeSequence(IReadOnlyList<string> Csns)
{
    /// <summary>The contextCSN values of <paramref name="suffix"/> at <paramref name="url"/>, read as the given account; null when it does not answer.</summary>
    public static ChangeSequence? TryRead(string url, DirectoryCredential credential, string suffix)
    {
        try
        {
            using var connection = DirectoryConnectionFactory.Open(DirectoryEndpoint.Parse(url), credential, TimeSpan.FromSeconds(3));
            var response = (SearchResponse)connection.SendRequest(new SearchRequest(suffix, "(objectClass=*)", SearchScope.Base, "contextCSN"));
            var entry = response.Entries.Cast<SearchResultEntry>().SingleOrDefault();
            var values = entry is not null && entry.Attributes.Contains("contextCSN")
                ? entry.Attributes["contextCSN"].GetValues(typeof(string)).Cast<string>().Order(StringComparer.Ordinal).ToList()
                : [];
            return new ChangeSequence(values);
        }
        catch (Exception e) when (e is LdapException or DirectoryOperationException or InvalidOperationException or Errors.DirectoryRefusedException)
        {
            return null;
        }
    }

    /// <summary>The CSN's time, per serverID (the third field, hex).</summary>
    public IReadOnlyDictionary<int, DateTime> TimeByServer =>
        Csns.Select(Parse).Where(c => c is not null).Select(c => c!.Value).ToDictionary(c => c.ServerId, c => c.Time);

    public bool SameAs(ChangeSequence other) => Csns.SequenceEqual(other.Csns, StringComparer.Ordinal);

    /// <summary>Whether this holds every change <paramref name="reference"/> names: for each of its serverIDs a CSN at least
    /// as new. Not equality: a replica can end up ahead of its provider for the provider's own serverID (docs/replication.md,
    /// "A replica ahead of its provider").</summary>
    public bool Covers(ChangeSequence reference) =>
        ChangeSequenceNumber.Covers(ChangeSequenceNumber.ByServer(Csns), ChangeSequenceNumber.ByServer(reference.Csns));

    /// <summary>How far this is behind <paramref name="reference"/>: the largest gap over the serverIDs the reference holds
    /// (a serverID this lacks counts from the reference's own time: nothing of it arrived). Zero when in step or ahead.
    /// <paramref name="ownServerId"/>, the server's own, is skipped: it made every change of that serverID, and a replica
    /// can show a newer value for it than the server itself (docs/replication.md, "A replica ahead of its provider").</summary>
    public TimeSpan BehindBy(ChangeSequence reference, int? ownServerId = null)
    {
        var mine = TimeByServer;
        var worst = TimeSpan.Zero;
        foreach (var (sid, time) in reference.TimeByServer)
        {
            if (sid == ownServerId)
                continue;
            var gap = mine.TryGetValue(sid, out var have) ? time - have : TimeSpan.MaxValue;
            if (gap > worst)
                worst = gap;
        }
        return worst;
    }

    public static (DateTime Time, int ServerId)? Parse(string csn)
    {
        var parts = csn.Split('#');
        if (parts.Length != 4
            || !DateTime.TryParseExact(parts[0], "yyyyMMddHHmmss.ffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            || !int.TryParse(parts[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var sid))
            return null;
        return (time, sid);
    }

    public override string ToString() => Csns.Count == 0 ? "(none)" : string.Join(" ", Csns);
}
