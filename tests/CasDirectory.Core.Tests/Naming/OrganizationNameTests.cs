using CasDirectory.Core.Naming;
using NUnit.Framework;

namespace CasDirectory.Core.Tests.Naming;

public sealed class OrganizationNameTests
{
    [TestCase("First Organization")]
    [TestCase("Contoso")]
    [TestCase("LAB-01")]
    public void Exchange_setup_names_are_accepted(string name) =>
        Assert.That(OrganizationName.Parse(name).Value, Is.EqualTo(name));

    [TestCase("")]
    [TestCase(" First")]
    [TestCase("First ")]
    [TestCase("Org/Unit")]
    [TestCase("Org,Unit")]
    [TestCase("Org(1)")]
    public void Names_Exchange_setup_refuses_are_refused(string name) =>
        Assert.That(OrganizationName.TryParse(name, out _, out _), Is.False);

    [Test]
    public void At_most_64_characters()
    {
        Assert.That(OrganizationName.TryParse(new string('a', 64), out _, out _), Is.True);
        Assert.That(OrganizationName.TryParse(new string('a', 65), out _, out _), Is.False);
    }
}
