using CasDirectory.Core.Naming;
using NUnit.Framework;

namespace CasDirectory.Core.Tests.Naming;

/// <summary>RFC 4514 (DN values) and RFC 4515 (filter values) escaping of everything built from input.</summary>
public sealed class LdapEscapingTests
{
    [TestCase("CASArray-A", "CASArray-A")]
    [TestCase("a,b", @"a\,b")]
    [TestCase("a=b", @"a\=b")]
    [TestCase("a+b", @"a\+b")]
    [TestCase(@"a\b", @"a\\b")]
    [TestCase("#lead", @"\#lead")]
    [TestCase("mid#dle", "mid#dle")]
    [TestCase(" padded ", @"\ padded\ ")]
    [TestCase("a\"b<c>d;e", "a\\\"b\\<c\\>d\\;e")]
    [TestCase("nul\0x", @"nul\00x")]
    [TestCase("Exchange Administrative Group (FYDIBOHF23SPDLT)", "Exchange Administrative Group (FYDIBOHF23SPDLT)")]
    public void DN_values_escape_the_RFC_4514_specials(string value, string escaped) =>
        Assert.That(LdapEscaping.DnValue(value), Is.EqualTo(escaped));

    [TestCase("E2K10-MLT-01", "E2K10-MLT-01")]
    [TestCase("a*b", @"a\2ab")]
    [TestCase("(x)", @"\28x\29")]
    [TestCase(@"a\b", @"a\5cb")]
    [TestCase("nul\0", @"nul\00")]
    public void Filter_values_escape_the_RFC_4515_specials(string value, string escaped) =>
        Assert.That(LdapEscaping.FilterValue(value), Is.EqualTo(escaped));

    [Test]
    public void Names_are_escaped_where_the_tree_builds_DNs_from_them()
    {
        var partition = ConfigurationPartition.Default;

        Assert.That(partition.ArrayDn("a,b"), Does.StartWith(@"CN=a\,b,CN=Arrays,"));
        Assert.That(partition.SubnetDn("10.1.0.0/16"), Is.EqualTo("CN=10.1.0.0/16,CN=Subnets,CN=Sites,CN=Configuration,DC=lab,DC=local"));
    }
}
