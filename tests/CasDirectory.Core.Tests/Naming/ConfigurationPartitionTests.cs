using CasDirectory.Core.Naming;
using NUnit.Framework;

namespace CasDirectory.Core.Tests.Naming;

/// <summary>Active Directory's own layout (docs/directory.md, "The tree and the schema") of the configuration partition.</summary>
public sealed class ConfigurationPartitionTests
{
    private const string AdministrativeGroup =
        "CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=First Organization,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=lab,DC=local";

    private static readonly ConfigurationPartition Lab = ConfigurationPartition.Default;

    [Test]
    public void The_default_is_lab_local_and_First_Organization()
    {
        Assert.That(Lab.DomainDn, Is.EqualTo("DC=lab,DC=local"));
        Assert.That(Lab.ConfigurationDn, Is.EqualTo("CN=Configuration,DC=lab,DC=local"));
        Assert.That(Lab.AdministrativeGroupDn, Is.EqualTo(AdministrativeGroup));
    }

    [Test]
    public void Exchange_containers_sit_under_the_administrative_group()
    {
        Assert.That(Lab.ServersDn, Is.EqualTo("CN=Servers," + AdministrativeGroup));
        Assert.That(Lab.DatabasesDn, Is.EqualTo("CN=Databases," + AdministrativeGroup));
        Assert.That(Lab.DatabaseAvailabilityGroupsDn, Is.EqualTo("CN=Database Availability Groups," + AdministrativeGroup));
        Assert.That(Lab.ArraysDn, Is.EqualTo("CN=Arrays," + AdministrativeGroup));
    }

    [Test]
    public void Sites_and_subnets_sit_under_CN_Sites()
    {
        Assert.That(Lab.SiteDn("Site-A"), Is.EqualTo("CN=Site-A,CN=Sites,CN=Configuration,DC=lab,DC=local"));
        Assert.That(Lab.SubnetDn("10.1.0.0/16"), Is.EqualTo("CN=10.1.0.0/16,CN=Subnets,CN=Sites,CN=Configuration,DC=lab,DC=local"));
    }

    [Test]
    public void Legacy_Exchange_DNs_follow_the_organisation_and_administrative_group()
    {
        Assert.That(Lab.OrganizationLegacyDn, Is.EqualTo("/o=First Organization"));
        Assert.That(Lab.ServerLegacyDn("E2K10-MLT-01"),
            Is.EqualTo("/o=First Organization/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=E2K10-MLT-01"));
    }
}
