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

    /// <summary>How far this is behind <paramref name="reference"/>: the largest gap over the serverIDs the reference holds
    /// (a serverID this lacks counts from the reference's own time: nothing of it arrived). Zero when in step or ahead.</summary>
    public TimeSpan BehindBy(ChangeSequence reference)
    {
        var mine = TimeByServer;
        var worst = TimeSpan.Zero;
        foreach (var (sid, time) in reference.TimeByServer)
        {
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
