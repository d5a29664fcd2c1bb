using CasDirectory.IntegrationTests.Fixtures;
using CasDirectory.Ldap.Local;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Replication;

/// <summary>Mirror mode: two providers made by casdir up --mirror-of, and a read-only consumer (docs/replication.md).</summary>
[TestFixture]
public sealed class MirrorReplicationTests
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(60);

    private static string Subnet(string name, ReplicatedServer server) =>
        $"dn: CN={name},CN=Subnets,CN=Sites,{server.State.ConfigurationDn}\nobjectClass: top\nobjectClass: subnet\ncn: {name}\n";

    [Test]
    public void A_write_on_A_appears_on_the_mirror_and_the_consumer()
    {
        using var lab = ReplicatedLab.Start(withConsumer: true);

        var added = lab.A.Tools.Add(DirectoryAccounts.Provisioning, Subnet("10.77.0.0/16", lab.A));
        Assert.That(added.ExitCode, Is.Zero, added.ToString());

        lab.WaitConverged(Converge);
        foreach (var server in new[] { lab.B, lab.C })
            Assert.That(server.Tools.Entries(DirectoryAccounts.Reader, $"CN=10.77.0.0/16,CN=Subnets,CN=Sites,{server.State.ConfigurationDn}", scope: "base"), Has.Count.EqualTo(1), server.Name);
    }

    [Test]
    public void A_write_on_the_mirror_appears_on_A()
    {
        using var lab = ReplicatedLab.Start();

        var added = lab.B.Tools.Add(DirectoryAccounts.Provisioning, Subnet("10.78.0.0/16", lab.B));
        Assert.That(added.ExitCode, Is.Zero, added.ToString());

        lab.WaitConverged(Converge);
        Assert.That(lab.A.Tools.Entries(DirectoryAccounts.Reader, $"CN=10.78.0.0/16,CN=Subnets,CN=Sites,{lab.A.State.ConfigurationDn}", scope: "base"), Has.Count.EqualTo(1));
    }
}
