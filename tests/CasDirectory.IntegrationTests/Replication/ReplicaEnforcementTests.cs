using CasDirectory.IntegrationTests.Fixtures;
using CasDirectory.Ldap.Local;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.Replication;

/// <summary>What each server of a replicated directory enforces itself (docs/replication.md).</summary>
[TestFixture]
public sealed class ReplicaEnforcementTests
{
    private ReplicatedLab _lab = null!;

    [OneTimeSetUp]
    public void StartLab() => _lab = ReplicatedLab.Start(withConsumer: true);

    [OneTimeTearDown]
    public void StopLab() => _lab.Dispose();

    private const int Referral = 10;
    private const int UnwillingToPerform = 53;

    [Test]
    public void The_replicator_reads_every_entry_with_its_password_hash()
    {
        var provisioning = _lab.A.Account(DirectoryAccounts.Provisioning).Dn;

        var entry = _lab.A.Tools.Entries(DirectoryAccounts.Replicator, provisioning, "(objectClass=*)", "base", "userPassword").Single();
        var configuration = _lab.A.Tools.Entries(DirectoryAccounts.Replicator, _lab.A.State.ConfigurationDn, "(objectClass=*)", "sub", "1.1");

        Assert.That(entry.Values("userPassword").Concat(entry.Bytes.GetValueOrDefault("userPassword")?.Select(b => System.Text.Encoding.UTF8.GetString(b)) ?? []),
            Has.Some.StartsWith("{SSHA}"));
        Assert.That(configuration, Has.Count.GreaterThan(100), "no size limit for the replicator");
    }

    [Test]
    public void The_replicator_writes_nothing()
    {
        var add = _lab.A.Tools.Add(DirectoryAccounts.Replicator, SubnetLdif("10.90.0.0/16", "Site-A"));
        var modify = _lab.A.Tools.Modify(DirectoryAccounts.Replicator, ReplaceLdif(Partition.SiteDn("Site-A"), "description", "replicator was here"));

        Assert.That(add.ExitCode, Is.EqualTo(LdapToolResult.InsufficientAccess), add.ToString());
        Assert.That(modify.ExitCode, Is.EqualTo(LdapToolResult.InsufficientAccess), modify.ToString());
    }

    [Test]
    public void The_replicator_cannot_read_the_access_log()
    {
        var log = _lab.A.Tools.Search(DirectoryAccounts.Replicator, "cn=accesslog", "(objectClass=*)", "sub", "1.1");
        var rootDse = _lab.A.Tools.Entries(DirectoryAccounts.Replicator, "", "(objectClass=*)", "base", "namingContexts").Single();

        Assert.That(log.ExitCode == LdapToolResult.NoSuchObject || (log.ExitCode == 0 && LdifEntry.Parse(log.Output).Count == 0), Is.True, log.ToString());
        Assert.That(rootDse.Values("namingContexts"), Has.None.EqualTo("cn=accesslog").IgnoreCase);
    }

    [TestCase(DirectoryAccounts.Provisioning)]
    [TestCase(DirectoryAccounts.Admin)]
    public void The_consumer_refuses_a_write_with_a_referral_to_the_providers(string account)
    {
        var add = _lab.C.Tools.Add(account, SubnetLdif("10.91.0.0/16", "Site-A"));

        Assert.That(add.ExitCode, Is.AnyOf(Referral, UnwillingToPerform), add.ToString());
        if (add.ExitCode == Referral)
            Assert.That(add.Output + add.Error, Does.Contain(_lab.A.Url).Or.Contain(_lab.B.Url));
        Assert.That(_lab.A.Tools.Search(DirectoryAccounts.Reader, Partition.SubnetDn("10.91.0.0/16"), scope: "base").ExitCode, Is.EqualTo(LdapToolResult.NoSuchObject));
    }

    [Test]
    public void The_mirror_refuses_a_second_array_in_a_site_when_written_directly()
    {
        var first = _lab.B.Tools.Add(DirectoryAccounts.Provisioning, ArrayLdif("CASArray-R1", "outlook-r1.lab.local", "Site-B"));
        Assert.That(first.ExitCode, Is.Zero, first.ToString());

        var second = _lab.B.Tools.Add(DirectoryAccounts.Provisioning, ArrayLdif("CASArray-R2", "outlook-r2.lab.local", "Site-B"));

        Assert.That(second.ExitCode, Is.EqualTo(LdapToolResult.ConstraintViolation), second.ToString());
    }

    [Test]
    public void Servers_replicate_over_LDAPS_checked_against_the_directory_CA()
    {
        foreach (var server in new[] { _lab.A, _lab.B, _lab.C })
        {
            var data = new DataDirectory(server.DataDirectory);
            var stanzas = File.ReadAllText(data.ReplicationDomainFile) + File.ReadAllText(data.ReplicationConfigurationFile);
            Assert.That(stanzas, Does.Contain("provider=ldaps://127.0.0.1:"), server.Name);
            Assert.That(stanzas, Does.Not.Contain("provider=ldap://"), server.Name);
            Assert.That(stanzas, Does.Contain("tls_reqcert=demand").And.Contain($"tls_cacert=\"{server.CaFile}\""), server.Name);
            Assert.That(File.GetUnixFileMode(data.ReplicationDomainFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "the stanzas hold the replicator's password");
        }
    }
}
