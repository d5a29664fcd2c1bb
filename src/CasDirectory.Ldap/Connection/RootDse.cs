using System.DirectoryServices.Protocols;

namespace CasDirectory.Ldap.Connection;

/// <summary>The root DSE as an AD-minded client reads it: naming contexts first.</summary>
public sealed record RootDse(IReadOnlyList<string> NamingContexts, string? ConfigurationNamingContext, string? DefaultNamingContext)
{
    public static RootDse Read(LdapConnection connection)
    {
        var request = new SearchRequest("", "(objectClass=*)", SearchScope.Base,
            "namingContexts", "configurationNamingContext", "defaultNamingContext");
        var response = (SearchResponse)connection.SendRequest(request);
        var entry = response.Entries.Cast<SearchResultEntry>().Single();
        string[] Values(string name) => entry.Attributes.Contains(name)
            ? entry.Attributes[name].GetValues(typeof(string)).Cast<string>().ToArray()
            : [];
        return new RootDse(Values("namingContexts"),
            Values("configurationNamingContext").FirstOrDefault(),
            Values("defaultNamingContext").FirstOrDefault());
    }

    /// <summary>True when a directory answers at the endpoint: the bind succeeds and the root DSE can be read.</summary>
    public static bool TryProbe(DirectoryEndpoint endpoint, DirectoryCredential? credential, out RootDse? rootDse)
    {
        try
        {
            using var connection = DirectoryConnectionFactory.Open(endpoint, credential, TimeSpan.FromSeconds(2));
            rootDse = Read(connection);
            return true;
        }
        catch (Exception e) when (e is LdapException or DirectoryOperationException or InvalidOperationException)
        {
            rootDse = null;
            return false;
        }
    }
}
