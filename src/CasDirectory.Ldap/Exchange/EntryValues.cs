using System.Collections.Concurrent;
using System.DirectoryServices.Protocols;

namespace CasDirectory.Ldap.Exchange;

/// <summary>
/// Reads attribute values from a search result entry as strings. A snapshot of 10,000 servers makes some sixty lookups
/// per entry, so a lookup allocates only the values it returns: S.DS.P keys an entry's attributes by lower-case name and
/// lower-cases the name it is asked for on every lookup (a new string, unless it is lower case already), so names are
/// asked in lower case, each lowered once (docs/measurements.md, "What the memory is").
/// </summary>
internal static class EntryValues
{
    private static readonly ConcurrentDictionary<string, string> LowerCase = new(StringComparer.Ordinal);

    private static DirectoryAttribute? Find(SearchResultEntry entry, string attribute)
    {
        var key = LowerCase.GetOrAdd(attribute, static name => name.ToLowerInvariant());
        return entry.Attributes.Contains(key) ? entry.Attributes[key] : null;
    }

    public static IReadOnlyList<string> All(this SearchResultEntry entry, string attribute) =>
        Find(entry, attribute) is { } values ? (string[])values.GetValues(typeof(string)) : [];

    public static string? One(this SearchResultEntry entry, string attribute) =>
        Find(entry, attribute) is { Count: > 0 } values ? ((string[])values.GetValues(typeof(string)))[0] : null;

    /// <summary>Attributes whose values are bytes (octet strings), handed on in base64.</summary>
    public static readonly HashSet<string> Binary = new(StringComparer.OrdinalIgnoreCase) { "activationSchedule", "quotaNotificationSchedule", "msExchPFReplicationSchedule" };

    /// <summary>The values of the given attributes the entry has, by attribute name; binary ones in base64.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Stored(SearchResultEntry entry, IEnumerable<string> attributes)
    {
        var stored = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var attribute in attributes)
        {
            if (Find(entry, attribute) is not { } values)
                continue;
            stored[attribute] = Binary.Contains(attribute)
                ? values.GetValues(typeof(byte[])).Cast<byte[]>().Select(Convert.ToBase64String).ToList()
                : (string[])values.GetValues(typeof(string));
        }
        return stored;
    }
}
