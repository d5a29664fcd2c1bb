using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>
/// What a domain controller works out from an entry's place and class: canonicalName and allowedChildClasses(Effective),
/// returned only when asked by name and refused in a filter, as AD does; systemFlags on the sites, subnets and their
/// containers (docs/rules.md, "Active Directory's own attributes").
/// </summary>
[TestFixture]
public sealed class ConstructedAttributeTests : SharedLabTest
{
    private LdifEntry Read(string account, string dn, params string[] attributes) =>
        Lab.Tools.Entries(account, dn, "(objectClass=*)", "base", attributes).Single();

    [Test]
    public void CanonicalName_is_the_domain_then_each_name_from_the_top_with_slashes_in_names_escaped()
    {
        Assert.That(Read(DirectoryAccounts.Reader, SiteDn("Site-A"), "canonicalName").Value("canonicalName"),
            Is.EqualTo("lab.local/Configuration/Sites/Site-A"));
        Assert.That(Read(DirectoryAccounts.Reader, Partition.SubnetDn("10.1.0.0/16"), "canonicalName").Value("canonicalName"),
            Is.EqualTo(@"lab.local/Configuration/Sites/Subnets/10.1.0.0\/16"));
        Assert.That(Read(DirectoryAccounts.Reader, Partition.DomainDn, "canonicalName").Value("canonicalName"), Is.EqualTo("lab.local/"));
    }

    [Test]
    public void Constructed_attributes_come_only_when_asked_by_name()
    {
        var all = Read(DirectoryAccounts.Reader, SiteDn("Site-A"), "*");
        var none = Lab.Tools.Entries(DirectoryAccounts.Reader, SiteDn("Site-A"), "(objectClass=*)", "base").Single();

        foreach (var entry in new[] { all, none })
            foreach (var constructed in new[] { "canonicalName", "allowedChildClasses", "allowedChildClassesEffective", "msDS-Approx-Immed-Subordinates", "allowedAttributes", "allowedAttributesEffective" })
                Assert.That(entry.Values(constructed), Is.Empty, constructed);
        Assert.That(all.Value("uSNChanged"), Is.Not.Null, "uSNChanged is stored in AD, so '*' returns it");
    }

    [Test]
    public void AllowedChildClasses_follow_the_tree_and_Effective_only_for_an_account_that_may_add_there()
    {
        var attributes = new[] { "allowedChildClasses", "allowedChildClassesEffective" };
        var asProvisioning = Read(DirectoryAccounts.Provisioning, SiteDn("Site-A"), attributes);
        var asReader = Read(DirectoryAccounts.Reader, SiteDn("Site-A"), attributes);

        Assert.That(asReader.Values("allowedChildClasses"), Is.EquivalentTo(new[] { "serversContainer", "nTDSSiteSettings" }));
        Assert.That(asProvisioning.Values("allowedChildClassesEffective"), Is.EquivalentTo(new[] { "serversContainer", "nTDSSiteSettings" }));
        Assert.That(asReader.Values("allowedChildClassesEffective"), Is.Empty, "the reader adds nothing");
        Assert.That(Read(DirectoryAccounts.Reader, Partition.SubnetDn("10.1.0.0/16"), attributes).Values("allowedChildClasses"), Is.Empty, "a subnet is a leaf");
    }

    [Test]
    public void AllowedAttributes_are_the_classes_and_Effective_what_the_account_may_write()
    {
        var attributes = new[] { "allowedAttributes", "allowedAttributesEffective" };
        var server = ServerDn("E2K10-MLT-01");
        var asReader = Read(DirectoryAccounts.Reader, server, attributes);
        var asUpdater = Read(DirectoryAccounts.Updater, server, attributes);
        var asProvisioning = Read(DirectoryAccounts.Provisioning, server, attributes);

        Assert.That(asReader.Values("allowedAttributes"), Is.SupersetOf(new[] { "cn", "objectClass", "msExchServerSite", "serialNumber", "networkAddress", "msExchCurrentServerRoles" }),
            "the server's class, its superclass server's, and top's");
        Assert.That(asReader.Values("allowedAttributes"), Has.No.Member("siteObject"), "a subnet's attribute");
        Assert.That(asReader.Values("allowedAttributesEffective"), Is.Empty, "the reader writes nothing");
        Assert.That(asUpdater.Values("allowedAttributesEffective"), Is.EquivalentTo(new[] { "msExchServerSite" }), "the updater's one attribute");
        Assert.That(asProvisioning.Values("allowedAttributesEffective"), Does.Contain("msExchServerSite").And.Contain("serialNumber").And.Not.Contain("uSNChanged"),
            "everything but what the directory computes");
    }

    [Test]
    public void MsDS_Approx_Immed_Subordinates_counts_the_children()
    {
        int Count(string dn) => int.Parse(Read(DirectoryAccounts.Reader, dn, "msDS-Approx-Immed-Subordinates").Value("msDS-Approx-Immed-Subordinates")!);

        Assert.That(Count(Partition.SitesDn), Is.EqualTo(5), "three sites, CN=Subnets and CN=Inter-Site Transports");
        Assert.That(Count(Partition.SubnetDn("10.1.0.0/16")), Is.Zero);
        Assert.That(Count(Partition.ServersDn), Is.EqualTo(3), "the lab's three servers of this administrative group");
        Assert.That(Lab.Tools.Compare(DirectoryAccounts.Reader, Partition.SitesDn, "msDS-Approx-Immed-Subordinates:5").ExitCode, Is.EqualTo(6), "compare counts too");
        var oneLevel = Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.SitesDn, "(objectClass=*)", "one", "msDS-Approx-Immed-Subordinates");
        Assert.That(oneLevel.SelectMany(e => e.Values("msDS-Approx-Immed-Subordinates")), Is.Empty, "only a base read gets it: slapd cannot count while it sends entries");
    }

    [TestCase("(canonicalName=lab.local/*)")]
    [TestCase("(msDS-Approx-Immed-Subordinates>=1)")]
    [TestCase("(allowedAttributes=cn)")]
    [TestCase("(allowedAttributes:=cn)")]                     // an extensible match names it too
    [TestCase("(|(cn=Site-A)(allowedChildClasses=site))")]
    [TestCase("(!(allowedChildClassesEffective=*))")]
    public void A_filter_on_a_constructed_attribute_is_refused_with_ADs_inappropriateMatching(string filter)
    {
        var result = Lab.Tools.Search(DirectoryAccounts.Reader, Partition.ConfigurationDn, filter, "sub", "1.1");

        Assert.That(result.ExitCode, Is.EqualTo(18), result.ToString());
    }

    [Test]
    public void SystemFlags_are_ADs_on_sites_subnets_and_their_containers_and_filters_find_them()
    {
        long Flags(string dn) => long.Parse(Read(DirectoryAccounts.Reader, dn, "systemFlags").Value("systemFlags")!);

        Assert.That(Flags(Partition.SitesDn), Is.EqualTo(unchecked((int)0x82000000)));
        Assert.That(Flags(SiteDn("Site-A")), Is.EqualTo(0x42000000));
        Assert.That(Flags(Partition.SubnetsDn), Is.EqualTo(unchecked((int)0x80000000)));
        Assert.That(Flags(Partition.SubnetDn("10.1.0.0/16")), Is.EqualTo(0x40000000));
        Assert.That(Read(DirectoryAccounts.Reader, ServerDn("E2K10-MLT-01"), "systemFlags").Values("systemFlags"), Is.Empty, "AD stores none on an Exchange server");
        var sites = Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.ConfigurationDn, $"(systemFlags={0x42000000})", "sub", "cn");
        Assert.That(sites.Select(e => e.Value("cn")), Is.EquivalentTo(new[] { "Default-First-Site-Name", "Site-A", "Site-B" }));
        Assert.That(Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.ConfigurationDn, "(systemFlags=*)", "sub", "1.1"), Has.Count.GreaterThanOrEqualTo(7));
    }

    [TestCase("(systemFlags:1.2.840.113556.1.4.803:=2147483648)", new[] { "Sites", "Subnets", "Services" })]   // every bit: AD's AND rule
    [TestCase("(systemFlags:1.2.840.113556.1.4.803:=1107296256)", new[] { "Default-First-Site-Name", "Site-A", "Site-B" })]
    [TestCase("(&(systemFlags:1.2.840.113556.1.4.804:=1073741824)(objectClass=subnet))", new[] { "10.1.0.0/16", "10.2.0.0/16" })] // any bit: OR
    [TestCase("(&(systemFlags:=1107296256)(cn=Site-A))", new[] { "Site-A" })]   // an extensible match without a rule: equality
    public void AD_bitwise_and_extensible_filters_on_systemFlags_find_the_flagged_entries(string filter, string[] names)
    {
        var found = Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.ConfigurationDn, filter, "sub", "cn");

        Assert.That(found.Select(e => e.Value("cn")), Is.EquivalentTo(names));
    }

    [Test]
    public void Constructed_attributes_come_when_asked_for_by_OID_too()
    {
        var entry = Read(DirectoryAccounts.Reader, Partition.SitesDn, "1.2.840.113556.1.4.916", "1.2.840.113556.1.4.1669", "1.2.840.113556.1.4.375");

        Assert.That(entry.Value("canonicalName"), Is.EqualTo("lab.local/Configuration/Sites"));
        Assert.That(entry.Value("msDS-Approx-Immed-Subordinates"), Is.EqualTo("5"));
        Assert.That(entry.Value("systemFlags"), Is.EqualTo(unchecked((int)0x82000000).ToString()));
    }

    [Test]
    public void Compare_takes_class_and_attribute_names_as_search_returns_them()
    {
        Assert.That(Lab.Tools.Compare(DirectoryAccounts.Reader, SiteDn("Site-A"), "allowedChildClasses:serversContainer").ExitCode, Is.EqualTo(6));
        Assert.That(Lab.Tools.Compare(DirectoryAccounts.Reader, SiteDn("Site-A"), "allowedAttributes:location").ExitCode, Is.EqualTo(6));
        Assert.That(Lab.Tools.Compare(DirectoryAccounts.Reader, SiteDn("Site-A"), "allowedAttributes:siteObject").ExitCode, Is.EqualTo(5));
    }
}
