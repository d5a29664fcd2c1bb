using System.DirectoryServices.Protocols;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>
/// Server-side sort (RFC 2891) as AD answers it (docs/rules.md, "Sorting"): by cn and the other string attributes, alone
/// or page by page, with each client's own controls at their default criticality; a sort by an attribute computed when
/// an entry is sent is refused, naming what to sort by.
/// </summary>
[TestFixture]
public sealed class ServerSideSortTests : SharedLabTest
{
    /// <summary>caseIgnoreOrderingMatch on these ASCII names: by their lower-case form.</summary>
    private static List<string> Sorted(IEnumerable<string> names, bool reverse = false)
    {
        var sorted = names.OrderBy(n => n.ToLowerInvariant(), StringComparer.Ordinal).ToList();
        if (reverse)
            sorted.Reverse();
        return sorted;
    }

    private string Base => Lab.Partition.ConfigurationDn;

    private static List<string> Names(LdapToolResult result) =>
        result.Output.Split('\n').Where(l => l.StartsWith("cn: ")).Select(l => l[4..].Trim()).ToList();

    private LdapToolResult Sort(string control, params string[] extra) =>
        Lab.Tools.Run("ldapsearch", DirectoryAccounts.Reader, ["-LLL", "-o", "ldif-wrap=no", "-E", control, .. extra, "-b", Base, "(cn=*)", "cn"]);

    [Test]
    public void Ldapsearch_sorts_by_cn_and_in_reverse_with_the_critical_sort_control()
    {
        var ascending = Sort("!sss=cn");
        var descending = Sort("!sss=-cn");

        Assert.That(ascending.ExitCode, Is.Zero, ascending.ToString());
        Assert.That(ascending.Output, Does.Contain("sortResult: (0) Success"));
        var names = Names(ascending);
        Assert.That(names, Has.Count.GreaterThan(100), "the whole configuration partition");
        Assert.That(names, Is.EqualTo(Sorted(names)));
        Assert.That(Names(descending), Is.EqualTo(Sorted(names, reverse: true)));
    }

    [Test]
    public void Sorted_pages_continue_one_order_across_the_pages()
    {
        var unpaged = Names(Sort("!sss=cn"));

        var paged = Sort("!sss=cn", "-E", "pr=17/noprompt");

        Assert.That(paged.ExitCode, Is.Zero, paged.ToString());
        Assert.That(paged.Output.Split('\n').Count(l => l.StartsWith("# pagedresults:")), Is.GreaterThan(5), "many pages of 17");
        Assert.That(Names(paged), Is.EqualTo(unpaged));
    }

    [Test]
    public void Sorted_pages_across_both_naming_contexts_are_one_order_and_slapd_stays_up()
    {
        // AD's phantom root: the domain and the configuration below it, sorted as one result. With the sort overlay on
        // each database, both kept state for such a search and slapd freed it twice (an attack found it).
        var domain = Lab.Partition.DomainDn;
        var everything = Lab.Tools.Run("ldapsearch", DirectoryAccounts.Reader, ["-LLL", "-o", "ldif-wrap=no", "-E", LdapTools.PhantomRoot, "-b", domain, "(cn=*)", "cn"]);
        for (var round = 0; round < 3; round++)
        {
            var sorted = Lab.Tools.Run("ldapsearch", DirectoryAccounts.Reader,
                ["-LLL", "-o", "ldif-wrap=no", "-E", LdapTools.PhantomRoot, "-E", "pr=20/noprompt", "-E", "!sss=-cn", "-b", domain, "(cn=*)", "cn"]);
            Assert.That(sorted.ExitCode, Is.Zero, sorted.ToString());
            Assert.That(Names(sorted), Is.EqualTo(Sorted(Names(everything), reverse: true)), "every entry of both contexts, in one order");
        }
        Assert.That(Lab.Tools.Search(DirectoryAccounts.Reader, domain, "(objectClass=*)", "base", "1.1").ExitCode, Is.Zero, "slapd still answers");
    }

    [Test]
    public void Clients_paging_a_sorted_result_one_entry_at_a_time_side_by_side_are_never_told_busy()
    {
        // slapo-sssvlv clears its "running" mark only after it has sent a page: a next-page request taken up by
        // another thread in between was answered Busy (51). Four clients, a page per entry: 10 of 12 runs failed so.
        var runs = Enumerable.Range(0, 4).Select(_ => Task.Run(() => Enumerable.Range(0, 2)
            .Select(_ => Sort("!sss=cn", "-E", "pr=1/noprompt")).ToList())).ToArray();
        Task.WaitAll(runs);

        var results = runs.SelectMany(r => r.Result).ToList();
        Assert.That(results.Where(r => r.ExitCode != 0).Select(r => r.ToString()), Is.Empty);
        Assert.That(results.Select(r => Names(r)), Has.All.EqualTo(Sorted(Names(results[0]))).And.All.Count.GreaterThan(100));
    }

    [Test]
    public void Sorted_pages_left_unfinished_by_clients_that_hang_up_never_make_slapd_busy()
    {
        // slapd tells a database's overlays when a connection closes, never the frontend's: the global sort overlay kept
        // every closed connection's unfinished sort until it answered every sorted search Busy (51) (an attack found it).
        for (var client = 0; client < 12; client++)
        {
            using var connection = Lab.Connect(DirectoryAccounts.Reader);
            var first = new SearchRequest(Base, "(cn=*)", SearchScope.Subtree, "cn");
            first.Controls.Add(new SortRequestControl(new SortKey("cn", null, false)));
            first.Controls.Add(new PageResultRequestControl(2));
            var page = (SearchResponse)connection.SendRequest(first);
            Assert.That(page.Entries, Has.Count.EqualTo(2), "the first page; then the client hangs up");
        }

        var sorted = Sort("!sss=cn", "-E", "pr=50/noprompt");
        Assert.That(sorted.ExitCode, Is.Zero, sorted.ToString());
        Assert.That(Names(sorted), Has.Count.GreaterThan(100));
    }

    [Test]
    public void A_sorted_search_of_the_access_log_is_refused()
    {
        var result = Lab.Tools.Run("ldapsearch", DirectoryAccounts.Updater, ["-LLL", "-E", "!sss=reqStart", "-b", "cn=accesslog", "-s", "one", "(objectClass=*)", "1.1"]);

        Assert.That(result.ExitCode, Is.EqualTo(53), result.ToString());
        Assert.That(result.Error, Does.Contain("the access log is not sorted"));
    }

    [Test]
    public void System_DirectoryServices_Protocols_sorts_and_pages_with_its_default_critical_controls()
    {
        using var connection = Lab.Connect(DirectoryAccounts.Reader);
        var sort = new SortRequestControl(new SortKey("cn", null, false));
        Assert.That(sort.IsCritical, "S.DS.P marks the sort control critical by default");
        var page = new PageResultRequestControl(20);
        var names = new List<string>();
        var pages = 0;
        while (true)
        {
            var request = new SearchRequest(Base, "(cn=*)", SearchScope.Subtree, "cn");
            request.Controls.Add(sort);
            request.Controls.Add(page);
            var response = (SearchResponse)connection.SendRequest(request);
            pages++;
            names.AddRange(response.Entries.Cast<SearchResultEntry>().Select(e => (string)e.Attributes["cn"][0]));
            var sorted = response.Controls.OfType<SortResponseControl>().Single();
            Assert.That(sorted.Result, Is.EqualTo(ResultCode.Success));
            var next = response.Controls.OfType<PageResultResponseControl>().Single();
            if (next.Cookie.Length == 0)
                break;
            page.Cookie = next.Cookie;
        }

        Assert.That(pages, Is.GreaterThan(5));
        Assert.That(names, Has.Count.GreaterThan(100));
        Assert.That(names, Is.EqualTo(Sorted(names)));
    }

    [Test]
    public void Ldapts_sorts_in_reverse_and_pages_as_AD_code_does()
    {
        var reader = Lab.Account(DirectoryAccounts.Reader);
        const string script = """
            const fs = require('fs');
            const { Client, ServerSideSortingRequestControl } = require('ldapts');
            const [url, dn, passwordFile, base] = process.argv.slice(1);
            (async () => {
              const client = new Client({ url });
              await client.bind(dn, fs.readFileSync(passwordFile, 'utf8').trim());
              const sort = new ServerSideSortingRequestControl({ critical: true, value: { attributeType: 'cn', reverseOrder: true } });
              const result = await client.search(base, { filter: '(cn=*)', attributes: ['cn'], paged: { pageSize: 20 } }, sort);
              for (const e of result.searchEntries) console.log(e.cn);
              await client.unbind();
            })().catch(e => { console.error(e); process.exit(1); });
            """;
        var result = Ldapts.Run(script, Lab.Url, reader.Dn, reader.PasswordFile, Base);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var names = result.Output.Trim().Split('\n').Select(l => l.Trim()).ToList();
        Assert.That(names, Has.Count.GreaterThan(100));
        Assert.That(names, Is.EqualTo(Sorted(names, reverse: true)));
    }

    [TestCase("!sss=whenChanged", "whenChanged is computed when an entry is sent and cannot be sorted by; sort by modifyTimestamp")]
    [TestCase("sss=whenCreated", "whenCreated is computed when an entry is sent and cannot be sorted by; sort by createTimestamp")]
    [TestCase("!sss=-uSNChanged", "uSNChanged is computed when an entry is sent and cannot be sorted by; sort by entryCSN")]
    [TestCase("!sss=cn/-uSNCreated", "uSNCreated is computed")] // as the second key
    // No ordering rule at all (AD's octet strings and constructed attributes): slapd's own refusal, the same code.
    [TestCase("!sss=objectGUID", "No ordering rule")]
    [TestCase("sss=canonicalName", "No ordering rule")]
    public void A_sort_by_an_attribute_computed_when_sent_is_refused_naming_what_to_sort_by(string control, string message)
    {
        var result = Sort(control);

        Assert.That(result.ExitCode, Is.EqualTo(18), result.ToString()); // inappropriateMatching, as slapo-sssvlv refuses a key it cannot order
        Assert.That(result.Error, Does.Contain(message));
    }

    [Test]
    public void String_attributes_publish_an_ordering_rule_and_answer_ordering_filters()
    {
        var schema = Lab.Tools.Run("ldapsearch", DirectoryAccounts.Reader, ["-LLL", "-o", "ldif-wrap=no", "-b", "cn=Subschema", "-s", "base", "(objectClass=*)", "attributeTypes"]);
        Assert.That(schema.Output.Split('\n').Single(l => l.Contains("NAME ( 'cn' 'commonName' )")), Does.Contain("ORDERING caseIgnoreOrderingMatch"));

        var later = Lab.Tools.Entries(DirectoryAccounts.Reader, Base, "(&(objectClass=site)(cn>=site-b))", "sub", "cn");
        var earlier = Lab.Tools.Entries(DirectoryAccounts.Reader, Base, "(&(objectClass=site)(cn<=SITE-A))", "sub", "cn");

        Assert.That(later.Select(e => e.Value("cn")), Is.EquivalentTo(new[] { "Site-B" }));
        Assert.That(earlier.Select(e => e.Value("cn")), Is.EquivalentTo(new[] { "Default-First-Site-Name", "Site-A" }));
    }
}
