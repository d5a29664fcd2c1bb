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
}
