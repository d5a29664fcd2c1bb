using CasDirectory.IntegrationTests.Fixtures;
using CasDirectory.Ldap.Local;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.Replication;

/// <summary>Mirror mode: two providers made by casdir up --mirror-of, and a read-only consumer (docs/replication.md).</summary>
[TestFixture]
public sealed class MirrorReplicationTests
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(90);

    private static IReadOnlyList<LdifEntry> Find(ReplicatedServer server, string dn) =>
        server.Tools.Entries(DirectoryAccounts.Reader, dn, "(objectClass=*)", "base");

    [Test]
    public void A_write_on_A_appears_on_the_mirror_and_the_consumer()
    {
        using var lab = ReplicatedLab.Start(withConsumer: true);

        var added = lab.A.Tools.Add(DirectoryAccounts.Provisioning, SubnetLdif("10.77.0.0/16", "Site-A"));
        Assert.That(added.ExitCode, Is.Zero, added.ToString());

        lab.WaitConverged(Converge);
        Assert.That(Find(lab.B, Partition.SubnetDn("10.77.0.0/16")), Has.Count.EqualTo(1));
        Assert.That(Find(lab.C, Partition.SubnetDn("10.77.0.0/16")), Has.Count.EqualTo(1));
    }

    [Test]
    public void A_write_on_the_mirror_appears_on_A()
    {
        using var lab = ReplicatedLab.Start();

        var added = lab.B.Tools.Add(DirectoryAccounts.Provisioning, SubnetLdif("10.78.0.0/16", "Site-B"));
        Assert.That(added.ExitCode, Is.Zero, added.ToString());

        lab.WaitConverged(Converge);
        Assert.That(Find(lab.A, Partition.SubnetDn("10.78.0.0/16")), Has.Count.EqualTo(1));
    }

    [Test]
    public void An_entry_the_mirror_was_seeded_with_can_be_changed_on_the_mirror_and_the_change_reaches_A()
    {
        using var lab = ReplicatedLab.Start();

        // The seeded entry must hold only what A stores: a stored computed attribute (objectGUID…) would make this fail.
        var changed = lab.B.Tools.Modify(DirectoryAccounts.Provisioning, ReplaceLdif(Partition.SiteDn("Site-A"), "description", "changed on the mirror"));
        Assert.That(changed.ExitCode, Is.Zero, changed.ToString());

        lab.WaitConverged(Converge);
        Assert.That(Find(lab.A, Partition.SiteDn("Site-A")).Single().Value("description"), Is.EqualTo("changed on the mirror"));
    }

    [Test]
    public void A_provider_killed_and_restarted_with_casdir_up_catches_up_with_the_mirror_deletes_included()
    {
        using var lab = ReplicatedLab.Start();
        var doomed = Partition.SubnetDn("10.2.0.0/16"); // the sample lab's; no entry refers to a subnet

        lab.Kill(lab.A);
        var added = lab.B.Tools.Add(DirectoryAccounts.Provisioning, SubnetLdif("10.79.0.0/16", "Site-A"));
        var deleted = lab.B.Tools.Run("ldapdelete", DirectoryAccounts.Provisioning, [doomed]);
        Assert.That(added.ExitCode, Is.Zero, added.ToString());
        Assert.That(deleted.ExitCode, Is.Zero, deleted.ToString());
        lab.Restart(lab.A);

        lab.WaitConverged(Converge);
        Assert.That(Find(lab.A, Partition.SubnetDn("10.79.0.0/16")), Has.Count.EqualTo(1), "the add made while A was down");
        Assert.That(lab.A.Tools.Search(DirectoryAccounts.Reader, doomed, scope: "base").ExitCode, Is.EqualTo(LdapToolResult.NoSuchObject),
            "the delete made while A was down");
        Assert.That(lab.A.Role, Is.EqualTo(ReplicaRole.Provider));
        Assert.That(File.ReadAllText(new DataDirectory(lab.A.DataDirectory).ReplicationDomainFile), Does.Contain(lab.B.LdapsUrl),
            "A still replicates from B after its restart");
    }

    [Test]
    public void The_consumer_keeps_replicating_from_the_mirror_when_A_dies()
    {
        using var lab = ReplicatedLab.Start(withConsumer: true);

        lab.Kill(lab.A);
        var added = lab.B.Tools.Add(DirectoryAccounts.Provisioning, SubnetLdif("10.80.0.0/16", "Site-B"));
        Assert.That(added.ExitCode, Is.Zero, added.ToString());

        lab.WaitConverged(Converge, lab.B, lab.C);
        Assert.That(Find(lab.C, Partition.SubnetDn("10.80.0.0/16")), Has.Count.EqualTo(1));
    }

    [Test]
    public void Replication_stops_when_the_provider_certificate_is_not_signed_by_the_CA_the_replica_trusts()
    {
        using var lab = ReplicatedLab.Start();
        using var foreign = new TemporaryFolder("casdir-foreign-ca");
        var stranger = new DirectoryCertificates(foreign.Combine("tls"));
        stranger.EnsureCurrent([], DateTimeOffset.UtcNow);
        var data = new DataDirectory(lab.B.DataDirectory);
        var rendered = new[] { data.ReplicationDomainFile, data.ReplicationConfigurationFile }.ToDictionary(f => f, File.ReadAllText);

        lab.Stop(lab.B);
        foreach (var (file, text) in rendered)
            File.WriteAllText(file, text.Replace($"tls_cacert=\"{lab.B.CaFile}\"", $"tls_cacert=\"{stranger.CaCertificate}\""));
        lab.Restart(lab.B);
        var added = lab.A.Tools.Add(DirectoryAccounts.Provisioning, SubnetLdif("10.81.0.0/16", "Site-A"));
        Assert.That(added.ExitCode, Is.Zero, added.ToString());
        Thread.Sleep(TimeSpan.FromSeconds(8));

        Assert.That(lab.B.Tools.Search(DirectoryAccounts.Reader, Partition.SubnetDn("10.81.0.0/16"), scope: "base").ExitCode, Is.EqualTo(LdapToolResult.NoSuchObject),
            "B must not replicate from a server whose certificate its CA did not sign");

        lab.Stop(lab.B);
        foreach (var (file, text) in rendered)
            File.WriteAllText(file, text);
        lab.Restart(lab.B);
        lab.WaitConverged(Converge);
        Assert.That(Find(lab.B, Partition.SubnetDn("10.81.0.0/16")), Has.Count.EqualTo(1), "with the directory's CA it replicates again");
    }

    [Test]
    public void A_mirror_made_after_a_consumer_is_a_source_of_that_consumer_too()
    {
        using var folder = new TemporaryFolder("casdir-consumer-first");
        var a = folder.Combine("a");
        var b = folder.Combine("b");
        var c = folder.Combine("c");
        try
        {
            LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = a, Sample = "lab", Port = FreePort.Next(), LdapsPort = FreePort.Next() });
            LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = c, ConsumerOf = [a], Port = FreePort.Next(), LdapsPort = FreePort.Next() });
            var notices = new List<string>();

            LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = b, MirrorOf = a, Port = FreePort.Next(), LdapsPort = FreePort.Next(), Notice = notices.Add });

            var consumer = LocalDirectoryState.Load(new DataDirectory(c));
            Assert.That(consumer.KnownPeers.Where(p => p.Role == ReplicaRole.Provider).Select(p => p.DataDirectory), Is.EquivalentTo(new[] { Path.GetFullPath(a), Path.GetFullPath(b) }));
            Assert.That(notices, Has.Some.Contains(Path.GetFullPath(c)), "the running consumer was restarted with its new stanza");
            LocalDirectory.Down(a);
            var mirrorTools = new LdapTools(LocalDirectory.Status(b));
            var consumerTools = new LdapTools(LocalDirectory.Status(c));
            Assert.That(mirrorTools.Add(DirectoryAccounts.Provisioning, SubnetLdif("10.83.0.0/16", "Site-B")).ExitCode, Is.Zero);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (consumerTools.Search(DirectoryAccounts.Reader, Partition.SubnetDn("10.83.0.0/16"), scope: "base").ExitCode != 0 && clock.Elapsed < Converge)
                Thread.Sleep(200);
            Assert.That(consumerTools.Entries(DirectoryAccounts.Reader, Partition.SubnetDn("10.83.0.0/16"), "(objectClass=*)", "base"), Has.Count.EqualTo(1),
                "with A stopped, the consumer replicates from B");
        }
        finally
        {
            foreach (var dir in new[] { c, b, a })
            {
                if (new DataDirectory(dir).Exists)
                    LocalDirectory.Down(dir);
            }
        }
    }
}
