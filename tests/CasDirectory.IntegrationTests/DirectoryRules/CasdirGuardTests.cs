using System.DirectoryServices.Protocols;
using System.Text.RegularExpressions;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.DirectoryRules.Attacks;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>
/// casdir-guard held to what slapd's own overlays are held to: a configuration it cannot use stops slapd at start and
/// says why; reads leak nothing; memcheck finds nothing of ours while the attack suite runs; a delete's reference check
/// and a write that adds a reference are serialised.
/// </summary>
[TestFixture]
public sealed class CasdirGuardTests : FreshLabTest
{
    private string ConfigFile => Path.Combine(Lab.DataDirectory, "slapd", "slapd.conf");

    /// <summary>The lab's own configuration with its casdir_guard_init (or casdir_frontend_init) line's arguments replaced.</summary>
    private string ConfigurationWith(string initFunction, string arguments)
    {
        var text = File.ReadAllLines(ConfigFile).Select(line =>
            line.StartsWith("plugin", StringComparison.Ordinal) && line.Contains(" " + initFunction, StringComparison.Ordinal)
                ? line[..(line.IndexOf(" " + initFunction, StringComparison.Ordinal) + initFunction.Length + 1)] + (arguments.Length > 0 ? " " + arguments : "")
                : line);
        var file = Path.Combine(Lab.DataDirectory, "slapd", $"broken-{Guid.NewGuid():N}.conf");
        File.WriteAllLines(file, text);
        return file;
    }

    [TestCase("casdir_guard_init", "", "missing arguments", TestName = "A_guard_line_without_arguments_stops_slapd_at_start")]
    [TestCase("casdir_guard_init", "\"CN=Configuration,DC=lab,DC=local\"", "missing arguments", TestName = "A_guard_line_with_only_a_base_stops_slapd_at_start")]
    [TestCase("casdir_guard_init", "\"CN=Configuration,DC=lab,DC=local\" \"CN=Subnets\" \"CN=Arrays\" msExchNoSuchAttribute", "'msExchNoSuchAttribute' is not an attribute type", TestName = "A_guard_line_naming_an_unknown_attribute_stops_slapd_at_start")]
    [TestCase("casdir_guard_init", "\"not a DN\" \"CN=Subnets\" \"CN=Arrays\" siteObject", "'not a DN' is not a distinguished name", TestName = "A_guard_line_with_a_malformed_DN_stops_slapd_at_start")]
    [TestCase("casdir_frontend_init", "\"CN=admin,DC=lab,DC=local\"", "casdir_frontend_init takes the rootdn, the configuration DN", TestName = "A_frontend_line_without_its_configuration_DN_stops_slapd_at_start")]
    [TestCase("casdir_frontend_init", "\"CN=admin,DC=lab,DC=local\" \"DC=local\"", "is not a configuration DN", TestName = "A_frontend_line_whose_configuration_DN_has_no_domain_stops_slapd_at_start")]
    public void A_plugin_line_slapd_cannot_use_stops_it_at_start(string initFunction, string arguments, string reason)
    {
        var config = ConfigurationWith(initFunction, arguments);

        using var slapd = ForegroundSlapd.Start(config, $"ldap://127.0.0.1:{FreePort.Next()}/");
        var (exitCode, output) = slapd.WaitForExit(TimeSpan.FromMinutes(2));

        Assert.That(exitCode, Is.Not.Zero, output);
        Assert.That(output, Does.Contain(reason), output);
    }

    [Test]
    public void Reading_100000_entries_with_every_attribute_leaves_slapd_memory_flat()
    {
        var sites = string.Join("\n", Enumerable.Range(0, 1000).Select(i => SiteLdif($"Leak-{i:D4}")));
        Assert.That(Lab.Tools.Add(DirectoryAccounts.Provisioning, sites).ExitCode, Is.Zero);
        var pid = SlapdPid();
        void ReadAll(int times)
        {
            for (var i = 0; i < times; i++)
            {
                var read = Lab.Tools.Run("ldapsearch", DirectoryAccounts.Reader, ["-LLL", "-b", Partition.SitesDn, "-s", "one", "(objectClass=site)", "*"]);
                Assert.That(read.ExitCode, Is.Zero, read.ToString());
            }
        }
        ReadAll(10); // slapd's caches, thread arenas and the map's pages settle first
        var before = ResidentKilobytes(pid);

        ReadAll(100); // 100 × 1,000 entries, each with every computed attribute

        var grown = ResidentKilobytes(pid) - before;
        TestContext.Out.WriteLine($"slapd resident memory: {before} kB before, grown by {grown} kB over 100,000 entries read with *");
        Assert.That(grown, Is.LessThan(1536), "a string per entry (as the whenCreated leak was) grows slapd by about 3 MB here");
    }

    [Test]
    public void Memcheck_finds_no_error_of_casdir_guard_while_the_attack_suite_runs()
    {
        var valgrind = new[] { "/usr/bin/valgrind", "/usr/local/bin/valgrind" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("valgrind is missing: sudo apt-get install -y valgrind (scripts/install-prerequisites.sh installs it)");
        var log = Path.Combine(Lab.DataDirectory, "memcheck.log");
        Assert.That(Lab.Tools.Add(DirectoryAccounts.Provisioning, ArrayLdif("CASArray-A", "outlook.lab.local", "Site-A")).ExitCode, Is.Zero);
        LocalDirectory.Down(Lab.DataDirectory);

        using var slapd = ForegroundSlapd.Start(ConfigFile, Lab.Url + "/", valgrind, "--tool=memcheck", "--leak-check=full", "--show-leak-kinds=definite",
            "--num-callers=40", "--log-file=" + log);
        slapd.WaitUntilServing(Lab.Tools, TimeSpan.FromMinutes(3));
        var refused = 0;
        foreach (var attack in AttackCatalogue.All().Concat(AttackCatalogue.AsExtensibleObjects()).Concat(AttackCatalogue.UnderOptions().Take(40)))
            refused += Lab.Tools.Modify(DirectoryAccounts.Provisioning, attack.Ldif).ExitCode != 0 ? 1 : 0;
        foreach (var filter in new[] { "(objectCategory=msExchExchangeServer)", "(whenChanged>=20000101000000.0Z)", "(objectGUID=*)", "(objectCategory=CN=Site,CN=Schema,CN=Configuration,DC=lab,DC=local)" })
            Assert.That(Lab.Tools.Search(DirectoryAccounts.Reader, Partition.ConfigurationDn, filter, "sub", "*").ExitCode, Is.Zero, filter);
        Assert.That(Lab.Tools.Run("ldapdelete", DirectoryAccounts.Provisioning, [Partition.ArrayDn("CASArray-A")]).ExitCode, Is.Zero);
        slapd.Stop(TimeSpan.FromMinutes(3));

        var report = File.ReadAllText(log);
        var ours = Regex.Split(report, @"\n==\d+== \n").Where(block => block.Contains("casdir_", StringComparison.Ordinal)).ToList();
        TestContext.Out.WriteLine($"{refused} attacks refused under memcheck; {Regex.Match(report, @"ERROR SUMMARY: .*").Value}");
        Assert.That(refused, Is.GreaterThan(50), "the attacks reached slapd");
        Assert.That(report, Does.Contain("ERROR SUMMARY"), "memcheck saw slapd to its end");
        Assert.That(ours, Is.Empty, string.Join("\n\n", ours));
    }

    [Test]
    public void A_delete_racing_a_write_that_references_the_entry_never_leaves_a_dangling_reference()
    {
        using var deleter = Lab.Connect(DirectoryAccounts.Provisioning);
        using var referrer = Lab.Connect(DirectoryAccounts.Provisioning);
        var outcomes = new Dictionary<string, int>();
        for (var round = 0; round < 60; round++)
        {
            var site = $"Race-{round}";
            var cidr = $"10.{100 + round}.0.0/16";
            Assert.That(Lab.Tools.Add(DirectoryAccounts.Provisioning, SiteLdif(site)).ExitCode, Is.Zero);
            using var start = new Barrier(2);
            var delete = Task.Run(() => Outcome(start, () => deleter.SendRequest(new DeleteRequest(SiteDn(site)))));
            var reference = Task.Run(() => Outcome(start, () => referrer.SendRequest(new AddRequest(Partition.SubnetDn(cidr),
                new DirectoryAttribute("objectClass", "top", "subnet"), new DirectoryAttribute("cn", cidr), new DirectoryAttribute("siteObject", SiteDn(site))))));
            var key = $"delete {delete.Result}, reference {reference.Result}";
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;

            Assert.That(delete.Result == "done" && reference.Result == "done", Is.False, $"round {round}: both the delete and the reference landed");
            var siteExists = Lab.Tools.Search(DirectoryAccounts.Reader, SiteDn(site), "(objectClass=*)", "base", "1.1").ExitCode == 0;
            var subnetExists = Lab.Tools.Search(DirectoryAccounts.Reader, Partition.SubnetDn(cidr), "(objectClass=*)", "base", "1.1").ExitCode == 0;
            Assert.That(subnetExists && !siteExists, Is.False, $"round {round}: {Partition.SubnetDn(cidr)} names a site that is gone");
        }
        TestContext.Out.WriteLine(string.Join("\n", outcomes.Select(o => $"{o.Value,3} × {o.Key}")));
    }

    [Test]
    public void An_LDAP_transaction_is_refused_at_its_start_and_nothing_is_written()
    {
        // slapd 2.5 applies a transaction's writes under the database's write transaction, where slapo-accesslog
        // deadlocks against a concurrent write and logs rolled-back writes as done; and it keeps queued writes in memory
        // it reuses: the Start Transaction itself is refused, so nothing is ever queued (scripts/ldap-transactions-probe.sh).
        var writes = Lab.SuccessfulWrites();
        var ldif = SubnetLdif("10.77.0.0/16", "Site-A").Replace("\nobjectClass: top", "\nchangetype: add\nobjectClass: top");

        var refused = Lab.Tools.Modify(DirectoryAccounts.Provisioning, ldif, "-E", "!txn=commit"); // critical: no fallback
        var anonymous = Lab.Tools.Run("ldapexop", LdapTools.Anonymous, ["1.3.6.1.1.21.1"]);
        var plain = Lab.Tools.Modify(DirectoryAccounts.Provisioning, ldif);

        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString()); // ldapmodify's failure; slapd's code is in its words
        Assert.That(refused.Error, Does.Contain("ldap_txn_start_s: Server is unwilling to perform (53)")); // ldapmodify prints no words for it; ldapexop below does
        Assert.That(anonymous.ExitCode, Is.Not.Zero, anonymous.ToString());
        Assert.That(anonymous.Error, Does.Contain("LDAP transactions are not accepted"));
        Assert.That(plain.ExitCode, Is.Zero, plain.ToString());
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes + 1), "only the plain write landed, and cn=accesslog says so");
    }

    [Test]
    public void The_rootdn_may_still_start_a_transaction()
    {
        var started = Lab.Tools.Run("ldapexop", DirectoryAccounts.Admin, ["1.3.6.1.1.21.1"]);

        Assert.That(started.ExitCode, Is.Zero, started.ToString()); // slapd's own Start Transaction: the probe script tests slapd with it
    }

    private static string Outcome(Barrier start, Action write)
    {
        start.SignalAndWait();
        try
        {
            write();
            return "done";
        }
        catch (DirectoryOperationException e)
        {
            return $"refused ({(int)e.Response.ResultCode})";
        }
    }

    private int SlapdPid() => int.Parse(File.ReadAllText(Path.Combine(Lab.DataDirectory, "slapd", "slapd.pid")).Trim());

    private static long ResidentKilobytes(int pid) =>
        long.Parse(File.ReadAllLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
}
