using CasDirectory.Core.SiteTopology;
using NUnit.Framework;

namespace CasDirectory.Core.Tests.SiteTopology;

/// <summary>T3 narrowed (docs/rules.md, "The site-topology service"): only an add or modify of a server's own entry re-plans that server alone.</summary>
public sealed class SingleServerChangeTests
{
    private const string Organization = "CN=First Organization,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=lab,DC=local";
    private const string Server = "CN=E2K10-MLT-02,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups," + Organization;

    [TestCase("add")]
    [TestCase("modify")]
    public void Adding_or_modifying_a_servers_own_entry_names_that_server(string operation) =>
        Assert.That(SingleServerChange.ServerOf(operation, Server), Is.EqualTo(Server));

    [Test]
    public void A_server_in_another_administrative_group_written_as_slapd_logs_it_is_named()
    {
        // The access log holds normalised DNs: lower case, no spaces after commas.
        var dn = "cn=e2003-be,cn=servers,cn=first administrative group,cn=administrative groups,cn=first organization,cn=microsoft exchange,cn=services,cn=configuration,dc=lab,dc=local";

        Assert.That(SingleServerChange.ServerOf("modify", dn), Is.EqualTo(dn));
    }

    [TestCase("delete")]
    [TestCase("modrdn")]
    public void Deleting_or_renaming_a_server_re_plans_every_server(string operation) =>
        Assert.That(SingleServerChange.ServerOf(operation, Server), Is.Null);

    [TestCase("CN=10.1.0.0/16,CN=Subnets,CN=Sites,CN=Configuration,DC=lab,DC=local")]
    [TestCase("CN=Site-A,CN=Sites,CN=Configuration,DC=lab,DC=local")]
    [TestCase("CN=InformationStore," + Server)]
    [TestCase("CN=CASArray-A,CN=Arrays,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups," + Organization)]
    [TestCase("CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups," + Organization)]
    [TestCase("CN=DC01,CN=Servers,CN=Site-A,CN=Sites,CN=Configuration,DC=lab,DC=local")] // Active Directory's own server objects
    [TestCase("CN=E2K10-MLT-02,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=First Organization,CN=Microsoft Exchange,CN=Services")]
    [TestCase("not a DN")]
    [TestCase("")]
    public void A_change_to_anything_but_a_servers_own_entry_re_plans_every_server(string dn) =>
        Assert.That(SingleServerChange.ServerOf("modify", dn), Is.Null);
}
