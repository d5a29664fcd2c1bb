using System.DirectoryServices.Protocols;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Exchange;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.DirectoryLayer;

/// <summary>The LDAP client on Linux (docs/rules.md): a poisoned connection is replaced, transient failures are retried, results page.</summary>
[TestFixture]
public sealed class DirectorySessionTests : FreshLabTest
{
    private DirectorySession Session()
    {
        var provisioning = Lab.Account(DirectoryAccounts.Provisioning);
        return new DirectorySession(DirectoryEndpoint.Parse(Lab.Url), DirectoryCredential.FromPasswordFile(provisioning.Dn, provisioning.PasswordFile));
    }

    // The lab's Site-A and Site-B, and Default-First-Site-Name, where the directory itself sits as a domain controller.
    private const int LabSites = 3;

    [Test]
    public void A_session_survives_a_slapd_restart_by_opening_a_new_connection()
    {
        using var session = Session();
        Assert.That(session.Search(Lab.Partition.SitesDn, "(objectClass=site)", SearchScope.OneLevel, "cn"), Has.Count.EqualTo(LabSites));

        LocalDirectory.Down(Lab.DataDirectory);
        LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = Lab.DataDirectory });

        Assert.That(session.Search(Lab.Partition.SitesDn, "(objectClass=site)", SearchScope.OneLevel, "cn"), Has.Count.EqualTo(LabSites));
    }

    [Test]
    public void A_session_retries_while_slapd_comes_back()
    {
        using var session = Session();
        session.Search(Lab.Partition.SitesDn, "(objectClass=site)", SearchScope.OneLevel, "cn");
        LocalDirectory.Down(Lab.DataDirectory);

        var restart = Task.Run(async () =>
        {
            await Task.Delay(300);
            LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = Lab.DataDirectory });
        });
        var sites = session.Search(Lab.Partition.SitesDn, "(objectClass=site)", SearchScope.OneLevel, "cn");
        restart.Wait();

        Assert.That(sites, Has.Count.EqualTo(LabSites));
    }

    [Test]
    public void Bad_credentials_fail_at_once_without_retrying()
    {
        using var session = new DirectorySession(DirectoryEndpoint.Parse(Lab.Url), new DirectoryCredential(Lab.Account(DirectoryAccounts.Reader).Dn, "wrong"));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.Throws<CasDirectory.Ldap.Errors.DirectoryRefusedException>(() => session.Search("", "(objectClass=*)", SearchScope.Base))!;

        Assert.That(error.Result, Is.EqualTo(CasDirectory.Ldap.Errors.DirectoryResult.InvalidCredentials));
        Assert.That(error.Message, Does.Contain("refused the account's credentials"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)), "not retried with backoff");
    }

    [Test]
    public void Searches_return_more_entries_than_one_page()
    {
        var subnets = string.Join("\n", Enumerable.Range(0, 1500).Select(i => LabObjects.SubnetLdif($"10.{100 + i / 256}.{i % 256}.0/24", "Site-B")));
        Assert.That(Lab.Tools.Add(DirectoryAccounts.Provisioning, subnets).ExitCode, Is.Zero);
        using var session = Session();

        var found = session.Search(Lab.Partition.SubnetsDn, "(objectClass=subnet)", SearchScope.OneLevel, "cn");

        Assert.That(found, Has.Count.EqualTo(1502));
        Assert.That(session.Searches, Is.EqualTo(1), "one logical search, however many pages");
    }

    [Test]
    public void The_Exchange_organisation_is_found_from_the_root_DSE()
    {
        var provisioning = Lab.Account(DirectoryAccounts.Provisioning);
        using var directory = ExchangeDirectory.Connect(DirectoryEndpoint.Parse(Lab.Url), DirectoryCredential.FromPasswordFile(provisioning.Dn, provisioning.PasswordFile));

        Assert.That(directory.Partition.Organization.Value, Is.EqualTo("First Organization"));
        Assert.That(directory.Partition.Domain.Value, Is.EqualTo("lab.local"));
        Assert.That(directory.ReadServersAndArrays().Servers.Select(s => s.Name), Is.EquivalentTo(LabObjects.ServerNames));
    }
}
