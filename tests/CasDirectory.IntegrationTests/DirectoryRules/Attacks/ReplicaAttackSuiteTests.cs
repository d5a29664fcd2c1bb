using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.DirectoryRules.Attacks;

/// <summary>
/// The raw-LDAP attack catalogue against the other servers of a replicated directory (docs/replication.md): the mirror B
/// carries the same schema, casdir-guard, overlays and ACLs as A, so it refuses each attack written to it directly with
/// A's result code and words; the read-only consumer C refuses every write (a referral to its providers). Each case also
/// proves the server unchanged (no successful write lands in its cn=accesslog) and, at the end, the servers still equal.
/// </summary>
[TestFixture]
public sealed class ReplicaAttackSuiteTests
{
    private const int Referral = 10;
    private const int UnwillingToPerform = 53;
    private static readonly string[] Accounts = [DirectoryAccounts.Provisioning, DirectoryAccounts.Updater];
    private ReplicatedLab _lab = null!;

    [OneTimeSetUp]
    public void StartAReplicatedLabWithTheSiteAArray()
    {
        _lab = ReplicatedLab.Start(withConsumer: true);
        var added = _lab.A.Tools.Add(DirectoryAccounts.Provisioning, ArrayLdif("CASArray-A", "outlook.lab.local", "Site-A"));
        Assert.That(added.ExitCode, Is.Zero, added.ToString());
        _lab.WaitConverged(TimeSpan.FromSeconds(30));
    }

    [OneTimeTearDown]
    public void StopTheLab() => _lab.Dispose();

    public static IEnumerable<TestCaseData> Plain() =>
        AttackCatalogue.All().SelectMany(attack => Accounts.Select(account =>
            new TestCaseData(attack, account).SetName($"Refused by the mirror: {attack.Name}, as {account}")));

    public static IEnumerable<TestCaseData> AtTheConsumer() =>
        AttackCatalogue.All().SelectMany(attack => Accounts.Select(account =>
            new TestCaseData(attack, account).SetName($"Refused by the consumer: {attack.Name}, as {account}")));

    private static int SuccessfulWrites(ReplicatedServer server) =>
        server.Tools.Entries(DirectoryAccounts.Updater, "cn=accesslog", "(&(objectClass=auditWriteObject)(reqResult=0))", "one", "1.1").Count;

    [TestCaseSource(nameof(Plain))]
    public void The_mirror_refuses_each_attack_as_the_first_provider_does(Attack attack, string account)
    {
        var before = SuccessfulWrites(_lab.B);

        var result = _lab.B.Tools.Modify(account, attack.Ldif, attack.Extra);

        Assert.That(result.ExitCode, Is.EqualTo(attack.ToolExitCode ?? attack.Code), result.ToString());
        Assert.That(result.Error, Does.Contain(attack.Message), result.ToString());
        Assert.That(SuccessfulWrites(_lab.B), Is.EqualTo(before), "the mirror is unchanged");
    }

    [TestCaseSource(nameof(AtTheConsumer))]
    public void The_consumer_refuses_each_attack(Attack attack, string account)
    {
        var before = SuccessfulWrites(_lab.C);

        var result = _lab.C.Tools.Modify(account, attack.Ldif, attack.Extra);

        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(SuccessfulWrites(_lab.C), Is.EqualTo(before), "the consumer is unchanged");
    }

    [TestCase(DirectoryAccounts.Provisioning)]
    [TestCase(DirectoryAccounts.Admin)]
    public void The_consumer_refers_a_legitimate_write_to_its_providers(string account)
    {
        var before = SuccessfulWrites(_lab.C);

        var result = _lab.C.Tools.Add(account, SiteLdif("Site-Consumer-" + account));

        Assert.That(result.ExitCode, Is.AnyOf(Referral, UnwillingToPerform), result.ToString());
        if (result.ExitCode == Referral)
            Assert.That(result.Error + result.Output, Does.Contain(_lab.A.LdapsUrl.Split("://")[1]).Or.Contain(_lab.A.Url.Split("://")[1]), "the referral names a provider");
        Assert.That(SuccessfulWrites(_lab.C), Is.EqualTo(before), "the consumer is unchanged");
        Assert.That(_lab.A.Tools.Entries(DirectoryAccounts.Admin, _lab.A.State.ConfigurationDn, $"(cn=Site-Consumer-{account})", "sub", "1.1"), Is.Empty,
            "nothing reached the providers");
    }

    [Test]
    public void After_every_attack_the_servers_still_hold_the_same()
    {
        foreach (var attack in AttackCatalogue.All())
        {
            _lab.B.Tools.Modify(DirectoryAccounts.Provisioning, attack.Ldif, attack.Extra);
            _lab.C.Tools.Modify(DirectoryAccounts.Provisioning, attack.Ldif, attack.Extra);
        }

        Assert.DoesNotThrow(() => _lab.WaitConverged(TimeSpan.FromSeconds(30)));
    }
}
