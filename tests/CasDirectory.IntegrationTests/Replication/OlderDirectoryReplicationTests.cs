using System.Diagnostics;
using CasDirectory.IntegrationTests.Fixtures;
using CasDirectory.Ldap.Local;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.Replication;

/// <summary>A directory made before replication existed (no include files, no replicator account) gets a mirror.</summary>
[TestFixture]
public sealed class OlderDirectoryReplicationTests
{
    [Test]
    public void A_mirror_of_a_directory_made_before_replication_gives_it_the_include_files_and_the_replicator_account()
    {
        using var folder = new TemporaryFolder("casdir-older");
        var older = folder.Combine("older");
        var mirror = folder.Combine("mirror");
        try
        {
            MakeOlderDirectory(older);
            var notices = new List<string>();

            LocalDirectory.Up(new LocalDirectoryOptions
            {
                DataDirectory = mirror, MirrorOf = older, Port = FreePort.Next(), LdapsPort = FreePort.Next(), Notice = notices.Add,
            });

            var data = new DataDirectory(older);
            var state = LocalDirectoryState.Load(data);
            Assert.That(notices, Has.Some.Contains("older casdir"));
            Assert.That(notices, Has.Some.Contains("replicator account"));
            Assert.That(File.ReadAllText(data.ConfigFile), Does.Contain("include         " + data.ReplicationDomainFile));
            Assert.That(state.Accounts, Does.ContainKey(DirectoryAccounts.Replicator));
            Assert.That(File.GetUnixFileMode(state.Accounts[DirectoryAccounts.Replicator].PasswordFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(state.EffectiveRole, Is.EqualTo(ReplicaRole.Provider));

            var olderTools = new LdapTools(LocalDirectory.Status(older));
            var mirrorTools = new LdapTools(LocalDirectory.Status(mirror));
            Assert.That(olderTools.Add(DirectoryAccounts.Provisioning, SubnetLdif("10.82.0.0/16", "Site-A")).ExitCode, Is.Zero);
            var clock = Stopwatch.StartNew();
            while (mirrorTools.Search(DirectoryAccounts.Reader, Partition.SubnetDn("10.82.0.0/16"), scope: "base").ExitCode != 0 && clock.Elapsed < TimeSpan.FromSeconds(60))
                Thread.Sleep(200);
            Assert.That(mirrorTools.Entries(DirectoryAccounts.Reader, Partition.SubnetDn("10.82.0.0/16"), "(objectClass=*)", "base"), Has.Count.EqualTo(1));
            Assert.That(mirrorTools.Entries(DirectoryAccounts.Reader, Partition.SiteDn("Site-B"), "(objectClass=*)", "base"), Has.Count.EqualTo(1), "the sample lab, seeded");
        }
        finally
        {
            foreach (var dir in new[] { mirror, older })
            {
                if (new DataDirectory(dir).Exists)
                    LocalDirectory.Down(dir);
            }
        }
    }

    /// <summary>A directory as casdir made it before replication: no include lines, no include files, no replicator, no role.</summary>
    private static void MakeOlderDirectory(string folder)
    {
        var (_, status) = LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = folder, Sample = "lab", Port = FreePort.Next(), LdapsPort = FreePort.Next() });
        var data = new DataDirectory(folder);
        var replicator = status.State.Accounts[DirectoryAccounts.Replicator];
        var deleted = new LdapTools(status).Run("ldapdelete", DirectoryAccounts.Admin, [replicator.Dn]);
        Assert.That(deleted.ExitCode, Is.Zero, deleted.ToString());
        LocalDirectory.Down(folder);

        File.WriteAllLines(data.ConfigFile, File.ReadAllLines(data.ConfigFile).Where(l => !l.Contains("/replication-", StringComparison.Ordinal)));
        foreach (var file in new[] { data.ReplicationServerFile, data.ReplicationConfigurationFile, data.ReplicationDomainFile, replicator.PasswordFile, data.AccountDnFile(DirectoryAccounts.Replicator) })
            File.Delete(file);
        var state = LocalDirectoryState.Load(data);
        (state with
        {
            Accounts = state.Accounts.Where(a => a.Key != DirectoryAccounts.Replicator).ToDictionary(),
            Role = null, ServerId = null, Peers = null,
        }).Save(data);
        LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = folder });
    }
}
