using CasDirectory.Core.Servers;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>The sample lab as the reader account browses it, the way ADSI Edit shows a real forest (docs/directory.md, "The tree and the schema"; README, "The sample lab").</summary>
[TestFixture]
public sealed class SampleLabTreeTests : SharedLabTest
{
    private const string Reader = DirectoryAccounts.Reader;

    private IReadOnlyList<LdifEntry> Servers() =>
        Lab.Tools.Entries(Reader, Partition.ConfigurationDn, "(objectClass=msExchExchangeServer)");

    [Test]
    public void Root_DSE_publishes_the_naming_contexts_as_a_domain_controller_does()
    {
        var rootDse = Lab.Tools.Entries(Reader, "", "(objectClass=*)", "base",
            "configurationNamingContext", "defaultNamingContext", "rootDomainNamingContext", "namingContexts").Single();

        Assert.That(rootDse.Value("configurationNamingContext"), Is.EqualTo("CN=Configuration,DC=lab,DC=local"));
        Assert.That(rootDse.Value("defaultNamingContext"), Is.EqualTo("DC=lab,DC=local"));
        Assert.That(rootDse.Value("rootDomainNamingContext"), Is.EqualTo("DC=lab,DC=local"));
        Assert.That(rootDse.Values("namingContexts").Select(NormalizeDn),
            Is.SupersetOf(new[] { "dc=lab,dc=local", "cn=configuration,dc=lab,dc=local" }));
    }

    [Test]
    public void Subtree_search_below_the_configuration_finds_the_four_lab_servers()
    {
        Assert.That(Servers().Select(s => s.Value("cn")), Is.EquivalentTo(ServerNames));
    }

    [Test]
    public void Every_lab_server_is_in_Site_A_with_its_fqdn_and_netbios_network_addresses()
    {
        foreach (var server in Servers())
        {
            var name = server.Value("cn");
            Assert.That(NormalizeDn(server.Value("msExchServerSite")!), Is.EqualTo(NormalizeDn(SiteDn("Site-A"))), name);
            Assert.That(server.Values("networkAddress"), Is.EquivalentTo(new[] { $"ncacn_ip_tcp:{name}.lab.local", $"netbios:{name}" }), name);
            Assert.That(server.Value("ipHostNumber"), Does.StartWith("10.1."), name);
        }
    }

    [TestCase("E2K10-MLT-01", 38, "14.2.247.5")]
    [TestCase("E2K10-MLT-02", 38, "14.2.247.5")]
    [TestCase("E2K7-MLT-02", 38, "8.3.83.6")]
    public void Servers_store_roles_and_versions_as_Active_Directory_does(string name, int roles, string version)
    {
        var server = Servers().Single(s => s.Value("cn") == name);
        var expected = ServerVersion.Parse(version);

        Assert.That(server.Value("msExchCurrentServerRoles"), Is.EqualTo(roles.ToString()));
        Assert.That((ServerRoles)int.Parse(server.Value("msExchCurrentServerRoles")!), Is.EqualTo(ServerRoles.Mailbox | ServerRoles.ClientAccess | ServerRoles.HubTransport),
            "38 is AD's Mailbox (2) + ClientAccess (4) + HubTransport (32)");
        Assert.That(server.Value("serialNumber"), Is.EqualTo(expected.ToSerialNumber()));
        Assert.That(server.Value("versionNumber"), Is.EqualTo(expected.ToVersionNumber().ToString()));
    }

    [Test]
    public void The_Exchange_2010_servers_show_the_shells_build_number_after_removing_the_30000_offset()
    {
        var server = Servers().Single(s => s.Value("cn") == "E2K10-MLT-01");

        Assert.That(server.Value("serialNumber"), Is.EqualTo("Version 14.2 (Build 30247.5)"));
        Assert.That(ServerVersion.TryParseSerialNumber(server.Value("serialNumber"), out var version), Is.True);
        Assert.That(version.ToAdminDisplayVersion(), Is.EqualTo("Version 14.2 (Build 247.5)"));
    }

    [Test]
    public void The_Exchange_2003_server_has_no_roles_and_lives_in_the_first_administrative_group()
    {
        var server = Servers().Single(s => s.Value("cn") == "E2003-BE");

        Assert.That(server.Value("msExchCurrentServerRoles"), Is.EqualTo("0"));
        Assert.That(server.Value("serialNumber"), Is.EqualTo("Version 6.5 (Build 7638.2: Service Pack 2)"));
        Assert.That(NormalizeDn(server.Dn), Does.Contain("cn=first administrative group"));
        Assert.That(server.Value("legacyExchangeDN"), Is.EqualTo("/o=First Organization/ou=First Administrative Group/cn=Configuration/cn=Servers/cn=E2003-BE"));
    }

    [Test]
    public void Active_Directory_bitwise_filters_find_the_Client_Access_servers()
    {
        var cas = Lab.Tools.Entries(Reader, Partition.ConfigurationDn, "(&(objectClass=msExchExchangeServer)(msExchCurrentServerRoles:1.2.840.113556.1.4.803:=4))", "sub", "cn");

        Assert.That(cas.Select(s => s.Value("cn")), Is.EquivalentTo(new[] { "E2K10-MLT-01", "E2K10-MLT-02", "E2K7-MLT-02" }));
    }

    [Test]
    public void Client_Access_servers_publish_an_Autodiscover_SCP_scoped_to_Site_A()
    {
        var scps = Lab.Tools.Entries(Reader, Partition.ConfigurationDn, "(&(objectClass=serviceConnectionPoint)(keywords=77378F46-2C66-4aa9-A6A6-3E7A48B19596))");

        Assert.That(scps.Select(s => s.Value("cn")), Is.EquivalentTo(new[] { "E2K10-MLT-01", "E2K10-MLT-02", "E2K7-MLT-02" }));
        foreach (var scp in scps)
        {
            Assert.That(scp.Values("keywords"), Does.Contain("Site=Site-A"));
            Assert.That(scp.Value("serviceClassName"), Is.EqualTo("ms-Exchange-AutoDiscover-Service"));
            Assert.That(scp.Value("serviceBindingInformation"), Is.EqualTo($"https://{scp.Value("cn")}.lab.local/Autodiscover/Autodiscover.xml"));
        }
    }

    [Test]
    public void Only_the_Exchange_2010_Client_Access_servers_have_an_RPC_Client_Access_object()
    {
        var rpc = Lab.Tools.Entries(Reader, Partition.ConfigurationDn, "(objectClass=msExchProtocolCfgExchangeRPCService)", "sub", "cn");

        Assert.That(rpc.Select(e => NormalizeDn(e.Dn)), Is.EquivalentTo(new[]
        {
            NormalizeDn("CN=RpcClientAccess,CN=Protocols," + ServerDn("E2K10-MLT-01")),
            NormalizeDn("CN=RpcClientAccess,CN=Protocols," + ServerDn("E2K10-MLT-02")),
        }));
    }

    [Test]
    public void Outlook_Anywhere_is_published_as_webmail_on_the_2010_servers()
    {
        var rpcVdirs = Lab.Tools.Entries(Reader, Partition.ConfigurationDn, "(objectClass=msExchRpcHttpVirtualDirectory)");

        Assert.That(rpcVdirs, Has.Count.EqualTo(2));
        Assert.That(rpcVdirs.Select(v => v.Value("msExchExternalHostName")), Is.All.EqualTo("https://webmail.lab.local/rpc"));
        Assert.That(rpcVdirs.Select(v => v.Value("cn")), Is.All.EqualTo("Rpc (Default Web Site)"));
    }

    [Test]
    public void Each_2010_server_hosts_one_mailbox_database_that_points_at_its_own_server()
    {
        var databases = Lab.Tools.Entries(Reader, Partition.DatabasesDn, "(objectClass=msExchPrivateMDB)", "one");

        Assert.That(databases.Select(d => d.Value("cn")), Is.EquivalentTo(new[] { "MDB01", "MDB02" }));
        foreach (var (database, server) in new[] { ("MDB01", "E2K10-MLT-01"), ("MDB02", "E2K10-MLT-02") })
        {
            var entry = databases.Single(d => d.Value("cn") == database);
            Assert.That(NormalizeDn(entry.Value("msExchOwningServer")!), Is.EqualTo(NormalizeDn(ServerDn(server))));
            Assert.That(entry.Value("msExchRestore"), Is.EqualTo("FALSE"));
            // RpcClientAccessServer is the prefix of the database's legacyExchangeDN (docs/directory.md, "The tree and the schema").
            Assert.That(entry.Value("legacyExchangeDN"), Is.EqualTo(Partition.ServerLegacyDn(server) + "/cn=Microsoft Private MDB"));
        }
    }

    [Test]
    public void Site_B_has_its_own_subnet_and_no_servers_yet()
    {
        var subnets = Lab.Tools.Entries(Reader, Partition.SubnetsDn, "(objectClass=subnet)", "one");

        Assert.That(subnets.ToDictionary(s => s.Value("cn")!, s => NormalizeDn(s.Value("siteObject")!)), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["10.1.0.0/16"] = NormalizeDn(SiteDn("Site-A")),
            ["10.2.0.0/16"] = NormalizeDn(SiteDn("Site-B")),
        }));
        Assert.That(Servers().Where(s => NormalizeDn(s.Value("msExchServerSite")!) == NormalizeDn(SiteDn("Site-B"))), Is.Empty);
    }

    [Test]
    public void The_lab_has_no_Client_Access_array_creating_one_is_the_first_step()
    {
        Assert.That(Lab.Tools.Entries(Reader, Partition.ConfigurationDn, "(objectClass=msExchClientAccessArray)"), Is.Empty);
        Assert.That(Lab.Tools.Entries(Reader, Partition.ArraysDn, "(objectClass=container)", "base"), Has.Count.EqualTo(1));
    }

    [Test]
    public void Subschema_lists_the_Exchange_classes_with_matching_rules_on_reference_attributes()
    {
        var subschema = Lab.Tools.Entries(LdapTools.Anonymous, "cn=Subschema", "(objectClass=*)", "base", "objectClasses", "attributeTypes").Single();
        var classes = subschema.Values("objectClasses");

        foreach (var name in new[]
                 {
                     "msExchExchangeServer", "msExchClientAccessArray", "msExchPrivateMDB", "msExchPublicMDB", "msExchMDBCopy",
                     "msExchMDBAvailabilityGroup", "serviceConnectionPoint", "msExchRpcHttpVirtualDirectory", "msExchOWAVirtualDirectory",
                     "msExchProtocolCfgExchangeRPCService", "site", "subnet",
                 })
        {
            Assert.That(classes, Has.Some.Contains($"NAME '{name}'"), name);
        }
        Assert.That(subschema.Values("attributeTypes").Single(a => a.Contains("NAME 'msExchServerSite'")), Does.Contain("EQUALITY distinguishedNameMatch"));
    }

    [Test]
    public void Anonymous_sees_the_root_DSE_and_the_schema_but_no_entry_of_the_tree()
    {
        var rootDse = Lab.Tools.Entries(LdapTools.Anonymous, "", "(objectClass=*)", "base", "configurationNamingContext").Single();
        Assert.That(rootDse.Value("configurationNamingContext"), Is.EqualTo("CN=Configuration,DC=lab,DC=local"));

        foreach (var baseDn in new[] { Partition.DomainDn, Partition.ConfigurationDn, "cn=accesslog" })
        {
            var search = Lab.Tools.Search(LdapTools.Anonymous, baseDn);
            Assert.That(LdifEntry.Parse(search.Output), Is.Empty, baseDn);
        }
    }
}
