using System.Text.RegularExpressions;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>
/// Active Directory's own attributes, computed by slapd (casdir-guard) on every entry however it was written, the AD
/// filters that use them, the schema partition and the root DSE (docs/rules.md, "Active Directory's own attributes").
/// </summary>
[TestFixture]
public sealed class ActiveDirectoryAttributeTests : FreshLabTest
{
    private static readonly string[] Computed = ["objectGUID", "whenCreated", "whenChanged", "distinguishedName", "name", "objectCategory", "showInAdvancedViewOnly", "instanceType"];

    private string SchemaDn => $"CN=Schema,{Partition.ConfigurationDn}";

    private IReadOnlyList<LdifEntry> Find(string filter, params string[] attributes) =>
        Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.ConfigurationDn, filter, "sub", attributes);

    /// <summary>The objectGUID bytes of the one entry the filter finds (ldapsearch prints binary values in base64).</summary>
    private byte[] ObjectGuid(string dn)
    {
        var result = Lab.Tools.Search(DirectoryAccounts.Reader, dn, "(objectClass=*)", "base", "objectGUID");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return Convert.FromBase64String(Regex.Match(result.Output, @"^objectGUID:: (\S+)$", RegexOptions.Multiline).Groups[1].Value);
    }

    [Test]
    public void Every_entry_of_the_configuration_partition_has_the_AD_attributes_without_asking_for_them()
    {
        var entries = Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.ConfigurationDn); // no attribute list: all user attributes

        Assert.That(entries, Has.Count.GreaterThan(100));
        foreach (var entry in entries)
            foreach (var attribute in Computed)
                Assert.That(entry.Values(attribute), Has.Count.EqualTo(1), $"{attribute} of {entry.Dn}");
        var server = entries.Single(e => e.Value("cn") == "E2K10-MLT-01" && e.Values("objectClass").Contains("msExchExchangeServer"));
        Assert.That(server.Value("objectCategory"), Is.EqualTo($"CN=ms-Exch-Exchange-Server,{SchemaDn}"));
        Assert.That(server.Value("name"), Is.EqualTo("E2K10-MLT-01"));
        Assert.That(NormalizeDn(server.Value("distinguishedName")!), Is.EqualTo(NormalizeDn(ServerDn("E2K10-MLT-01"))));
        Assert.That(server.Value("whenCreated"), Does.Match(@"^\d{14}\.0Z$"));
        Assert.That(server.Value("showInAdvancedViewOnly"), Is.EqualTo("TRUE"));
        Assert.That(server.Value("instanceType"), Is.EqualTo("4"));
        Assert.That(entries.Single(e => NormalizeDn(e.Dn) == NormalizeDn(Partition.ConfigurationDn)).Value("instanceType"), Is.EqualTo("5"), "a naming context's head");
    }

    [Test]
    public void ObjectGUID_is_entryUUID_in_AD_byte_order_and_is_the_Guid_casdir_shows()
    {
        var dn = ServerDn("E2K10-MLT-01");
        var uuid = Lab.Tools.Entries(DirectoryAccounts.Reader, dn, "(objectClass=*)", "base", "entryUUID").Single().Value("entryUUID")!;

        var guid = ObjectGuid(dn);

        Assert.That(guid, Has.Length.EqualTo(16));
        Assert.That(new Guid(guid), Is.EqualTo(Guid.Parse(uuid)), ".NET's Guid(byte[]) reads AD's byte order");
        var shown = InProcessCasdir.Run(["-File", "-", "--data", Lab.DataDirectory], "(Get-ExchangeServer E2K10-MLT-01).Guid.ToString()\n");
        Assert.That(shown.ExitCode, Is.Zero, shown.ToString());
        Assert.That(shown.Output.Trim(), Is.EqualTo(new Guid(guid).ToString()), "casdir's Guid is the objectGUID");
        var escaped = string.Concat(guid.Select(b => $"\\{b:x2}"));
        Assert.That(Find($"(objectGUID={escaped})", "cn").Select(e => e.Value("cn")), Is.EqualTo(new[] { "E2K10-MLT-01" }), "a filter on the bytes finds it");
    }

    [Test]
    public void A_server_added_with_raw_ldapadd_has_them_and_a_modify_moves_whenChanged()
    {
        var dn = ServerDn("RAW-01");
        var added = Lab.Tools.Add(DirectoryAccounts.Provisioning, $"""
            dn: {dn}
            objectClass: top
            objectClass: server
            objectClass: msExchExchangeServer
            cn: RAW-01
            msExchCurrentServerRoles: 2
            serialNumber: Version 14.2 (Build 30247.5)
            networkAddress: ncacn_ip_tcp:RAW-01.lab.local
            """);
        Assert.That(added.ExitCode, Is.Zero, added.ToString());
        var before = Lab.Tools.Entries(DirectoryAccounts.Reader, dn, "(objectClass=*)", "base", "*").Single();
        foreach (var attribute in Computed)
            Assert.That(before.Values(attribute), Has.Count.EqualTo(1), attribute);

        Thread.Sleep(1100); // the timestamps have one-second resolution
        var modified = Lab.Tools.Modify(DirectoryAccounts.Provisioning, ReplaceLdif(dn, "networkAddress", "ncacn_ip_tcp:RAW-01b.lab.local"));
        Assert.That(modified.ExitCode, Is.Zero, modified.ToString());
        var after = Lab.Tools.Entries(DirectoryAccounts.Reader, dn, "(objectClass=*)", "base", "whenCreated", "whenChanged").Single();

        Assert.That(string.CompareOrdinal(after.Value("whenChanged"), before.Value("whenChanged")), Is.Positive);
        Assert.That(after.Value("whenCreated"), Is.EqualTo(before.Value("whenCreated")));
        Assert.That(Find($"(whenChanged>={after.Value("whenChanged")})", "cn").Select(e => e.Value("cn")), Has.Member("RAW-01"));
    }

    [Test]
    public void The_objectCategory_shorthand_and_its_DN_find_the_servers_and_not_the_arrays()
    {
        Assert.That(Lab.Tools.Add(DirectoryAccounts.Provisioning, ArrayLdif("CASArray-A", "outlook.lab.local", "Site-A")).ExitCode, Is.Zero);

        var byName = Find("(objectCategory=msExchExchangeServer)", "cn").Select(e => e.Value("cn"));
        var byDn = Find($"(objectCategory=CN=ms-Exch-Exchange-Server,{SchemaDn})", "cn").Select(e => e.Value("cn"));
        var arrays = Find("(objectCategory=msExchClientAccessArray)", "cn").Select(e => e.Value("cn"));

        Assert.That(byName, Is.EquivalentTo(ServerNames));
        Assert.That(byDn, Is.EquivalentTo(ServerNames));
        Assert.That(arrays, Is.EqualTo(new[] { "CASArray-A" }), "an array's category is its own class, as in AD");
        Assert.That(Find("(objectClass=msExchExchangeServer)", "cn").Select(e => e.Value("cn")), Has.Member("CASArray-A"), "while its class descends from the server's");
        Assert.That(Find("(objectCategory=noSuchClass)", "cn"), Is.Empty);
        Assert.That(Find("(&(objectCategory=msExchExchangeServer)(!(cn=E2K7*)))", "cn"), Has.Count.EqualTo(3), "inside a larger filter too");
    }

    [TestCase("(msExchVersion>=44220983382016)", 1)]
    [TestCase("(msExchRpcHttpFlags>=0)", 1)]
    [TestCase("(msExchCurrentServerRoles<=38)", 3)]
    [TestCase("(whenChanged>=20000101000000.0Z)", 100)]
    [TestCase("(whenCreated<=20000101000000.0Z)", 0)]
    [TestCase("(showInAdvancedViewOnly=TRUE)", 100)]
    public void Ordering_and_computed_attribute_filters_match(string filter, int atLeast)
    {
        var found = Find(filter, "1.1");

        if (atLeast == 0)
            Assert.That(found, Is.Empty);
        else
            Assert.That(found, Has.Count.GreaterThanOrEqualTo(atLeast));
    }

    [Test]
    public void Ranged_retrieval_is_a_known_limit_the_attribute_is_left_out_and_asked_plainly_every_value_comes()
    {
        // docs/directory.md, "Where it is not AD-shaped": slapd turns an attribute name it cannot parse ("member;range=0-*") into
        // "1.1" before any plugin sees the request, so neither an answer nor a refusal can be given for it.
        var server = ServerDn("E2K10-MLT-01");

        var ranged = Lab.Tools.Entries(DirectoryAccounts.Reader, server, "(objectClass=*)", "base", "cn", "networkAddress;range=0-*").Single();
        var plain = Lab.Tools.Entries(DirectoryAccounts.Reader, server, "(objectClass=*)", "base", "cn", "networkAddress").Single();

        Assert.That(ranged.Values("networkAddress"), Is.Empty);
        Assert.That(ranged.Value("cn"), Is.EqualTo("E2K10-MLT-01"), "the rest of the request is answered");
        Assert.That(plain.Values("networkAddress"), Has.Count.GreaterThanOrEqualTo(2));
    }

    // instanceType is 5 on the naming contexts' heads (the domain, the configuration), 4 on every other entry.
    [TestCase("(instanceType=5)", true, false)]
    [TestCase("(instanceType:1.2.840.113556.1.4.803:=1)", true, false)]  // AD's way to find the heads: bit 1 set
    [TestCase("(instanceType:1.2.840.113556.1.4.804:=4)", true, true)]
    [TestCase("(instanceType>=5)", true, false)]
    [TestCase("(instanceType=4)", false, true)]
    [TestCase("(!(instanceType:1.2.840.113556.1.4.803:=1))", false, true)]
    [TestCase("(instanceType<=4)", false, true)]
    [TestCase("(instanceType=*)", true, true)]
    [TestCase("(instanceType=3)", false, false)]
    [TestCase("(instanceType=four)", false, false)]
    [TestCase("(instanceType=+5)", false, false)]   // not an Integer as RFC 4517 writes one
    [TestCase("(instanceType=05)", false, false)]
    [TestCase("(instanceType:1.2.840.113556.1.4.803:=4294967297)", false, false)] // beyond AD's 32 bits
    public void Filters_on_instanceType_find_the_naming_context_heads_or_the_others(string filter, bool heads, bool others)
    {
        var all = Lab.Tools.EntriesEverywhere(DirectoryAccounts.Reader, "(objectClass=*)", "1.1").Select(e => NormalizeDn(e.Dn)).ToList();
        var headDns = new[] { Partition.DomainDn, Partition.ConfigurationDn }.Select(NormalizeDn).ToList();

        var found = Lab.Tools.EntriesEverywhere(DirectoryAccounts.Reader, filter, "1.1").Select(e => NormalizeDn(e.Dn)).ToList();

        var expected = all.Where(dn => headDns.Contains(dn) ? heads : others).ToList();
        Assert.That(found, Is.EquivalentTo(expected));
    }

    [TestCase(@"(objectGUID=\01\02)")]                       // not 16 bytes
    [TestCase(@"(objectGUID=*)")]
    [TestCase(@"(objectCategory=a\29b\2a)")]                 // escaped ) and * in the value
    [TestCase("(objectCategory=CN=,CN=Schema)")]               // a DN with an empty cn
    [TestCase("(whenChanged>=garbage)")]                      // slapd makes it undefined before the plugin sees it
    [TestCase("(|(whenCreated<=20000101000000.0Z)(!(showInAdvancedViewOnly=FALSE))(distinguishedName=garbage))")]
    [TestCase("(objectCategory~=msExchExchangeServer)")]
    [TestCase("(name=E2K10*)")]
    [TestCase("(uSNChanged>=99999999999999999999)")]          // beyond a 64-bit integer
    [TestCase("(uSNChanged<=-1)")]
    [TestCase("(|(uSNCreated=12)(uSNCreated>=-5)(uSNChanged;x>=1))")]
    [TestCase("(systemFlags=abc)")]
    [TestCase("(!(systemFlags=*))")]
    public void An_odd_filter_on_a_computed_attribute_is_answered_and_slapd_keeps_running(string filter)
    {
        var result = Lab.Tools.Search(DirectoryAccounts.Reader, Partition.ConfigurationDn, filter, "sub", "1.1");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Find("(objectCategory=msExchExchangeServer)", "cn"), Has.Count.EqualTo(ServerNames.Length), "slapd still answers");
    }

    [Test]
    public void Garbage_in_the_schema_partition_written_by_the_admin_leaves_slapd_answering()
    {
        // Second entries for site and subnet that make each a subclass of the other (a cycle), a class slapd does not
        // know and a name that is filter text, both claiming to descend from the server's; the plugin reads the
        // partition when slapd starts serving.
        string Class(string cn, string name, string parent) => $"""
            dn: CN={cn},{SchemaDn}
            objectClass: top
            objectClass: classSchema
            cn: {cn}
            lDAPDisplayName: {name}
            governsID: 1.2.3.{cn.Length}
            objectClassCategory: 1
            subClassOf: {parent}
            """;
        var added = Lab.Tools.Add(DirectoryAccounts.Admin, string.Join("\n\n",
            Class("Loop-A", "site", "subnet"), Class("Loop-B", "subnet", "site"), Class("Ghost-Class", "msExchNoSuchThing", "msExchExchangeServer"),
            Class("Filter-Text", "x)(cn=*", "msExchExchangeServer")));
        Assert.That(added.ExitCode, Is.Zero, added.ToString());
        LocalDirectory.Down(Lab.DataDirectory);
        LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = Lab.DataDirectory });

        Assert.That(Find("(objectCategory=site)", "cn").Select(e => e.Value("cn")), Is.SupersetOf(new[] { "Site-A", "Site-B" }));
        Assert.That(Find("(objectCategory=msExchExchangeServer)", "cn").Select(e => e.Value("cn")), Is.EquivalentTo(ServerNames));
        Assert.That(Lab.Tools.Entries(DirectoryAccounts.Reader, ServerDn("E2K10-MLT-01"), "(objectClass=*)", "base", "objectCategory").Single().Value("objectCategory"),
            Is.EqualTo($"CN=ms-Exch-Exchange-Server,{SchemaDn}"));
    }

    [Test]
    public void A_computed_attribute_cannot_be_written()
    {
        var result = Lab.Tools.Modify(DirectoryAccounts.Provisioning, $"""
            dn: {ServerDn("E2K10-MLT-01")}
            changetype: modify
            replace: whenChanged
            whenChanged: 20000101000000.0Z
            """);

        Assert.That(result.ExitCode, Is.EqualTo(53), result.ToString()); // casdir-guard: never stored, by any class
        Assert.That(result.Error, Does.Contain("whenChanged is computed by the directory"), result.ToString());
    }

    [Test]
    public void The_root_DSE_publishes_a_domain_controllers_facts_and_hides_the_access_log_from_the_reader()
    {
        var asReader = Lab.Tools.Entries(DirectoryAccounts.Reader, "", "(objectClass=*)", "base", "*", "+").Single();
        var asUpdater = Lab.Tools.Entries(DirectoryAccounts.Updater, "", "(objectClass=*)", "base", "namingContexts").Single();

        Assert.That(asReader.Value("schemaNamingContext"), Is.EqualTo(SchemaDn));
        Assert.That(asReader.Value("configurationNamingContext"), Is.EqualTo(Partition.ConfigurationDn));
        Assert.That(asReader.Value("dnsHostName"), Is.EqualTo("casdir-dc.lab.local"));
        Assert.That(asReader.Values("supportedCapabilities"), Does.Contain("1.2.840.113556.1.4.800").And.Contain("1.2.840.113556.1.4.2080"));
        foreach (var level in new[] { "domainFunctionality", "forestFunctionality", "domainControllerFunctionality" })
            Assert.That(asReader.Value(level), Is.EqualTo("4"), level);
        Assert.That(asReader.Value("isGlobalCatalogReady"), Is.EqualTo("FALSE"));
        var now = DateTime.ParseExact(asReader.Value("currentTime")!, "yyyyMMddHHmmss'.0Z'", null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        Assert.That(now, Is.EqualTo(DateTime.UtcNow).Within(TimeSpan.FromMinutes(10)), "currentTime is the server's clock when read");
        Assert.That(asReader.Values("supportedLDAPPolicies"), Does.Contain("MaxPageSize"));
        Assert.That(asReader.Values("namingContexts").Select(NormalizeDn), Is.EquivalentTo(new[] { Partition.DomainDn, Partition.ConfigurationDn, SchemaDn }.Select(NormalizeDn)));
        Assert.That(asUpdater.Values("namingContexts"), Has.Member("cn=accesslog"), "the updater reads the access log");
        foreach (var fact in new[] { "serverName", "dsServiceName" })
            Assert.That(Lab.Tools.Search(DirectoryAccounts.Reader, asReader.Value(fact)!, "(objectClass=*)", "base", "1.1").ExitCode, Is.Zero, $"{fact} names an entry");
    }

    [Test]
    public void The_schema_partition_lists_every_class_and_attribute_of_the_schema_for_the_reader()
    {
        var schema = File.ReadAllText(DirectoryAssets.Default.SchemaFile);
        var classes = Regex.Matches(schema, @"^objectclass \(", RegexOptions.Multiline).Count;
        var attributes = Regex.Matches(schema, @"^attributetype \(", RegexOptions.Multiline).Count - Regex.Matches(schema, @"^attributetype \( CasDirRootDse:", RegexOptions.Multiline).Count;

        var classEntries = Lab.Tools.Entries(DirectoryAccounts.Reader, SchemaDn, "(objectClass=classSchema)", "one", "*");
        var attributeEntries = Lab.Tools.Entries(DirectoryAccounts.Reader, SchemaDn, "(objectClass=attributeSchema)", "one", "1.1");

        Assert.That(classEntries, Has.Count.EqualTo(classes));
        Assert.That(attributeEntries, Has.Count.EqualTo(attributes));
        var server = classEntries.Single(e => e.Value("lDAPDisplayName") == "msExchExchangeServer");
        Assert.That(server.Value("cn"), Is.EqualTo("ms-Exch-Exchange-Server"));
        Assert.That(server.Value("subClassOf"), Is.EqualTo("server"));
        Assert.That(server.Value("defaultObjectCategory"), Is.EqualTo($"CN=ms-Exch-Exchange-Server,{SchemaDn}"));
        Assert.That(server.Value("governsID"), Does.StartWith("1.2.840.113556.1.5.7000.62."));
        Assert.That(server.Values("mayContain"), Has.Member("msExchServerSite"));
        Assert.That(classEntries.Single(e => e.Value("lDAPDisplayName") == "msExchMDBAvailabilityGroup").Value("cn"), Is.EqualTo("ms-Exch-MDB-Availability-Group"));
    }

    [Test]
    public void The_provisioning_account_cannot_change_the_schema_partition()
    {
        var result = Lab.Tools.Modify(DirectoryAccounts.Provisioning, ReplaceLdif($"CN=ms-Exch-Exchange-Server,{SchemaDn}", "adminDescription", "changed"));

        Assert.That(result.ExitCode, Is.EqualTo(LdapToolResult.InsufficientAccess), result.ToString());
    }

    [Test]
    public void A_value_the_rootdn_stored_never_shows_beside_the_computed_one_in_a_read_of_every_attribute()
    {
        var dn = $"CN=Stored,CN=Users,{Partition.DomainDn}";
        var stored = new Dictionary<string, string>
        {
            ["whenCreated"] = "19990101000000.0Z", ["whenChanged"] = "19990101000000.0Z", ["distinguishedName"] = "CN=Elsewhere",
            ["name"] = "Elsewhere", ["showInAdvancedViewOnly"] = "FALSE", ["instanceType"] = "9", ["uSNChanged"] = "5", ["uSNCreated"] = "7",
        };
        var added = Lab.Tools.Add(DirectoryAccounts.Admin, $"dn: {dn}\nobjectClass: top\nobjectClass: container\nobjectClass: extensibleObject\ncn: Stored\n"
            + "objectGUID:: AAAAAAAAAAAAAAAAAAAAAA==\n" + string.Concat(stored.Select(s => $"{s.Key}: {s.Value}\n")));
        Assert.That(added.ExitCode, Is.Zero, added.ToString());

        var entry = Lab.Tools.Entries(DirectoryAccounts.Reader, dn, "(objectClass=*)", "base").Single(); // no list: every user attribute

        foreach (var attribute in Computed.Concat(["uSNChanged", "uSNCreated"]))
            Assert.That(entry.Values(attribute), Has.Count.EqualTo(1), $"{attribute}: the computed value alone");
        foreach (var (attribute, value) in stored)
            Assert.That(entry.Value(attribute), Is.Not.EqualTo(value), attribute);
        Assert.That(ObjectGuid(dn), Is.Not.EqualTo(new byte[16]));
    }

    [Test]
    public void The_access_log_the_schema_subentry_and_the_root_DSE_get_no_AD_attributes()
    {
        Assert.That(Lab.Tools.Add(DirectoryAccounts.Provisioning, SiteLdif("Logged")).ExitCode, Is.Zero); // a record in the access log

        var log = Lab.Tools.Entries(DirectoryAccounts.Updater, "cn=accesslog", "(objectClass=*)", "sub", "*");
        var subschema = Lab.Tools.Entries(DirectoryAccounts.Reader, "cn=Subschema", "(objectClass=*)", "base", "*", "objectGUID");
        var rootDse = Lab.Tools.Entries(DirectoryAccounts.Reader, "", "(objectClass=*)", "base", "*", "objectGUID", "uSNChanged");

        Assert.That(log, Has.Count.GreaterThan(1));
        foreach (var entry in log.Concat(subschema).Concat(rootDse))
            foreach (var attribute in Computed.Concat(["uSNChanged", "uSNCreated", "systemFlags"]))
                Assert.That(entry.Values(attribute), Is.Empty, $"{attribute} of '{entry.Dn}'");
    }

    [Test]
    public void An_entry_whose_DN_is_longer_than_1024_bytes_gets_each_attribute_once()
    {
        var dn = $"CN=Users,{Partition.DomainDn}";
        for (var level = 0; dn.Length <= 1100; level++)
        {
            var name = $"Deep{level:D2}" + new string('z', 60);
            dn = $"CN={name},{dn}";
            Assert.That(Lab.Tools.Add(DirectoryAccounts.Admin, $"dn: {dn}\nobjectClass: top\nobjectClass: container\ncn: {name}\n").ExitCode, Is.Zero, dn);
        }

        var every = Lab.Tools.Entries(DirectoryAccounts.Reader, dn, "(objectClass=*)", "base").Single();
        var named = Lab.Tools.Entries(DirectoryAccounts.Reader, dn, "(objectClass=*)", "base", "objectGUID", "uSNChanged", "canonicalName").Single();

        foreach (var attribute in Computed.Concat(["uSNChanged", "uSNCreated"]))
            Assert.That(every.Values(attribute), Has.Count.EqualTo(1), attribute);
        foreach (var attribute in new[] { "objectGUID", "uSNChanged", "canonicalName" })
            Assert.That(named.Values(attribute), Has.Count.EqualTo(1), attribute);
    }

    [Test]
    public void A_write_asking_for_both_read_controls_gets_the_computed_attributes_before_and_after()
    {
        var subnets = $"CN=Subnets,CN=Sites,{Partition.ConfigurationDn}";
        var before = Lab.Tools.Entries(DirectoryAccounts.Reader, subnets, "(objectClass=*)", "base", "uSNChanged").Single().Value("uSNChanged");

        var written = Lab.Tools.Modify(DirectoryAccounts.Provisioning, $"dn: {subnets}\nchangetype: modify\nreplace: description\ndescription: read twice\n",
            "-e", "preread=uSNChanged,whenChanged", "-e", "postread=uSNChanged,whenChanged");

        Assert.That(written.ExitCode, Is.Zero, written.ToString());
        var values = Regex.Matches(written.Output, @"^uSNChanged: (\d+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.That(values, Has.Count.EqualTo(2), written.Output);
        Assert.That(values[0], Is.EqualTo(before), "the pre-read: the entry as it was");
        Assert.That(long.Parse(values[1]), Is.GreaterThan(long.Parse(values[0])), "the post-read: the entry as written");
        Assert.That(Regex.Matches(written.Output, "^whenChanged: ", RegexOptions.Multiline), Has.Count.EqualTo(2), written.Output);
    }
}
