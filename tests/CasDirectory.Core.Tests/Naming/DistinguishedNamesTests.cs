using CasDirectory.Core.Naming;
using NUnit.Framework;

namespace CasDirectory.Core.Tests.Naming;

/// <summary>Reading names back out of DNs as slapd returns them (RFC 4514 escapes, spaces after commas, any case).</summary>
public sealed class DistinguishedNamesTests
{
    [TestCase("CN=Site-A,CN=Sites,CN=Configuration,DC=lab,DC=local", "Site-A")]
    [TestCase(@"CN=Smith\, John,CN=Users,DC=lab,DC=local", "Smith, John")]
    [TestCase(@"CN=Caf\C3\A9,CN=Sites", "Café")]
    [TestCase(@"CN=\F0\9F\98\80 Site,CN=Sites", "😀 Site")]
    [TestCase("CN=😀 Site,CN=Sites", "😀 Site")] // a character outside the BMP, unescaped, is read whole
    [TestCase(@"CN=a\", @"a\")]
    [TestCase("Site-A", "Site-A")]
    public void The_first_RDNs_value_is_read_unescaped(string dn, string value) =>
        Assert.That(DistinguishedNames.FirstValue(dn), Is.EqualTo(value));

    [TestCase("CN=E2K10-MLT-01, CN=Servers ,CN=Exchange Administrative Group (FYDIBOHF23SPDLT)", "cn=e2k10-mlt-01,cn=servers,cn=exchange administrative group (fydibohf23spdlt)")]
    [TestCase(@"CN=Smith\, John, DC=lab", @"cn=smith\, john,dc=lab")]
    [TestCase("CN=Cafe\u0301,DC=lab", "cn=caf\u00e9,dc=lab")]
    [TestCase("a,", "a")]
    [TestCase(",a", ",a")]
    [TestCase("", "")]
    public void DNs_are_compared_without_case_spaces_around_RDNs_or_unnormalised_accents(string dn, string normalized) =>
        Assert.That(DistinguishedNames.Normalize(dn), Is.EqualTo(normalized));

    [Test]
    public void A_DN_splits_into_its_RDNs_and_its_parent()
    {
        const string dn = @"CN=Smith\, John,CN=Users,DC=lab";

        Assert.That(DistinguishedNames.Split(dn), Is.EqualTo(new[] { ("CN", "Smith, John"), ("CN", "Users"), ("DC", "lab") }));
        Assert.That(DistinguishedNames.Parent(dn), Is.EqualTo("CN=Users,DC=lab"));
        Assert.That(DistinguishedNames.AreEqual(dn, @"cn=smith\, john, cn=users, dc=LAB"), Is.True);
    }
}
