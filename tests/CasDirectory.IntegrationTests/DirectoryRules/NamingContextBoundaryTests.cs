using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>
/// A search of the domain stops at the configuration naming context below it and answers a continuation reference
/// instead, as a domain controller does; AD's own ways across are honoured: the search options control's phantom root
/// flag and, to leave the reference out, the domain scope control (docs/rules.md, "Naming contexts").
/// </summary>
[TestFixture]
public sealed class NamingContextBoundaryTests : SharedLabTest
{
    private const string Reference = "ldap://lab.local/CN=Configuration,DC=lab,DC=local";

    private LdapToolResult SearchDomain(string scope, string filter, params string[] extra) =>
        Lab.Tools.Run("ldapsearch", DirectoryAccounts.Reader, ["-LLL", "-o", "ldif-wrap=no", .. extra, "-b", Partition.DomainDn, "-s", scope, filter, "cn"]);

    private static IReadOnlyList<string> Names(LdapToolResult result) =>
        LdifEntry.Parse(result.Output).Select(e => NormalizeDn(e.Dn)).ToList();

    [Test]
    public void A_subtree_search_of_the_domain_returns_its_own_entries_and_a_reference_to_the_configuration()
    {
        var result = SearchDomain("sub", "(objectClass=*)");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain($"# ref{Reference}"), "the continuation reference, as AD writes it");
        Assert.That(Names(result), Has.Member(NormalizeDn(Partition.DomainDn)).And.Member(NormalizeDn($"CN=Users,{Partition.DomainDn}")));
        Assert.That(Names(result).Where(n => n.EndsWith(NormalizeDn(Partition.ConfigurationDn))), Is.Empty, "no entry of the configuration");
        Assert.That(SearchDomain("sub", "(objectClass=site)").Output, Does.Not.Contain("dn:"), "sites live in the configuration");
    }

    [Test]
    public void A_paged_search_of_the_domain_gets_the_reference_once_not_on_every_page()
    {
        var result = SearchDomain("sub", "(objectClass=*)", "-E", "pr=2/noprompt");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output.Split('\n').Count(l => l.StartsWith("# pagedresults:")), Is.GreaterThan(1), "several pages");
        Assert.That(result.Output.Split('\n').Count(l => l == $"# ref{Reference}"), Is.EqualTo(1));
        Assert.That(Names(result), Is.EquivalentTo(Names(SearchDomain("sub", "(objectClass=*)"))), "the same entries");
    }

    [Test]
    public void A_one_level_search_of_the_domain_does_not_list_the_configuration_head()
    {
        var result = SearchDomain("one", "(objectClass=*)");

        Assert.That(Names(result), Is.EqualTo(new[] { NormalizeDn($"CN=Users,{Partition.DomainDn}") }));
        Assert.That(result.Output, Does.Contain($"# ref{Reference}"));
    }

    [Test]
    public void The_phantom_root_flag_searches_every_naming_context_at_once()
    {
        var result = SearchDomain("sub", "(objectClass=site)", "-E", LdapTools.PhantomRoot);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Names(result), Is.EquivalentTo(new[] { "Default-First-Site-Name", "Site-A", "Site-B" }.Select(s => NormalizeDn(SiteDn(s)))));
        Assert.That(result.Output, Does.Not.Contain("# ref"));
    }

    [Test]
    public void The_domain_scope_control_leaves_the_reference_out()
    {
        var result = SearchDomain("sub", "(objectClass=*)", "-E", "!1.2.840.113556.1.4.1339");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Not.Contain("# ref"));
        Assert.That(Names(result).Where(n => n.EndsWith(NormalizeDn(Partition.ConfigurationDn))), Is.Empty);
    }

    [Test]
    public void Searches_based_in_the_configuration_and_base_searches_are_unchanged()
    {
        Assert.That(Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.ConfigurationDn, "(objectClass=site)", "sub", "cn"), Has.Count.EqualTo(3));
        var head = SearchDomain("base", "(objectClass=*)");
        Assert.That(Names(head), Is.EqualTo(new[] { NormalizeDn(Partition.DomainDn) }));
        Assert.That(head.Output, Does.Not.Contain("# ref"));
    }

    [Test]
    public void SystemDirectoryServicesProtocols_with_its_defaults_gets_the_domain_and_the_reference()
    {
        // What .NET code written for AD does: a subtree search from the domain head, default session options.
        using var connection = Lab.Connect(DirectoryAccounts.Reader);
        var response = (System.DirectoryServices.Protocols.SearchResponse)connection.SendRequest(
            new System.DirectoryServices.Protocols.SearchRequest(Partition.DomainDn, "(objectClass=*)", System.DirectoryServices.Protocols.SearchScope.Subtree, "cn"));

        Assert.That(response.ResultCode, Is.EqualTo(System.DirectoryServices.Protocols.ResultCode.Success));
        var names = response.Entries.Cast<System.DirectoryServices.Protocols.SearchResultEntry>().Select(e => NormalizeDn(e.DistinguishedName)).ToList();
        Assert.That(names, Has.Member(NormalizeDn($"CN=Users,{Partition.DomainDn}")));
        Assert.That(names, Has.None.EndsWith(NormalizeDn(Partition.ConfigurationDn)));
        Assert.That(response.References.Cast<System.DirectoryServices.Protocols.SearchResultReference>().SelectMany(r => r.Reference).Select(u => u.ToString()),
            Is.EqualTo(new[] { Reference }));
    }
}
