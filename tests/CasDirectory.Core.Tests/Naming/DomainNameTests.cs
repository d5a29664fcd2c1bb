using CasDirectory.Core.Naming;
using NUnit.Framework;

namespace CasDirectory.Core.Tests.Naming;

public sealed class DomainNameTests
{
    [TestCase("lab.local", "DC=lab,DC=local", "lab")]
    [TestCase("corp.contoso.com", "DC=corp,DC=contoso,DC=com", "corp")]
    [TestCase("x-1.example", "DC=x-1,DC=example", "x-1")]
    public void A_DNS_name_becomes_its_domain_naming_context(string text, string dn, string firstLabel)
    {
        var domain = DomainName.Parse(text);

        Assert.That(domain.DistinguishedName, Is.EqualTo(dn));
        Assert.That(domain.FirstLabel, Is.EqualTo(firstLabel));
    }

    [TestCase("")]
    [TestCase("lab")]
    [TestCase("lab..local")]
    [TestCase("-lab.local")]
    [TestCase("lab-.local")]
    [TestCase("lab.local.")]
    [TestCase("la b.local")]
    [TestCase("lab,DC=x.local")]
    [TestCase("lab*.local")]
    public void Names_that_are_not_DNS_domains_are_refused_with_a_reason(string text)
    {
        Assert.That(DomainName.TryParse(text, out _, out var error), Is.False);
        Assert.That(error, Is.Not.Empty);
    }

    [Test]
    public void A_label_may_have_at_most_63_characters()
    {
        Assert.That(DomainName.TryParse(new string('a', 63) + ".local", out _, out _), Is.True);
        Assert.That(DomainName.TryParse(new string('a', 64) + ".local", out _, out _), Is.False);
    }
}
