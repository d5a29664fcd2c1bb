using System.DirectoryServices.Protocols;
using NUnit.Framework;

namespace CasDirectory.Testcontainers.Tests.Fixtures;

/// <summary>Reads a CasDirectory container over LDAP, as a consumer's code under test would: S.DS.P on the published port.</summary>
public static class Lab
{
    public static LdapConnection Bind(CasDirectoryContainer directory, CasDirectoryAccount account)
    {
        var url = new Uri(directory.GetLdapUrl());
        var connection = new LdapConnection(new LdapDirectoryIdentifier(url.Host, url.Port), directory.GetCredential(account), AuthType.Basic);
        connection.SessionOptions.ProtocolVersion = 3;
        connection.Timeout = TimeSpan.FromSeconds(10);
        connection.Bind();
        return connection;
    }

    public static IReadOnlyList<SearchResultEntry> Search(CasDirectoryContainer directory, string filter, params string[] attributes)
    {
        using var connection = Bind(directory, CasDirectoryAccount.Reader);
        var response = (SearchResponse)connection.SendRequest(new SearchRequest(directory.ConfigurationNamingContext, filter, SearchScope.Subtree, attributes));
        return response.Entries.Cast<SearchResultEntry>().ToList();
    }

    public static string? Value(SearchResultEntry entry, string attribute) =>
        entry.Attributes.Contains(attribute) ? (string)entry.Attributes[attribute][0] : null;

    public static IReadOnlyList<string> ExchangeServerNames(CasDirectoryContainer directory) =>
        Search(directory, "(&(objectClass=msExchExchangeServer)(!(objectClass=msExchClientAccessArray)))", "cn")
            .Select(e => Value(e, "cn")!).Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> ArrayNames(CasDirectoryContainer directory) =>
        Search(directory, "(objectClass=msExchClientAccessArray)", "cn").Select(e => Value(e, "cn")!).ToList();

    public static string ServerDn(CasDirectoryContainer directory, string server) =>
        $"CN={server},CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN={directory.Organization},CN=Microsoft Exchange,CN=Services,{directory.ConfigurationNamingContext}";

    public static string SiteDn(CasDirectoryContainer directory, string site) => $"CN={site},CN=Sites,{directory.ConfigurationNamingContext}";

    /// <summary>The server's msExchServerSite, as the directory stores it (case as written).</summary>
    public static string? SiteOf(CasDirectoryContainer directory, string server) =>
        Search(directory, $"(&(objectClass=msExchExchangeServer)(cn={server}))", "msExchServerSite").Select(e => Value(e, "msExchServerSite")).SingleOrDefault();

    public static void AssertSucceeded(DotNet.Testcontainers.Containers.ExecResult result, string what) =>
        Assert.That(result.ExitCode, Is.Zero, $"{what}: exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");

    public static void WaitUntil(Func<bool> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            Thread.Sleep(20);
        }
    }
}
