using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.DirectoryRules.Attacks;

/// <summary>
/// The raw-LDAP attack catalogue, refused by slapd itself (docs/rules.md, "What the directory enforces itself"): each
/// attack as the provisioning account and as the updater, with slapd's result code and words; then every attack again
/// with each of its attributes under an option, and with its entry made an extensibleObject. Every case also proves
/// the directory unchanged: no successful write lands in cn=accesslog.
/// </summary>
[TestFixture]
public sealed class AttackSuiteTests : SharedLabTest
{
    private static readonly string[] Accounts = [DirectoryAccounts.Provisioning, DirectoryAccounts.Updater];

    [OneTimeSetUp]
    public void AddTheSiteAArray()
    {
        var added = Lab.Tools.Add(DirectoryAccounts.Provisioning, ArrayLdif("CASArray-A", "outlook.lab.local", "Site-A"));
        Assert.That(added.ExitCode, Is.Zero, added.ToString());
    }

    private static IEnumerable<TestCaseData> Cases(IEnumerable<Attack> attacks, string kind) =>
        attacks.SelectMany(attack => Accounts.Select(account =>
            new TestCaseData(attack, account).SetName($"{kind}: {attack.Name}, as {account}")));

    public static IEnumerable<TestCaseData> Plain() => Cases(AttackCatalogue.All(), "Refused");
    public static IEnumerable<TestCaseData> UnderOptions() => Cases(AttackCatalogue.UnderOptions(), "Refused under an option");
    public static IEnumerable<TestCaseData> AsExtensibleObjects() => Cases(AttackCatalogue.AsExtensibleObjects(), "Refused as an extensibleObject");

    private LdapToolResult Send(Attack attack, string account, out int writesBefore)
    {
        writesBefore = Lab.SuccessfulWrites();
        return Lab.Tools.Modify(account, attack.Ldif, attack.Extra);
    }

    [TestCaseSource(nameof(Plain))]
    public void Each_attack_is_refused_with_its_reason(Attack attack, string account)
    {
        var result = Send(attack, account, out var before);

        Assert.That(result.ExitCode, Is.EqualTo(attack.ToolExitCode ?? attack.Code), result.ToString());
        Assert.That(result.Error, Does.Contain(attack.Message), result.ToString());
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(before), "the directory is unchanged");
    }

    [TestCaseSource(nameof(UnderOptions))]
    [TestCaseSource(nameof(AsExtensibleObjects))]
    public void Each_variant_of_each_attack_is_refused(Attack attack, string account)
    {
        var result = Send(attack, account, out var before);

        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(before), "the directory is unchanged");
    }
}
