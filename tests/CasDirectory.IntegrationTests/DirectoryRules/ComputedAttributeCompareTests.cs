using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>
/// ldapcompare on AD's computed attributes answers TRUE or FALSE as a domain controller does, with the attribute's own
/// matching rule, where slapd alone would find no such attribute stored (docs/rules.md, "Active Directory's own
/// attributes").
/// </summary>
[TestFixture]
public sealed class ComputedAttributeCompareTests : SharedLabTest
{
    private const int CompareFalse = 5, CompareTrue = 6;

    private string Value(string dn, string attribute) =>
        Lab.Tools.Entries(DirectoryAccounts.Reader, dn, "(objectClass=*)", "base", attribute).Single().Value(attribute)!;

    private int Compare(string dn, string assertion, string account = DirectoryAccounts.Reader)
    {
        var result = Lab.Tools.Compare(account, dn, assertion);
        Assert.That(result.ExitCode, Is.EqualTo(CompareTrue).Or.EqualTo(CompareFalse), result.ToString());
        return result.ExitCode;
    }

    [Test]
    public void Each_computed_attribute_compares_true_with_the_value_a_search_returns_and_false_with_another()
    {
        var server = ServerDn("E2K10-MLT-01");
        foreach (var attribute in new[] { "whenCreated", "whenChanged", "uSNChanged", "uSNCreated", "instanceType", "objectCategory", "name", "distinguishedName" })
        {
            var value = Value(server, attribute);
            Assert.That(Compare(server, $"{attribute}:{value}"), Is.EqualTo(CompareTrue), $"{attribute}: {value}");
        }
        Assert.That(Compare(server, "instanceType:5"), Is.EqualTo(CompareFalse));
        Assert.That(Compare(Partition.ConfigurationDn, "instanceType:5"), Is.EqualTo(CompareTrue), "a naming context's head");
        Assert.That(Compare(Partition.DomainDn, "instanceType:5"), Is.EqualTo(CompareTrue), "the domain's head too");
        Assert.That(Compare(server, "whenChanged:20000101000000.0Z"), Is.EqualTo(CompareFalse));
        Assert.That(Compare(SiteDn("Site-A"), $"systemFlags:{0x42000000}"), Is.EqualTo(CompareTrue));
        Assert.That(Compare(SiteDn("Site-A"), "canonicalName:lab.local/Configuration/Sites/Site-A"), Is.EqualTo(CompareTrue));
    }

    [Test]
    public void Compare_uses_the_attributes_matching_rule()
    {
        var server = ServerDn("E2K10-MLT-01");

        Assert.That(Compare(server, "name:e2k10-mlt-01"), Is.EqualTo(CompareTrue), "names compare without case");
        Assert.That(Compare(server, $"objectCategory:cn=ms-exch-exchange-server,cn=schema,{Partition.ConfigurationDn.ToLowerInvariant()}"), Is.EqualTo(CompareTrue));
        Assert.That(Compare(server, "objectCategory:msExchExchangeServer"), Is.EqualTo(CompareFalse), "the shorthand is a filter's, not a value");
        var guid = Lab.Tools.Search(DirectoryAccounts.Reader, server, "(objectClass=*)", "base", "objectGUID");
        var base64 = System.Text.RegularExpressions.Regex.Match(guid.Output, @"^objectGUID:: (\S+)$", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value;
        Assert.That(Compare(server, $"objectGUID::{base64}"), Is.EqualTo(CompareTrue), "the 16 bytes");
        Assert.That(Compare(ServerDn("E2K10-MLT-02"), $"objectGUID::{base64}"), Is.EqualTo(CompareFalse));
    }

    [Test]
    public void An_entry_the_account_may_not_read_is_not_there_to_compare()
    {
        var result = Lab.Tools.Compare(LdapTools.Anonymous, ServerDn("E2K10-MLT-01"), "instanceType:4");

        Assert.That(result.ExitCode, Is.EqualTo(32).Or.EqualTo(50), result.ToString()); // noSuchObject (or insufficientAccess), never an answer
        Assert.That(Lab.Tools.Compare(DirectoryAccounts.Reader, SiteDn("No-Such-Site"), "instanceType:4").ExitCode, Is.EqualTo(32));
    }

    [TestCase("allowedAttributesEffective:cn")]
    [TestCase("allowedChildClassesEffective:serversContainer")]
    public void An_Effective_attribute_is_not_compared_for_any_account(string assertion)
    {
        var site = Partition.SiteDn("Default-First-Site-Name");

        foreach (var account in new[] { DirectoryAccounts.Provisioning, DirectoryAccounts.Reader })
        {
            var result = Lab.Tools.Compare(account, site, assertion);
            Assert.That(result.ExitCode, Is.EqualTo(18), $"{account}: {result}"); // inappropriateMatching, as in a filter
            Assert.That(result.Error + result.Output, Does.Contain("read it with a search"), result.ToString());
        }
    }
}
