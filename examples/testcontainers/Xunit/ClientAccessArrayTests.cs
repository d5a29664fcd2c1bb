using System.DirectoryServices.Protocols;
using CasDirectory.Testcontainers;
using Xunit;

namespace CasDirectory.Examples.Xunit;

[Trait("Category", "Container")]
public sealed class ClientAccessArrayTests(CasDirectoryFixture fixture) : IClassFixture<CasDirectoryFixture>
{
    private readonly CasDirectoryContainer _directory = fixture.Directory;

    [Fact]
    public void The_array_the_fixture_made_is_in_the_directory()
    {
        var url = new Uri(_directory.GetLdapUrl());
        using var ldap = new LdapConnection(new LdapDirectoryIdentifier(url.Host, url.Port),
            _directory.GetCredential(CasDirectoryAccount.Reader), AuthType.Basic);
        ldap.SessionOptions.ProtocolVersion = 3;

        var arrays = (SearchResponse)ldap.SendRequest(new SearchRequest(_directory.ConfigurationNamingContext,
            "(objectCategory=msExchClientAccessArray)", SearchScope.Subtree, "networkAddress"));

        var array = Assert.Single(arrays.Entries.Cast<SearchResultEntry>());
        Assert.Contains("ncacn_ip_tcp:outlook.lab.local", array.Attributes["networkAddress"].GetValues(typeof(string)).Cast<string>());
    }

    [Fact]
    public async Task A_second_array_in_the_same_site_is_refused()
    {
        var second = await _directory.RunCasdirAsync("New-ClientAccessArray -Name CASArray-B -Fqdn mail.lab.local -Site Site-A");

        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("CASArray-A", second.Stderr);
    }
}
