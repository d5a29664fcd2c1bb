using System.DirectoryServices.Protocols;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>
/// AD's own LDAP controls as System.DirectoryServices.Protocols sends them, at their default criticality (docs/rules.md,
/// "Active Directory's controls"): the extended DN control, show deleted and lazy commit accepted and
/// answered as a domain controller answers them here, and the root DSE listing them.
/// </summary>
[TestFixture]
public sealed class ActiveDirectoryControlTests : FreshLabTest
{
    private string EntryUuid(string dn) =>
        Lab.Tools.Entries(DirectoryAccounts.Reader, dn, "(objectClass=*)", "base", "entryUUID").Single().Value("entryUUID")!;

    private static string Hex(Guid guid) => Convert.ToHexString(guid.ToByteArray()).ToLowerInvariant(); // AD's byte order

    [TestCase(ExtendedDNFlag.HexString)]
    [TestCase(ExtendedDNFlag.StandardString)]
    public void The_extended_DN_control_gives_each_entry_s_DN_with_its_GUID_as_AD_does(ExtendedDNFlag flag)
    {
        using var connection = Lab.Connect(DirectoryAccounts.Reader);
        var control = new ExtendedDNControl(flag);
        Assert.That(control.IsCritical, "S.DS.P marks it critical by default");
        var request = new SearchRequest(Partition.SitesDn, "(objectClass=site)", SearchScope.OneLevel, "cn", "objectGUID");
        request.Controls.Add(control);

        var response = (SearchResponse)connection.SendRequest(request);

        Assert.That(response.Entries, Has.Count.EqualTo(3));
        foreach (SearchResultEntry entry in response.Entries)
        {
            var cn = (string)entry.Attributes["cn"][0];
            var guid = new Guid((byte[])entry.Attributes["objectGUID"][0]);
            Assert.That(guid.ToString(), Is.EqualTo(EntryUuid(SiteDn(cn))), "objectGUID is entryUUID");
            var expected = flag == ExtendedDNFlag.HexString ? Hex(guid) : guid.ToString();
            Assert.That(entry.DistinguishedName, Is.EqualTo($"<GUID={expected}>;cn={cn},cn=Sites,cn=Configuration,dc=lab,dc=local"));
        }
    }

    [TestCase(ExtendedDNFlag.HexString)]
    [TestCase(ExtendedDNFlag.StandardString)]
    public void The_extended_DN_control_gives_DN_valued_attributes_the_same_form(ExtendedDNFlag flag)
    {
        var server = ServerDn("E2K10-MLT-01");

        var entry = Lab.ReadEntry(DirectoryAccounts.Reader, server, new ExtendedDNControl(flag), "msExchServerSite", "objectCategory", "distinguishedName", "cn");

        var targets = new Dictionary<string, string>
        {
            ["msExchServerSite"] = SiteDn("Site-A"),
            ["objectCategory"] = $"CN=ms-Exch-Exchange-Server,CN=Schema,{Partition.ConfigurationDn}",
            ["distinguishedName"] = server,
        };
        foreach (var (attribute, target) in targets)
        {
            var value = (string)entry.Attributes[attribute][0];
            var guid = new Guid(EntryUuid(target));
            var expected = flag == ExtendedDNFlag.HexString ? Hex(guid) : guid.ToString();
            Assert.That(value, Does.StartWith($"<GUID={expected}>;"), attribute);
            Assert.That(NormalizeDn(value[(value.IndexOf(">;", StringComparison.Ordinal) + 2)..]), Is.EqualTo(NormalizeDn(target)), attribute);
        }
        Assert.That((string)entry.Attributes["cn"][0], Is.EqualTo("E2K10-MLT-01"), "other values as they are");

        var plain = Lab.Tools.Entries(DirectoryAccounts.Reader, server, "(objectClass=*)", "base", "msExchServerSite").Single();
        Assert.That(plain.Value("msExchServerSite"), Does.Not.StartWith("<GUID="), "without the control, plain DNs");
    }

    [TestCase("MAMCAQU=")]      // { INTEGER 5 }
    [TestCase("MAYCAQECAQE=")]  // two integers
    [TestCase("MAMCAQEA")]      // a byte after the sequence
    [TestCase("MIQAAAADAgEB")]  // a long-form length
    [TestCase("AgEB")]          // an INTEGER outside a sequence
    public void Without_the_control_DNs_are_plain_and_a_malformed_value_is_a_protocol_error(string value)
    {
        var plain = Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.SitesDn, "(objectClass=site)", "one", "1.1");
        var malformed = Lab.Tools.Run("ldapsearch", DirectoryAccounts.Reader, ["-LLL", "-E", $"!1.2.840.113556.1.4.529=::{value}", "-b", Partition.SitesDn, "-s", "one", "(objectClass=site)", "1.1"]);

        Assert.That(plain.Select(e => e.Dn), Has.All.StartWith("cn="));
        Assert.That(malformed.ExitCode, Is.EqualTo(2), malformed.ToString());
        Assert.That(malformed.Error, Does.Contain("extended DN control"));
    }

    [Test]
    public void The_root_DSE_lists_the_AD_controls_the_directory_honours()
    {
        var controls = Lab.Tools.Entries(LdapTools.Anonymous, "", "(objectClass=*)", "base", "supportedControl").Single().Values("supportedControl");

        Assert.That(controls, Is.SupersetOf(new[]
        {
            "1.2.840.113556.1.4.319",  // paged results
            "1.2.840.113556.1.4.473",  // server-side sort
            "1.2.840.113556.1.4.529",  // extended DN
            "1.2.840.113556.1.4.417",  // show deleted
            "1.2.840.113556.1.4.619",  // lazy commit
            "1.2.840.113556.1.4.1339", // domain scope
            "1.2.840.113556.1.4.1340", // search options
            "1.2.840.113556.1.4.801",  // SD flags
        }));
        Assert.That(controls, Has.No.Member("1.2.840.113556.1.4.1413"), "permissive modify is only half there in slapd 2.5.13");
    }

    [Test]
    public void Show_deleted_and_lazy_commit_are_accepted_critical_and_change_nothing_else()
    {
        using var connection = Lab.Connect(DirectoryAccounts.Provisioning);
        var search = new SearchRequest(Partition.SitesDn, "(objectClass=site)", SearchScope.OneLevel, "cn");
        search.Controls.Add(new ShowDeletedControl());
        var modify = new ModifyRequest(SiteDn("Site-A"), DirectoryAttributeOperation.Replace, "description", "committed lazily");
        modify.Controls.Add(new LazyCommitControl());

        var found = (SearchResponse)connection.SendRequest(search);
        var modified = (ModifyResponse)connection.SendRequest(modify);

        Assert.That(found.Entries, Has.Count.EqualTo(3), "nothing deleted is kept: the same entries");
        Assert.That(modified.ResultCode, Is.EqualTo(ResultCode.Success));
        Assert.That(Lab.Tools.Entries(DirectoryAccounts.Reader, SiteDn("Site-A"), "(objectClass=*)", "base", "description").Single().Value("description"),
            Is.EqualTo("committed lazily"), "committed when answered");
    }
}
