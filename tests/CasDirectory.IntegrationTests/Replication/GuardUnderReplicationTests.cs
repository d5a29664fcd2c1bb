using System.DirectoryServices.Protocols;
using CasDirectory.IntegrationTests.Fixtures;
using CasDirectory.Ldap.Local;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.Replication;

/// <summary>
/// casdir-guard's SLAPI plugins on servers that replicate (slapd/guard/casdir_syncrepl.c). slapd 2.5.13's syncrepl leaves
/// its operation's callback pointing into a dead stack frame after each replicated change, and its next message asks
/// the frontend's overlays for contextCSN: SLAPI's overlay followed that pointer and the mirror died in libslapi
/// ("segfault at 9", seen under `bench --replication` and the failover acceptance). Before the guard, this load killed
/// the mirror within a few thousand replicated writes on every run.
/// </summary>
[TestFixture]
public sealed class GuardUnderReplicationTests
{
    private const int Writes = 3000;
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(120);

    [Test]
    public void The_mirror_survives_thousands_of_replicated_writes_while_it_is_polled_without_pause_and_ends_equal_to_the_writer()
    {
        using var lab = ReplicatedLab.Start();
        var mirrorPid = lab.B.Pid;
        var configuration = lab.A.State.ConfigurationDn;
        using var stop = new CancellationTokenSource();
        long polls = 0;
        Exception? pollFailure = null;

        // As a durable write's check does: contextCSN of the configuration at the mirror, one connection, no pause.
        var poller = new Thread(() =>
        {
            try
            {
                using var mirror = lab.B.Connect(DirectoryAccounts.Provisioning);
                while (!stop.IsCancellationRequested)
                {
                    mirror.SendRequest(new SearchRequest(configuration, "(objectClass=*)", SearchScope.Base, "contextCSN"));
                    polls++;
                }
            }
            catch (Exception e)
            {
                pollFailure = e;
            }
        });
        poller.Start();
        try
        {
            using var writer = lab.A.Connect(DirectoryAccounts.Provisioning);
            for (var i = 0; i < Writes; i++)
            {
                var cidr = Cidr(i);
                writer.SendRequest(new AddRequest(Partition.SubnetDn(cidr),
                    new DirectoryAttribute("objectClass", "top", "subnet"),
                    new DirectoryAttribute("cn", cidr),
                    new DirectoryAttribute("siteObject", SiteDn("Site-A"))));
            }
            lab.WaitConverged(Converge);
        }
        finally
        {
            stop.Cancel();
            poller.Join(TimeSpan.FromSeconds(30));
        }

        Assert.That(pollFailure, Is.Null, $"the mirror stopped answering after {polls} polls (dmesg: a segfault in libslapi?)");
        Assert.That(lab.B.Pid, Is.EqualTo(mirrorPid), "the mirror's slapd is the one that started");
        Assert.That(lab.B.Tools.Entries(DirectoryAccounts.Reader, Partition.SubnetDn(Cidr(Writes - 1)), "(objectClass=*)", "base"), Has.Count.EqualTo(1));
        TestContext.Progress.WriteLine($"{Writes} replicated writes, {polls} polls of the mirror");
    }

    [Test]
    public void A_replicated_entry_carries_the_same_Active_Directory_attributes_on_the_mirror_as_on_the_writer()
    {
        using var lab = ReplicatedLab.Start();
        var added = lab.A.Tools.Add(DirectoryAccounts.Provisioning, SubnetLdif("10.91.0.0/16", "Site-A"));
        Assert.That(added.ExitCode, Is.Zero, added.ToString());
        var changed = lab.A.Tools.Modify(DirectoryAccounts.Provisioning, ReplaceLdif(Partition.SubnetDn("10.91.0.0/16"), "description", "changed on the writer"));
        Assert.That(changed.ExitCode, Is.Zero, changed.ToString());
        lab.WaitConverged(Converge);

        string[] stamped = ["objectGUID", "uSNCreated", "uSNChanged", "whenCreated", "whenChanged", "distinguishedName", "name", "instanceType"];
        var onWriter = lab.A.Tools.Entries(DirectoryAccounts.Reader, Partition.SubnetDn("10.91.0.0/16"), "(objectClass=*)", "base", stamped).Single();
        var onMirror = lab.B.Tools.Entries(DirectoryAccounts.Reader, Partition.SubnetDn("10.91.0.0/16"), "(objectClass=*)", "base", stamped).Single();
        foreach (var attribute in stamped)
        {
            Assert.That(onWriter.Value(attribute), Is.Not.Null, attribute);
            Assert.That(onMirror.Value(attribute), Is.EqualTo(onWriter.Value(attribute)).IgnoreCase, attribute);
        }
        Assert.That(HighestCommittedUsn(lab.B), Is.EqualTo(HighestCommittedUsn(lab.A)), "both servers hold the same entries, so the same highest uSNChanged");
        Assert.That(HighestCommittedUsn(lab.B), Is.GreaterThanOrEqualTo(long.Parse(onMirror.Value("uSNChanged")!)));
    }

    private static string Cidr(int i) => $"10.{200 + i / 256}.{i % 256}.0/24";

    private static long HighestCommittedUsn(ReplicatedServer server) =>
        long.Parse(server.Tools.Entries(LdapTools.Anonymous, "", "(objectClass=*)", "base", "highestCommittedUSN").Single().Value("highestCommittedUSN")!);
}
