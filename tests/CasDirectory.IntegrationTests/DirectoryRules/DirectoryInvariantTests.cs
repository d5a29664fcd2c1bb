using System.DirectoryServices.Protocols;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>
/// What the directory enforces itself (docs/rules.md, docs/directory.md): the invariants hold in slapd itself, so raw ldapadd/ldapmodify under the provisioning
/// account cannot break them. Each test gets a fresh lab.
/// </summary>
[TestFixture]
public sealed class DirectoryInvariantTests : FreshLabTest
{
    private const string Provisioning = DirectoryAccounts.Provisioning;

    private IReadOnlyList<LdifEntry> Arrays() =>
        Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.ConfigurationDn, "(objectClass=msExchClientAccessArray)");

    private void AssertRefused(LdapToolResult result, string because)
    {
        Assert.That(result.ExitCode, Is.EqualTo(LdapToolResult.ConstraintViolation), $"{because}: {result}");
    }

    [Test]
    public void First_array_in_a_site_is_accepted()
    {
        var result = Lab.Tools.Add(Provisioning, ArrayLdif("CASArray-A", "outlook.lab.local", "Site-A"));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Arrays().Select(a => a.Value("cn")), Is.EqualTo(new[] { "CASArray-A" }));
    }

    [Test]
    public void Second_array_in_same_site_is_refused()
    {
        Lab.Tools.Add(Provisioning, ArrayLdif("CASArray-A", "outlook.lab.local", "Site-A"));

        AssertRefused(Lab.Tools.Add(Provisioning, ArrayLdif("CASArray-A2", "outlook2.lab.local", "Site-A")), "A2: one array per site");
        Assert.That(Arrays().Select(a => a.Value("cn")), Is.EqualTo(new[] { "CASArray-A" }));
    }

    [Test]
    public void Moving_an_array_into_a_site_that_has_one_is_refused()
    {
        Lab.Tools.Add(Provisioning, ArrayLdif("CASArray-A", "outlook.lab.local", "Site-A"));
        Lab.Tools.Add(Provisioning, ArrayLdif("CASArray-B", "outlook-b.lab.local", "Site-B"));

        AssertRefused(Lab.Tools.Modify(Provisioning, ReplaceLdif(Partition.ArrayDn("CASArray-B"), "msExchServerSite", SiteDn("Site-A"))), "A2 on modify");
    }

    [Test]
    public void A_server_may_move_into_a_site_that_has_an_array()
    {
        Lab.Tools.Add(Provisioning, ArrayLdif("CASArray-B", "outlook-b.lab.local", "Site-B"));

        var moved = Lab.Tools.Modify(Provisioning, ReplaceLdif(ServerDn("E2K10-MLT-02"), "msExchServerSite", SiteDn("Site-B")));

        Assert.That(moved.ExitCode, Is.Zero, moved.ToString());
    }

    [Test]
    public void A_name_composed_and_the_same_name_decomposed_are_one_name_to_slapd()
    {
        // An array named like a server (slapo-unique on cn across servers and arrays, caseIgnoreMatch): "Café" with a
        // composed é (U+00E9) against "Cafe" + U+0301. slapd folds normal forms as casdir's ObjectName.Comparer does.
        Assert.That(Lab.Tools.Add(Provisioning, ArrayLdif("Caf\u00E9", "cafe.lab.local", "Site-A")).ExitCode, Is.Zero);

        var result = Lab.Tools.Add(Provisioning, $"""
            dn: {ServerDn("Cafe\u0301")}
            objectClass: top
            objectClass: server
            objectClass: msExchExchangeServer
            cn: {"Cafe\u0301"}
            msExchServerSite: {SiteDn("Site-B")}

            """);

        Assert.That(result.ExitCode, Is.EqualTo(LdapToolResult.ConstraintViolation), result.ToString());
        Assert.That(result.Error, Does.Contain("non-unique"), result.ToString());
    }

    [Test]
    public void An_array_outside_CN_Arrays_is_refused()
    {
        var ldif = ArrayLdif("CASArray-A", "outlook.lab.local", "Site-A").Replace(",CN=Arrays,", ",CN=Servers,");

        var result = Lab.Tools.Add(Provisioning, ldif);

        // casdir-guard's tree (an array belongs below a container) answers first; the cn constraint and the ACL refuse it too.
        Assert.That(result.ExitCode, Is.EqualTo(64), result.ToString());
        Assert.That(result.Error, Does.Contain("does not belong below"), result.ToString());
    }

    [Test]
    public void Array_whose_site_does_not_exist_is_refused()
    {
        AssertRefused(Lab.Tools.Add(Provisioning, ArrayLdif("CASArray-X", "outlook.lab.local", "Site-X")), "msExchServerSite must name a site");
        Assert.That(Arrays(), Is.Empty);
    }

    [Test]
    public void Server_whose_site_does_not_exist_is_refused()
    {
        AssertRefused(Lab.Tools.Modify(Provisioning, ReplaceLdif(ServerDn("E2K10-MLT-01"), "msExchServerSite", SiteDn("Nowhere"))), "msExchServerSite must name a site");
        AssertRefused(Lab.Tools.Modify(Provisioning, ReplaceLdif(ServerDn("E2K10-MLT-01"), "msExchServerSite", "CN=Subnets,CN=Sites," + Partition.ConfigurationDn)), "a container is not a site");
    }

    [Test]
    public void Array_fqdn_already_used_by_an_array_or_a_server_is_refused()
    {
        Lab.Tools.Add(Provisioning, ArrayLdif("CASArray-A", "outlook.lab.local", "Site-A"));

        AssertRefused(Lab.Tools.Add(Provisioning, ArrayLdif("CASArray-B", "OUTLOOK.lab.local", "Site-B")), "FQDNs are unique");
        AssertRefused(Lab.Tools.Add(Provisioning, ArrayLdif("CASArray-B", "E2K10-MLT-01.lab.local", "Site-B")), "an array cannot take a server's FQDN");
    }

    [Test]
    public void Array_named_like_a_server_is_refused_whatever_the_case()
    {
        AssertRefused(Lab.Tools.Add(Provisioning, ArrayLdif("E2K10-MLT-01", "outlook.lab.local", "Site-A")), "names are unique across servers and arrays");
        AssertRefused(Lab.Tools.Add(Provisioning, ArrayLdif("e2k10-mlt-01", "outlook.lab.local", "Site-A")), "names compare without case");
        Assert.That(Arrays(), Is.Empty);
    }

    [Test]
    public void Twenty_concurrent_attempts_to_create_an_array_in_one_site_leave_exactly_one()
    {
        // Twenty connections, each bound (an explicit Bind that has returned), then all send their add at the same moment:
        // the barrier opens only once the twentieth writer has bound, however long binding takes on a busy machine.
        var provisioning = Lab.Account(Provisioning);
        var endpoint = DirectoryEndpoint.Parse(Lab.Url);
        var credential = DirectoryCredential.FromPasswordFile(provisioning.Dn, provisioning.PasswordFile);
        const int writers = 20;
        using var bound = new Barrier(writers);
        var results = new (int Code, string Message)[writers];
        // One thread each (not the thread pool, which would ramp up slowly for a 20-party barrier).
        var threads = Enumerable.Range(0, writers).Select(i => new Thread(() =>
        {
            var entry = LdifEntry.Parse(ArrayLdif($"Race-{i:00}", $"race{i:00}.lab.local", "Site-A")).Single();
            var add = new AddRequest(entry.Dn, entry.Attributes.Select(a => new DirectoryAttribute(a.Key, a.Value.ToArray<object>())).ToArray());
            LdapConnection? connection = null;
            try
            {
                connection = DirectoryConnectionFactory.Open(endpoint, credential);
            }
            catch (Exception e)
            {
                results[i] = (-1, $"bind failed: {e.Message}");
            }
            bound.SignalAndWait(); // also when the bind failed: the others must not wait for ever
            if (connection is null)
                return;
            using (connection)
            {
                try
                {
                    results[i] = ((int)connection.SendRequest(add).ResultCode, "added");
                }
                catch (DirectoryOperationException e)
                {
                    results[i] = ((int)e.Response.ResultCode, e.Response.ErrorMessage ?? e.Message);
                }
                catch (Exception e)
                {
                    results[i] = (-1, $"add failed: {e.Message}");
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        var report = string.Join("\n", results.Select((r, i) => $"Race-{i:00}: {r.Code} {r.Message}"));
        Assert.That(results.Count(r => r.Code == 0), Is.EqualTo(1), report);
        Assert.That(results.Where(r => r.Code != 0).Select(r => r.Code), Is.All.EqualTo(LdapToolResult.ConstraintViolation), report);
        Assert.That(Arrays(), Has.Count.EqualTo(1));
    }

    [Test]
    public void Subnet_pointing_at_a_missing_site_is_refused()
    {
        AssertRefused(Lab.Tools.Add(Provisioning, SubnetLdif("10.9.0.0/16", "Site-Z")), "siteObject must name a site");
    }

    [Test]
    public void Database_on_a_server_that_does_not_exist_is_refused()
    {
        var ldif = $"""
            dn: {Partition.DatabaseDn("MDB99")}
            objectClass: top
            objectClass: msExchMDB
            objectClass: msExchPrivateMDB
            cn: MDB99
            deliveryMechanism: 0
            msExchOwningServer: {ServerDn("GHOST-01")}

            """;

        AssertRefused(Lab.Tools.Add(Provisioning, ldif), "msExchOwningServer must name an Exchange server");
    }

    [TestCase("serialNumber", "14.2.247.5", TestName = "Malformed_serialNumber_is_refused")]
    [TestCase("ipHostNumber", "10.1.0.300", TestName = "Malformed_IP_address_is_refused")]
    [TestCase("networkAddress", "outlook.lab.local", TestName = "Network_address_without_protocol_prefix_is_refused")]
    [TestCase("legacyExchangeDN", "cn=E2K10-MLT-01", TestName = "Malformed_legacyExchangeDN_is_refused")]
    public void Value_shapes_are_checked(string attribute, string value)
    {
        AssertRefused(Lab.Tools.Modify(Provisioning, ReplaceLdif(ServerDn("E2K10-MLT-01"), attribute, value)), $"{attribute} shape");
    }

    [Test]
    public void Renaming_a_site_rewrites_the_references_to_it()
    {
        var renamed = Lab.Tools.Rename(Provisioning, SiteDn("Site-B"), "CN=Site-B2");
        Assert.That(renamed.ExitCode, Is.Zero, renamed.ToString());

        // slapo-refint rewrites the references just after the rename answers (docs/directory.md, "renames follow"): up to 10 s.
        string SiteOfSubnet() => NormalizeDn(Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.SubnetDn("10.2.0.0/16"), "(objectClass=*)", "base").Single().Value("siteObject")!);
        var site = SiteOfSubnet();
        for (var wait = 0; site != NormalizeDn(SiteDn("Site-B2")) && wait < 100; wait++)
        {
            Thread.Sleep(100);
            site = SiteOfSubnet();
        }
        Assert.That(site, Is.EqualTo(NormalizeDn(SiteDn("Site-B2"))));
    }

    [Test]
    public void Relax_control_does_not_let_the_provisioning_account_bypass_the_rules()
    {
        Lab.Tools.Add(Provisioning, ArrayLdif("CASArray-A", "outlook.lab.local", "Site-A"));

        var result = Lab.Tools.Add(Provisioning, ArrayLdif("CASArray-A2", "outlook2.lab.local", "Site-A"), "-e", "!relax");

        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(Arrays(), Has.Count.EqualTo(1));
    }

    [TestCase("mDBStorageQuota", "-5", TestName = "A_negative_quota_written_raw_is_refused")]
    [TestCase("garbageCollPeriod", "-1209600", TestName = "A_negative_retention_period_is_refused")]
    [TestCase("msExchDataMoveReplicationConstraint", "7", TestName = "A_data_move_constraint_out_of_its_enumeration_is_refused")]
    [TestCase("msExchHomePublicMDB", null, TestName = "A_default_public_folder_database_that_is_a_mailbox_database_is_refused")]
    public void A_database_setting_a_raw_write_would_break_is_refused_by_slapd(string attribute, string? value)
    {
        var database = Partition.DatabaseDn("MDB01");

        AssertRefused(Lab.Tools.Modify(Provisioning, ReplaceLdif(database, attribute, value ?? Partition.DatabaseDn("MDB02"))), $"{attribute} as casdir checks it");
        Assert.That(Lab.Tools.Modify(Provisioning, ReplaceLdif(database, "mDBStorageQuota", "1992294")).ExitCode, Is.Zero, "a quota in KB is accepted");
    }

    [Test]
    public void A_site_link_or_a_site_setting_that_names_no_site_is_refused()
    {
        var link = $"CN=DEFAULTIPSITELINK,CN=IP,CN=Inter-Site Transports,{Partition.SitesDn}";

        AssertRefused(Lab.Tools.Modify(Provisioning, ReplaceLdif(link, "siteList", ServerDn("E2K10-MLT-01"))), "siteList names sites");
        AssertRefused(Lab.Tools.Modify(Provisioning, ReplaceLdif("CN=NTDS Site Settings," + SiteDn("Site-A"), "msDS-Preferred-GC-Site", Partition.DatabaseDn("MDB01"))), "msDS-Preferred-GC-Site names a site");
        Assert.That(Lab.Tools.Modify(Provisioning, ReplaceLdif(link, "siteList", SiteDn("Site-A"))).ExitCode, Is.Zero, "a site is accepted");
    }
}
