using System.DirectoryServices.Protocols;
using CasDirectory.Testcontainers;
using NUnit.Framework;

namespace CasDirectory.Examples.NUnit;

// One directory for the fixture: started before its first test, removed after its last.
[TestFixture, Category("Container")]
public class ClientAccessArrayTests
{
    private CasDirectoryContainer _directory = null!;

    [OneTimeSetUp]
    public async Task StartDirectory()
    {
        _directory = new CasDirectoryBuilder().WithSampleLab().Build();
        await _directory.StartAsync();
    }

    [OneTimeTearDown]
    public async Task RemoveDirectory() => await _directory.DisposeAsync();

    [Test]
    public async Task A_new_database_in_a_site_with_an_array_is_reached_through_the_array()
    {
        var array = await _directory.RunCasdirAsync("New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-A");
        Assert.That(array.ExitCode, Is.Zero, array.Stderr);

        var database = await _directory.RunCasdirAsync("New-MailboxDatabase -Name MDB10 -Server E2K10-MLT-01 | Format-List RpcClientAccessServer");
        Assert.That(database.Stdout, Does.Contain("outlook.lab.local"));
    }

    [Test]
    public void The_lab_has_four_Exchange_servers()
    {
        var url = new Uri(_directory.GetLdapUrl());
        using var ldap = new LdapConnection(new LdapDirectoryIdentifier(url.Host, url.Port),
            _directory.GetCredential(CasDirectoryAccount.Reader), AuthType.Basic);
        ldap.SessionOptions.ProtocolVersion = 3;

        var servers = (SearchResponse)ldap.SendRequest(new SearchRequest(_directory.ConfigurationNamingContext,
            "(&(objectCategory=msExchExchangeServer)(!(objectClass=msExchClientAccessArray)))", SearchScope.Subtree, "cn"));

        Assert.That(servers.Entries, Has.Count.EqualTo(4));
    }
}
