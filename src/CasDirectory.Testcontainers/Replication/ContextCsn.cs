using System.Globalization;

namespace CasDirectory.Testcontainers;

/// <summary>
/// A naming context's contextCSN values as one server holds them, one per serverID that changed it, e.g.
/// <c>20261207163006.632256Z#000000#001#000000</c> (time, count, serverID in hex, modifier: fixed widths, so ordinal
/// order is time order).
/// </summary>
internal sealed class ContextCsn
{
    private readonly IReadOnlyDictionary<int, string> _byServer;

    private ContextCsn(IReadOnlyDictionary<int, string> byServer) => _byServer = byServer;

    /// <summary>Reads the values of ldapsearch's <c>contextCSN: …</c> lines; other lines are ignored.</summary>
    public static ContextCsn Parse(string ldif)
    {
        var byServer = new Dictionary<int, string>();
        foreach (var line in ldif.Split('\n', StringSplitOptions.TrimEntries))
        {
            if (!line.StartsWith("contextCSN: ", StringComparison.OrdinalIgnoreCase))
                continue;
            var csn = line["contextCSN: ".Length..];
            var fields = csn.Split('#');
            if (fields.Length == 4 && int.TryParse(fields[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var serverId))
                byServer[serverId] = csn;
        }
        return new ContextCsn(byServer);
    }

    /// <summary>The CSN of the last change <paramref name="serverId"/> made that this server holds, or null.</summary>
    public string? Of(int serverId) => _byServer.GetValueOrDefault(serverId);

    /// <summary>
    /// Whether this server holds every change <paramref name="provider"/> made itself: its CSN for that serverID is at
    /// least the provider's own. At least, not equal: a fresh replica can hold a newer value of its provider's own
    /// serverID than the provider (slapd 2.5 can give the glued configuration database the domain database's CSN while
    /// both refresh); the provider's value overtakes at its next write. A provider with no value of its own made nothing.
    /// </summary>
    public bool Covers(ContextCsn provider, int providerId) =>
        provider.Of(providerId) is not { } theirs || (Of(providerId) is { } mine && string.CompareOrdinal(mine, theirs) >= 0);

    public override string ToString() => _byServer.Count == 0 ? "(none)" : string.Join(" ", _byServer.OrderBy(p => p.Key).Select(p => p.Value));
}
