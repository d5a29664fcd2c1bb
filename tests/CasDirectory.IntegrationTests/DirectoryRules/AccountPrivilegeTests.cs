using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>The accounts' ACLs (README: Accounts): each application account can do its job and nothing more.</summary>
[TestFixture]
public sealed class AccountPrivilegeTests : FreshLabTest
{

    private string SiteOf(string server) =>
        NormalizeDn(Lab.Tools.Entries(DirectoryAccounts.Reader, ServerDn(server), "(objectClass=*)", "base", "msExchServerSite").Single().Value("msExchServerSite")!);

    /// <summary>The access-log records an account can see. The search itself must work (0), or answer that the tree is
    /// hidden from it (32): anything else (bad credentials, no server) would make "sees nothing" pass for the wrong reason.</summary>
    private IReadOnlyList<LdifEntry> AccessLog(string account, string filter = "(objectClass=auditWriteObject)")
    {
        var search = Lab.Tools.Search(account, "cn=accesslog", filter);
        Assert.That(search.ExitCode, Is.EqualTo(0).Or.EqualTo(LdapToolResult.NoSuchObject), $"{account}: {search}");
        return LdifEntry.Parse(search.Output);
    }

    [Test]
    public void Reader_cannot_write()
    {
        var modify = Lab.Tools.Modify(DirectoryAccounts.Reader, ReplaceLdif(ServerDn("E2K10-MLT-01"), "msExchServerSite", SiteDn("Site-B")));
        var add = Lab.Tools.Add(DirectoryAccounts.Reader, ArrayLdif("CASArray-A", "outlook.lab.local", "Site-A"));

        Assert.That(modify.ExitCode, Is.EqualTo(LdapToolResult.InsufficientAccess), modify.ToString());
        Assert.That(add.ExitCode, Is.EqualTo(LdapToolResult.InsufficientAccess), add.ToString());
        Assert.That(SiteOf("E2K10-MLT-01"), Is.EqualTo(NormalizeDn(SiteDn("Site-A"))));
    }

    [Test]
    public void Updater_can_change_the_site_of_a_server()
    {
        var result = Lab.Tools.Modify(DirectoryAccounts.Updater, ReplaceLdif(ServerDn("E2K10-MLT-02"), "msExchServerSite", SiteDn("Site-B")));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(SiteOf("E2K10-MLT-02"), Is.EqualTo(NormalizeDn(SiteDn("Site-B"))));
    }

    [Test]
    public void Updater_cannot_change_anything_else_of_a_server()
    {
        foreach (var (attribute, value) in new[] { ("ipHostNumber", "10.2.0.12"), ("msExchCurrentServerRoles", "2"), ("networkAddress", "ncacn_ip_tcp:x.lab.local") })
        {
            var result = Lab.Tools.Modify(DirectoryAccounts.Updater, ReplaceLdif(ServerDn("E2K10-MLT-02"), attribute, value));
            Assert.That(result.ExitCode, Is.EqualTo(LdapToolResult.InsufficientAccess), $"{attribute}: {result}");
        }
    }

    [Test]
    public void Updater_cannot_move_an_array_or_a_subnet_or_add_entries()
    {
        Lab.Tools.Add(DirectoryAccounts.Provisioning, ArrayLdif("CASArray-A", "outlook.lab.local", "Site-A"));

        var moveArray = Lab.Tools.Modify(DirectoryAccounts.Updater, ReplaceLdif(Partition.ArrayDn("CASArray-A"), "msExchServerSite", SiteDn("Site-B")));
        var moveSubnet = Lab.Tools.Modify(DirectoryAccounts.Updater, ReplaceLdif(Partition.SubnetDn("10.1.0.0/16"), "siteObject", SiteDn("Site-B")));
        var add = Lab.Tools.Add(DirectoryAccounts.Updater, ArrayLdif("CASArray-B", "outlook-b.lab.local", "Site-B"));

        Assert.That(moveArray.ExitCode, Is.EqualTo(LdapToolResult.InsufficientAccess), moveArray.ToString());
        Assert.That(moveSubnet.ExitCode, Is.EqualTo(LdapToolResult.InsufficientAccess), moveSubnet.ToString());
        Assert.That(add.ExitCode, Is.EqualTo(LdapToolResult.InsufficientAccess), add.ToString());
    }

    [Test]
    public void Updater_reads_the_access_log_where_every_successful_write_appears()
    {
        Lab.Tools.Add(DirectoryAccounts.Provisioning, ArrayLdif("CASArray-A", "outlook.lab.local", "Site-A"));
        Lab.Tools.Add(DirectoryAccounts.Provisioning, ArrayLdif("CASArray-A2", "outlook2.lab.local", "Site-A")); // refused: A2
        Lab.Tools.Modify(DirectoryAccounts.Updater, ReplaceLdif(ServerDn("E2K10-MLT-02"), "msExchServerSite", SiteDn("Site-B")));

        var log = AccessLog(DirectoryAccounts.Updater);

        Assert.That(log.Select(e => (e.Value("reqType"), NormalizeDn(e.Value("reqDN")!))), Is.EquivalentTo(new[]
        {
            ("add", NormalizeDn(Partition.ArrayDn("CASArray-A"))),
            ("modify", NormalizeDn(ServerDn("E2K10-MLT-02"))),
        }));
        Assert.That(log.Select(e => e.Value("reqResult")), Is.All.EqualTo("0"));
        var move = log.Single(e => e.Value("reqType") == "modify");
        Assert.That(move.Values("reqMod"), Has.Some.StartsWith("msExchServerSite:=").And.Some.Contains("Site-B"));
        Assert.That(move.Values("reqOld"), Has.Some.Contains("Site-A"), "old values are logged for the updater");
    }

    [Test]
    public void Only_the_updater_reads_the_access_log()
    {
        Lab.Tools.Add(DirectoryAccounts.Provisioning, ArrayLdif("CASArray-A", "outlook.lab.local", "Site-A"));

        Assert.That(AccessLog(DirectoryAccounts.Updater), Is.Not.Empty);
        Assert.That(AccessLog(DirectoryAccounts.Reader), Is.Empty);
        Assert.That(AccessLog(DirectoryAccounts.Provisioning), Is.Empty);
        Assert.That(AccessLog(LdapTools.Anonymous), Is.Empty);
    }

    [Test]
    public void Application_accounts_read_more_entries_than_the_default_size_limit()
    {
        // slapd's default limit is 500; searches below CN=Configuration are answered through the glued domain database.
        var subnets = string.Join("\n", Enumerable.Range(0, 520).Select(i => SubnetLdif($"10.{200 + i / 256}.{i % 256}.0/24", "Site-B")));
        var added = Lab.Tools.Add(DirectoryAccounts.Provisioning, subnets);
        Assert.That(added.ExitCode, Is.Zero, added.ToString());

        foreach (var account in new[] { DirectoryAccounts.Reader, DirectoryAccounts.Provisioning, DirectoryAccounts.Updater })
        {
            var search = Lab.Tools.Search(account, Partition.ConfigurationDn, "(objectClass=subnet)", "sub", "1.1");
            Assert.That(search.ExitCode, Is.Zero, $"{account}: {search}");
            Assert.That(LdifEntry.Parse(search.Output), Has.Count.EqualTo(522), account);
        }
    }

    [Test]
    public void No_account_can_read_another_accounts_password()
    {
        foreach (var account in new[] { DirectoryAccounts.Reader, DirectoryAccounts.Provisioning, DirectoryAccounts.Updater })
        {
            var users = Lab.Tools.Entries(account, Partition.UsersDn, "(objectClass=simpleSecurityObject)", "one", "userPassword", "cn");
            Assert.That(users, Has.Count.EqualTo(DirectoryAccounts.All.Count - 1), account); // every account but the rootdn; the replicator reads hashes (docs/replication.md)
            Assert.That(users.SelectMany(u => u.Values("userPassword")), Is.Empty, account);
        }
    }

    [Test]
    public void Provisioning_cannot_change_the_application_accounts()
    {
        var result = Lab.Tools.Modify(DirectoryAccounts.Provisioning,
            ReplaceLdif(Lab.Account(DirectoryAccounts.Reader).Dn, "description", "hijacked"));

        Assert.That(result.ExitCode, Is.EqualTo(LdapToolResult.InsufficientAccess), result.ToString());
    }
}
