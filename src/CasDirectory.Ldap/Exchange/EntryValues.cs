using System.DirectoryServices.Protocols;

namespace CasDirectory.Ldap.Exchange;

/// <summary>Reads attribute values from a search result entry as strings.</summary>
internal static class EntryValues
{
    public static IReadOnlyList<string> All(this SearchResultEntry entry, string attribute) =>
        entry.Attributes.Contains(attribute)
            ? entry.Attributes[attribute].GetValues(typeof(string)).Cast<string>().ToList()
            : [];

    public static string? One(this SearchResultEntry entry, string attribute) => entry.All(attribute).FirstOrDefault();

    /// <summary>Attributes whose values are bytes (octet strings), handed on in base64.</summary>
    public static readonly HashSet<string> Binary = new(StringComparer.OrdinalIgnoreCase) { "activationSchedule", "quotaNotificationSchedule", "msExchPFReplicationSchedule" };

    /// <summary>The values of the given attributes the entry has, by attribute name; binary ones in base64.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Stored(SearchResultEntry entry, IEnumerable<string> attributes)
    {
        var stored = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var attribute in attributes)
        {
            if (!entry.Attributes.Contains(attribute))
                continue;
            stored[attribute] = Binary.Contains(attribute)
                ? entry.Attributes[attribute].GetValues(typeof(byte[])).Cast<byte[]>().Select(Convert.ToBase64String).ToList()
                : entry.All(attribute);
        }
        return stored;
    }
}
