using CasDirectory.Core.Naming;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>
/// AD's back-links, computed from the forward links that name an entry (docs/rules.md, "Back-links"): a site's
/// siteObjectBL and msExchServerSiteBL, a server's msExchHostServerBL, a DAG's msExchMDBAvailabilityGroupBL; returned
/// when named in any scope, and for '*' on a base search (AD's are stored attributes), answered in filters and compares,
/// never stale and never writable.
/// </summary>
[TestFixture]
public sealed class BackLinkTests : FreshLabTest
{
    private IReadOnlyList<string> Values(string dn, string attribute) =>
        Lab.Tools.Entries(DirectoryAccounts.Reader, dn, "(objectClass=*)", "base", attribute).Single().Values(attribute).Select(NormalizeDn).ToList();

    private IReadOnlyList<string> Holding(string attribute, string dn) =>
        Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.ConfigurationDn, "(objectClass=*)", "sub", attribute)
            .Where(e => e.Values(attribute).Select(NormalizeDn).Contains(NormalizeDn(dn))).Select(e => NormalizeDn(e.Dn)).ToList();

    private IReadOnlyList<string> Found(string filter) =>
        Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.ConfigurationDn, filter, "sub", "1.1").Select(e => NormalizeDn(e.Dn)).ToList();

    [Test]
    public void A_site_lists_its_subnets_and_its_Exchange_servers_as_the_forward_links_say()
    {
        var site = SiteDn("Site-A");

        Assert.That(Values(site, "siteObjectBL"), Is.EquivalentTo(Holding("siteObject", site)).And.Not.Empty);
        Assert.That(Values(site, "msExchServerSiteBL"), Is.EquivalentTo(Holding("msExchServerSite", site)).And.Not.Empty);
        Assert.That(Values(ServerDn("E2K10-MLT-01"), "msExchHostServerBL"), Is.EquivalentTo(Holding("msExchHostServerLink", ServerDn("E2K10-MLT-01"))).And.Not.Empty,
            "the database copies the server hosts");
    }

    [Test]
    public void A_subtree_search_naming_a_back_link_gives_each_entry_its_own()
    {
        var sites = Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.SitesDn, "(objectClass=site)", "one", "cn", "msExchServerSiteBL");

        foreach (var site in sites)
            Assert.That(site.Values("msExchServerSiteBL").Select(NormalizeDn), Is.EquivalentTo(Holding("msExchServerSite", site.Dn)), site.Dn);
        Assert.That(sites.SelectMany(e => e.Values("siteObjectBL")), Is.Empty, "only what is named");
    }

    [TestCase("*")]
    [TestCase(null)]
    public void A_base_search_with_star_or_an_empty_list_brings_the_entry_s_back_links_as_AD_s_stored_ones_come(string? attribute)
    {
        var everything = Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.ConfigurationDn, "(objectClass=*)", "sub", "siteObject", "msExchServerSite", "msExchHostServerLink", "msExchMDBAvailabilityGroupLink");
        var links = new[] { ("siteObjectBL", "siteObject"), ("msExchServerSiteBL", "msExchServerSite"), ("msExchHostServerBL", "msExchHostServerLink"), ("msExchMDBAvailabilityGroupBL", "msExchMDBAvailabilityGroupLink") };
        var targets = links.SelectMany(l => everything.SelectMany(e => e.Values(l.Item2))).Select(NormalizeDn).Distinct().ToList();
        Assert.That(targets, Has.Count.GreaterThan(3), "the lab has back-links to give");

        foreach (var target in targets.Append(NormalizeDn(Partition.SitesDn)))
        {
            var entry = Lab.Tools.Entries(DirectoryAccounts.Reader, target, "(objectClass=*)", "base", attribute is null ? [] : [attribute]).Single();
            foreach (var (backLink, forward) in links)
            {
                var expected = everything.Where(e => e.Values(forward).Select(NormalizeDn).Contains(target)).Select(e => NormalizeDn(e.Dn));
                Assert.That(entry.Values(backLink).Select(NormalizeDn), Is.EquivalentTo(expected), $"{backLink} of {target}");
            }
        }
    }

    [Test]
    public void A_wider_search_gives_back_links_only_when_it_names_them()
    {
        var star = Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.SitesDn, "(objectClass=site)", "one", "*");
        Assert.That(star.SelectMany(e => e.Values("msExchServerSiteBL").Concat(e.Values("siteObjectBL"))), Is.Empty,
                    "'*' over many entries leaves them out: reading every link for it cost a 10,000-entry read 1.8 times its time");
    }

    [Test]
    public void A_back_link_follows_a_forward_link_at_once()
    {
        var server = ServerDn("E2K10-MLT-01");
        var modified = Lab.Tools.Modify(DirectoryAccounts.Updater, ReplaceLdif(server, "msExchServerSite", SiteDn("Site-B")));
        Assert.That(modified.ExitCode, Is.Zero, modified.ToString());

        Assert.That(Values(SiteDn("Site-B"), "msExchServerSiteBL"), Has.Member(NormalizeDn(server)));
        Assert.That(Values(SiteDn("Site-A"), "msExchServerSiteBL"), Has.No.Member(NormalizeDn(server)));
    }

    [Test]
    public void Filters_and_compares_on_a_back_link_are_answered()
    {
        var server = ServerDn("E2K10-MLT-01");
        var escaped = LdapEscaping.FilterValue(server);

        Assert.That(Found($"(msExchServerSiteBL={escaped})"), Is.EqualTo(new[] { NormalizeDn(SiteDn("Site-A")) }));
        Assert.That(Found($"(msExchServerSiteBL:={escaped})"), Is.EqualTo(new[] { NormalizeDn(SiteDn("Site-A")) }));
        Assert.That(Found("(&(objectClass=site)(siteObjectBL=*))"), Is.EquivalentTo(new[] { SiteDn("Site-A"), SiteDn("Site-B") }.Select(NormalizeDn)));
        Assert.That(Found("(&(objectClass=site)(!(siteObjectBL=*)))"), Is.EqualTo(new[] { NormalizeDn(SiteDn("Default-First-Site-Name")) }));
        Assert.That(Found($"(siteObjectBL:distinguishedNameMatch:={LdapEscaping.FilterValue(Holding("siteObject", SiteDn("Site-A")).First())})"), Is.EqualTo(new[] { NormalizeDn(SiteDn("Site-A")) }));
        Assert.That(Found($"(siteObjectBL:dn:={LdapEscaping.FilterValue(Holding("siteObject", SiteDn("Site-A")).First())})"), Is.EqualTo(new[] { NormalizeDn(SiteDn("Site-A")) }));
        Assert.That(Found($"(siteObjectBL={LdapEscaping.FilterValue(Holding("siteObject", SiteDn("Site-A")).First())}\\00garbage)"), Is.Empty, "a NUL does not cut the DN short");
        Assert.That(Found("(siteObjectBL>=a)"), Is.Empty);
        Assert.That(Found($"(msExchServerSiteBL={LdapEscaping.FilterValue(SiteDn("no-such-entry"))})"), Is.Empty);

        var subnet = Holding("siteObject", SiteDn("Site-A")).First();
        Assert.That(Lab.Tools.Compare(DirectoryAccounts.Reader, SiteDn("Site-A"), $"siteObjectBL:{subnet}").ExitCode, Is.EqualTo(6), "TRUE");
        Assert.That(Lab.Tools.Compare(DirectoryAccounts.Reader, SiteDn("Site-B"), $"siteObjectBL:{subnet}").ExitCode, Is.EqualTo(5), "FALSE");
    }

    [TestCase(DirectoryAccounts.Provisioning)]
    [TestCase(DirectoryAccounts.Updater)]
    public void A_back_link_cannot_be_written(string account)
    {
        var result = Lab.Tools.Modify(account, ReplaceLdif(SiteDn("Site-B"), "siteObjectBL", SiteDn("Site-A")));

        Assert.That(result.ExitCode, Is.EqualTo(53).Or.EqualTo(50), result.ToString());
        Assert.That(Values(SiteDn("Site-B"), "siteObjectBL"), Is.EquivalentTo(Holding("siteObject", SiteDn("Site-B"))));
    }

    [Test]
    public void Anonymous_gets_no_back_links()
    {
        var result = Lab.Tools.Search(LdapTools.Anonymous, SiteDn("Site-A"), "(objectClass=*)", "base", "msExchServerSiteBL");

        Assert.That(result.Output, Does.Not.Contain("msExchServerSiteBL"));
    }

    [Test]
    public void A_value_the_rootdn_stores_in_a_back_link_never_shows()
    {
        var site = SiteDn("Site-B");
        var forged = $"CN=Forged,{Partition.ConfigurationDn}";
        var stored = Lab.Tools.Modify(DirectoryAccounts.Admin, $"""
            dn: {site}
            changetype: modify
            add: objectClass
            objectClass: extensibleObject
            -
            add: siteObjectBL
            siteObjectBL: {forged}
            """);
        Assert.That(stored.ExitCode, Is.Zero, stored.ToString());

        foreach (var attributes in new[] { Array.Empty<string>(), ["*"], ["+"], ["cn", "siteObjectBL"] })
        {
            var entry = Lab.Tools.Entries(DirectoryAccounts.Reader, site, "(objectClass=*)", "base", attributes).Single();
            Assert.That(entry.Values("siteObjectBL").Select(NormalizeDn), Has.No.Member(NormalizeDn(forged)), string.Join(' ', attributes));
        }
        Assert.That(Found($"(siteObjectBL={LdapEscaping.FilterValue(forged)})"), Is.Empty);
    }
}
