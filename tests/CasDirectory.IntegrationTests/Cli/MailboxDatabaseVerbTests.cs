using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Cli;

/// <summary>Mailbox databases and their RpcClientAccessServer, rules D1–D3.</summary>
[TestFixture]
public sealed class MailboxDatabaseVerbTests : FreshLabTest
{
    private string RpcClientAccessServerOf(string database) =>
        Lab.Json($"Get-MailboxDatabase {database}")[0].GetProperty("RpcClientAccessServer").GetString()!;

    private string LegacyDnOf(string database) =>
        Lab.Json($"Get-MailboxDatabase {database}")[0].GetProperty("ExchangeLegacyDN").GetString()!;

    private void NewServer(string name, string roles, string ip, string version = "14.2.247.5")
    {
        var result = Lab.Casdir("New-ExchangeServer", "-Name", name, "-Roles", roles, "-Version", version, "-IPAddress", ip);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public void D1a_a_new_database_gets_the_array_of_its_servers_site()
    {
        Lab.Casdir("New-ClientAccessArray", "-Name", "CASArray-A", "-Fqdn", "outlook.lab.local", "-Site", "Site-A");

        var created = Lab.Casdir("New-MailboxDatabase", "-Name", "MDB10", "-Server", "E2K10-MLT-01");

        Assert.That(created.ExitCode, Is.Zero, created.ToString());
        Assert.That(RpcClientAccessServerOf("MDB10"), Is.EqualTo("outlook.lab.local"));
        Assert.That(LegacyDnOf("MDB10"), Does.EndWith("/cn=Servers/cn=outlook.lab.local/cn=Microsoft Private MDB"));
    }

    [Test]
    public void D1b_without_an_array_a_database_gets_its_own_Client_Access_server()
    {
        Lab.Casdir("New-MailboxDatabase", "-Name", "MDB10", "-Server", "E2K10-MLT-02");

        Assert.That(RpcClientAccessServerOf("MDB10"), Is.EqualTo("E2K10-MLT-02.lab.local"));
    }

    [Test]
    public void D1c_a_Mailbox_only_server_gets_a_2010_Client_Access_server_of_its_site()
    {
        NewServer("MBX-A3", "Mailbox", "10.1.0.21");

        var created = Lab.Casdir("New-MailboxDatabase", "-Name", "MDB10", "-Server", "MBX-A3");

        Assert.That(created.Error, Is.Empty, "no warning");
        Assert.That(RpcClientAccessServerOf("MDB10"), Is.EqualTo("E2K10-MLT-01.lab.local"), "the first 2010 CAS of Site-A by name; never the 2007 CAS");
    }

    [Test]
    public void D1d_with_no_Client_Access_server_in_the_site_the_database_gets_its_own_Mailbox_server_and_a_warning()
    {
        NewServer("MBX-B1", "Mailbox", "10.2.0.21");

        var created = Lab.Casdir("New-MailboxDatabase", "-Name", "MDB20", "-Server", "MBX-B1");

        Assert.That(created.ExitCode, Is.Zero, created.ToString());
        Assert.That(created.Error, Does.Contain("WARNING:").And.Contain("its own Mailbox server MBX-B1"));
        Assert.That(RpcClientAccessServerOf("MDB20"), Is.EqualTo("MBX-B1.lab.local"));
    }

    [Test]
    public void D2_nothing_rewrites_it_and_Set_MailboxDatabase_through_the_pipeline_re_points_every_database()
    {
        Lab.Casdir("New-ClientAccessArray", "-Name", "CASArray-A", "-Fqdn", "outlook.lab.local", "-Site", "Site-A");
        Assert.That(RpcClientAccessServerOf("MDB01"), Is.EqualTo("E2K10-MLT-01.lab.local"), "a new array changes no database");

        var repointed = Lab.Casdir("Get-MailboxDatabase | Set-MailboxDatabase -RpcClientAccessServer outlook.lab.local");
        var table = Lab.Casdir("Get-MailboxDatabase | select name,rpcclientaccessserver | ft -auto");

        Assert.That(repointed.ExitCode, Is.Zero, repointed.ToString());
        Assert.That(table.Output, Is.EqualTo("""

            Name  RpcClientAccessServer
            ----  ---------------------
            MDB01 outlook.lab.local
            MDB02 outlook.lab.local


            """));
        var legacy = Lab.Tools.Entries(Ldap.Local.DirectoryAccounts.Reader, Lab.Partition.DatabasesDn, "(objectClass=msExchPrivateMDB)", "one", "legacyExchangeDN");
        Assert.That(legacy.Select(e => e.Value("legacyExchangeDN")), Is.All.EqualTo(
            "/o=First Organization/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=outlook.lab.local/cn=Microsoft Private MDB"));
    }

    [Test]
    public void D2_pipeline_from_one_server_re_points_only_its_databases()
    {
        Lab.Casdir("New-ClientAccessArray", "-Name", "CASArray-A", "-Fqdn", "outlook.lab.local", "-Site", "Site-A");

        Lab.Casdir("Get-MailboxDatabase -Server E2K10-MLT-02 | Set-MailboxDatabase -RpcClientAccessServer outlook.lab.local");

        Assert.That(RpcClientAccessServerOf("MDB01"), Is.EqualTo("E2K10-MLT-01.lab.local"));
        Assert.That(RpcClientAccessServerOf("MDB02"), Is.EqualTo("outlook.lab.local"));
    }

    [TestCase("E2K7-MLT-02", "is not an Exchange 2010 Client Access server", TestName = "D2_a_2007_Client_Access_server_cannot_be_the_RpcClientAccessServer")]
    [TestCase("nowhere.lab.local", "is neither a Client Access array nor an Exchange server", TestName = "D2_an_unknown_RpcClientAccessServer_is_refused")]
    public void D2_the_RpcClientAccessServer_must_be_an_existing_array_or_2010_Client_Access_server(string target, string message)
    {
        var writes = Lab.SuccessfulWrites();

        var result = Lab.Casdir("Set-MailboxDatabase", "MDB01", "-RpcClientAccessServer", target);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));
    }

    [Test]
    public void D2_moving_a_server_to_another_site_leaves_its_databases_pointing_where_they_did()
    {
        Assert.That(RpcClientAccessServerOf("MDB01"), Is.EqualTo("E2K10-MLT-01.lab.local"), "before");
        var moved = Lab.Casdir("Set-ExchangeServer", "E2K10-MLT-01", "-IPAddress", "10.2.0.11");

        Assert.That(moved.ExitCode, Is.Zero, moved.ToString());
        Assert.That(Lab.Json("Get-ExchangeServer E2K10-MLT-01")[0].GetProperty("Site").GetProperty("DistinguishedName").GetString(), Does.StartWith("CN=Site-B,"), "the server did move");
        Assert.That(RpcClientAccessServerOf("MDB01"), Is.EqualTo("E2K10-MLT-01.lab.local"));
    }

    [Test]
    public void D3_a_recovery_database_is_a_mailbox_database_with_msExchRestore()
    {
        var created = Lab.Casdir("New-MailboxDatabase", "-Name", "RDB01", "-Server", "E2K10-MLT-01", "-Recovery");

        Assert.That(created.Output, Does.Match(Table.Row("RDB01  E2K10-MLT-01  True")));
        var entry = Lab.Tools.Entries(Ldap.Local.DirectoryAccounts.Reader, Lab.Partition.DatabaseDn("RDB01"), "(objectClass=*)", "base").Single();
        Assert.That(entry.Values("objectClass"), Does.Contain("msExchPrivateMDB"));
        Assert.That(entry.Value("msExchRestore"), Is.EqualTo("TRUE"));
    }

    [Test]
    public void A_public_folder_database_is_reached_on_its_own_server_and_is_not_a_mailbox_database()
    {
        Lab.Casdir("New-ClientAccessArray", "-Name", "CASArray-A", "-Fqdn", "outlook.lab.local", "-Site", "Site-A");

        var created = Lab.Casdir("New-PublicFolderDatabase", "-Name", "PFDB01", "-Server", "E2K10-MLT-02");
        var publicFolders = Lab.Json("Get-PublicFolderDatabase").ToString();

        Assert.That(created.ExitCode, Is.Zero, created.ToString());
        Assert.That(publicFolders, Does.Contain("E2K10-MLT-02.lab.local").And.Contain("/cn=Microsoft Public MDB"));
        Assert.That(Lab.Casdir("Get-MailboxDatabase").Output, Does.Not.Contain("PFDB01"));
    }

    [Test]
    public void A_database_needs_an_Exchange_2010_Mailbox_server()
    {
        var result = Lab.Casdir("New-MailboxDatabase", "-Name", "MDB30", "-Server", "E2K7-MLT-02");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("E2K7-MLT-02 is not an Exchange 2010 Mailbox server"));
    }

    [Test]
    public void Database_names_are_unique()
    {
        var result = Lab.Casdir("New-MailboxDatabase", "-Name", "mdb01", "-Server", "E2K10-MLT-02");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("A database named 'mdb01' already exists (on E2K10-MLT-01)"));
    }

    [Test]
    public void Removing_a_server_that_hosts_databases_is_refused()
    {
        var result = Lab.Casdir("Remove-ExchangeServer", "E2K10-MLT-01", "-Confirm:$false");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("databases or copies live on it (MDB01)"));
    }

    [Test]
    public void Remove_MailboxDatabase_removes_it_and_its_copies()
    {
        Lab.Casdir("Remove-Mailbox", "cara", "-Confirm:$false"); // the sample lab's one mailbox in MDB02
        var removed = Lab.Casdir("Remove-MailboxDatabase", "MDB02", "-Confirm:$false");

        Assert.That(removed.ExitCode, Is.Zero, removed.ToString());
        Assert.That(Lab.Tools.Search(Ldap.Local.DirectoryAccounts.Reader, Lab.Partition.DatabaseDn("MDB02")).ExitCode, Is.EqualTo(LdapToolResult.NoSuchObject));
    }
}
