using System.DirectoryServices.Protocols;
using CasDirectory.Core.Security;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>
/// nTSecurityDescriptor and objectSid as a domain controller gives them (docs/rules.md, "Security descriptors" and
/// "Security identifiers"): the SD flags control as S.DS.P sends it, the SACL withheld from all but the rootdn, the
/// descriptor's ACEs naming the accounts by their SIDs and attributes by the schema partition's schemaIDGUIDs.
/// </summary>
[TestFixture]
public sealed class SecurityDescriptorTests : SharedLabTest
{
    internal const string SdFlagsOid = "1.2.840.113556.1.4.801";

    /// <summary>ldapsearch's -E for the SD flags control: { INTEGER flags }, critical as S.DS.P sends it.</summary>
    internal static string SdFlags(int flags) => $"!{SdFlagsOid}=::{Convert.ToBase64String([0x30, 0x03, 0x02, 0x01, (byte)flags])}";

    internal static SecurityIdentifier Sid(LdifEntry entry) => SecurityIdentifier.FromBinary(entry.Binary("objectSid")!);

    private SecurityIdentifier DomainSid =>
        Sid(Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.DomainDn, "(objectClass=*)", "base", "objectSid").Single());

    private SecurityIdentifier AccountSid(string account) =>
        Sid(Lab.Tools.Entries(DirectoryAccounts.Reader, Lab.Account(account).Dn, "(objectClass=*)", "base", "objectSid").Single());

    private static SecurityDescriptor? Descriptor(SearchResultEntry entry) =>
        entry.Attributes["nTSecurityDescriptor"] is { } values ? SecurityDescriptor.Parse((byte[])values[0]) : null;

    private SearchResultEntry Read(string account, string dn, DirectoryControl? control, params string[] attributes) =>
        Lab.ReadEntry(account, dn, control, attributes);

    /// <summary>A compare as the reader through S.DS.P, its result code (S.DS.P throws on any but true and false).</summary>
    private ResultCode Compare(string dn, string attribute, byte[] value, DirectoryControl? control)
    {
        using var connection = Lab.Connect(DirectoryAccounts.Reader);
        var request = new CompareRequest(dn, attribute, value);
        if (control is not null)
            request.Controls.Add(control);
        try
        {
            return ((CompareResponse)connection.SendRequest(request)).ResultCode;
        }
        catch (DirectoryOperationException e)
        {
            return e.Response.ResultCode;
        }
    }

    private static readonly Guid ServerSiteGuid = new("198b54bc-9282-5797-8f6e-25874dc7078c");

    [Test]
    public void The_domain_has_a_SID_and_each_account_s_is_the_domain_s_and_its_RID()
    {
        var domain = DomainSid;
        Assert.That(domain.IsDomain, $"{domain} is S-1-5-21-x-y-z");
        foreach (var account in new[] { DirectoryAccounts.Provisioning, DirectoryAccounts.Updater, DirectoryAccounts.Reader })
        {
            Assert.That(AccountSid(account), Is.EqualTo(domain.Account(DirectoryAccounts.Rid(account))), account);
            var entry = Lab.Tools.Entries(DirectoryAccounts.Reader, Lab.Account(account).Dn, "(objectClass=*)", "base", "sAMAccountName", "objectClass").Single();
            Assert.That(entry.Value("sAMAccountName"), Is.EqualTo("casdir-" + account));
            Assert.That(entry.Values("objectClass"), Does.Contain("securityPrincipal"));
        }
    }

    [Test]
    public void A_filter_takes_a_SID_in_AD_s_string_form()
    {
        var reader = AccountSid(DirectoryAccounts.Reader);
        var found = Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.DomainDn, $"(objectSid={reader})", "sub", "cn");
        Assert.That(found.Select(e => e.Value("cn")), Is.EqualTo(new[] { "casdir-reader" }));
        var escaped = string.Concat(reader.ToBinary().Select(b => $"\\{b:x2}"));
        Assert.That(Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.DomainDn, $"(objectSid={escaped})", "sub", "cn").Select(e => e.Value("cn")),
                    Is.EqualTo(new[] { "casdir-reader" }), "and in binary, as stored");
        Assert.That(Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.DomainDn, $"(objectSid={DomainSid.Account(4242)})", "sub", "cn"), Is.Empty);
        Assert.That(Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.DomainDn, $"(objectSid;binary={reader})", "sub", "cn").Select(e => e.Value("cn")),
                    Is.EqualTo(new[] { "casdir-reader" }), "with an option, as AD ignores it");
    }

    [TestCase(ExtendedDNFlag.HexString)]
    [TestCase(ExtendedDNFlag.StandardString)]
    public void The_extended_DN_control_gives_a_security_principal_s_SID_after_its_GUID(ExtendedDNFlag flag)
    {
        var reader = AccountSid(DirectoryAccounts.Reader);
        var entry = Read(DirectoryAccounts.Reader, Lab.Account(DirectoryAccounts.Reader).Dn, new ExtendedDNControl(flag), "objectGUID");
        var guid = new Guid((byte[])entry.Attributes["objectGUID"][0]);
        var sid = flag == ExtendedDNFlag.HexString ? Convert.ToHexString(reader.ToBinary()).ToLowerInvariant() : reader.ToString();
        var guidText = flag == ExtendedDNFlag.HexString ? Convert.ToHexString(guid.ToByteArray()).ToLowerInvariant() : guid.ToString();
        Assert.That(entry.DistinguishedName, Is.EqualTo($"<GUID={guidText}>;<SID={sid}>;cn=casdir-reader,cn=Users,dc=lab,dc=local"));
    }

    [Test]
    public void With_S_DS_P_s_SD_flags_control_an_account_reads_what_each_account_may_do_on_a_server()
    {
        var control = new SecurityDescriptorFlagControl(SecurityMasks.Owner | SecurityMasks.Group | SecurityMasks.Dacl);
        Assert.That(control.IsCritical, "S.DS.P marks it critical by default");

        var descriptor = Descriptor(Read(DirectoryAccounts.Reader, ServerDn("E2K10-MLT-01"), control, "nTSecurityDescriptor"));

        var domain = DomainSid;
        Assert.That(descriptor, Is.Not.Null);
        Assert.That(descriptor!.ToSddl(domain), Is.EqualTo(
            "O:EAG:EAD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;SY)(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;EA)"
            + $"(A;;CCDCLCRPWPLOSDRC;;;{domain.Account(1101)})(OA;;WP;{ServerSiteGuid};;{domain.Account(1102)})(A;;LCRPLORC;;;AU)"));
        Assert.That(descriptor.Sacl, Is.Null, "no SACL asked for");
    }

    [Test]
    public void The_object_ACEs_name_attributes_the_schema_partition_resolves()
    {
        foreach (var (guid, name) in new[] { (ServerSiteGuid, "msExchServerSite"), (new Guid("28630ebc-41d5-11d1-a9c1-0000f80367c1"), "legacyExchangeDN") })
        {
            var escaped = string.Concat(guid.ToByteArray().Select(b => $"\\{b:x2}")); // AD's byte order, as the ACE holds it
            var found = Lab.Tools.Entries(DirectoryAccounts.Reader, $"CN=Schema,{Partition.ConfigurationDn}", $"(schemaIDGUID={escaped})", "one", "lDAPDisplayName");
            Assert.That(found.Select(e => e.Value("lDAPDisplayName")), Is.EqualTo(new[] { name }), guid.ToString());
        }
        var all = Lab.Tools.Entries(DirectoryAccounts.Reader, $"CN=Schema,{Partition.ConfigurationDn}", "(|(objectClass=attributeSchema)(objectClass=classSchema))", "one", "schemaIDGUID");
        Assert.That(all.Where(e => e.Binary("schemaIDGUID") is not { Length: 16 }).Select(e => e.Dn), Is.Empty, "every class and attribute has one");
        Assert.That(all.Select(e => Convert.ToHexString(e.Binary("schemaIDGUID")!)).Distinct().Count(), Is.EqualTo(all.Count), "and no two share it");
    }

    [Test]
    public void Without_the_control_a_named_descriptor_is_withheld_from_an_account_as_AD_withholds_its_SACL()
    {
        var server = ServerDn("E2K10-MLT-01");
        Assert.That(Descriptor(Read(DirectoryAccounts.Reader, server, null, "nTSecurityDescriptor")), Is.Null, "all four parts asked for: the SACL needs a privilege");
        Assert.That(Descriptor(Read(DirectoryAccounts.Reader, server, new SecurityDescriptorFlagControl(SecurityMasks.Sacl), "nTSecurityDescriptor")), Is.Null);

        var admin = Descriptor(Read(DirectoryAccounts.Admin, server, null, "nTSecurityDescriptor"));
        Assert.That(admin, Is.Not.Null, "the rootdn (Enterprise Admins here) gets every part");
        Assert.That(admin!.Sacl!.Select(a => a.ToSddl(DomainSid)), Is.EqualTo(new[] { "(AU;SA;CCDCWPSD;;;WD)" }), "the access log's audit of every write");
        Assert.That(admin.Owner, Is.EqualTo(DomainSid.Account(SecurityIdentifier.EnterpriseAdminsRid)));
    }

    [Test]
    public void The_descriptor_holds_only_the_parts_the_flags_ask_for()
    {
        var server = ServerDn("E2K10-MLT-01");
        var dacl = Descriptor(Read(DirectoryAccounts.Reader, server, new SecurityDescriptorFlagControl(SecurityMasks.Dacl), "nTSecurityDescriptor"))!;
        Assert.That((dacl.Owner, dacl.Group, dacl.Sacl), Is.EqualTo((null as SecurityIdentifier, null as SecurityIdentifier, null as IReadOnlyList<AccessControlEntry>)));
        Assert.That(dacl.Dacl, Is.Not.Empty);

        var owner = Descriptor(Read(DirectoryAccounts.Reader, server, new SecurityDescriptorFlagControl(SecurityMasks.Owner), "nTSecurityDescriptor"))!;
        Assert.That(owner.Owner, Is.EqualTo(DomainSid.Account(SecurityIdentifier.EnterpriseAdminsRid)));
        Assert.That((owner.Group, owner.Dacl), Is.EqualTo((null as SecurityIdentifier, null as IReadOnlyList<AccessControlEntry>)));

        var domainHead = Descriptor(Read(DirectoryAccounts.Reader, Partition.DomainDn, new SecurityDescriptorFlagControl(SecurityMasks.Owner | SecurityMasks.Group), "nTSecurityDescriptor"))!;
        Assert.That(domainHead.ToSddl(DomainSid), Is.EqualTo("O:DAG:DA"), "the domain's objects are Domain Admins'");
    }

    [Test]
    public void With_the_control_star_brings_the_descriptor_and_without_it_only_its_name_does()
    {
        var site = SiteDn("Site-A");
        var withControl = Lab.Tools.Entries(DirectoryAccounts.Reader, site, "(objectClass=*)", "base", ["-E", SdFlags(7), "*"]);
        Assert.That(withControl.Single().Binary("nTSecurityDescriptor"), Is.Not.Null);
        var noList = Lab.Tools.Entries(DirectoryAccounts.Reader, site, "(objectClass=*)", "base", ["-E", SdFlags(7)]);
        Assert.That(noList.Single().Binary("nTSecurityDescriptor"), Is.Not.Null, "an empty attribute list is '*'");
        var plain = Lab.Tools.Entries(DirectoryAccounts.Admin, site, "(objectClass=*)", "base", "*");
        Assert.That(plain.Single().Binary("nTSecurityDescriptor"), Is.Null, "without the control '*' does not bring it, even to the rootdn");
    }

    [TestCase("MAMCAQ==")]     // cut short
    [TestCase("AgEH")]         // an INTEGER outside a sequence
    [TestCase("MAQEAgEH")]     // an OCTET STRING, not an INTEGER
    [TestCase("MAcCBQH////3")] // five bytes that are not an unsigned 32-bit value
    [TestCase("MAMCAQcA")]     // a byte after the sequence
    public void A_malformed_SD_flags_value_is_a_protocol_error(string base64)
    {
        var control = $"!{SdFlagsOid}=::{base64}";
        var result = Lab.Tools.Search(DirectoryAccounts.Reader, SiteDn("Site-A"), "(objectClass=*)", "base", ["-E", control, "nTSecurityDescriptor"]);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("SD flags control"));
        Assert.That(Compare(SiteDn("Site-A"), "cn", "Site-A"u8.ToArray(), new DirectoryControl(SdFlagsOid, Convert.FromBase64String(base64), true, true)),
                    Is.EqualTo(ResultCode.ProtocolError), "a compare too");
    }

    [Test]
    public void The_flags_may_come_signed_or_as_an_unsigned_32_bit_integer()
    {
        // 0xFFFFFFF7 with a leading zero (unsigned) and -9 (signed): the same low bits, owner, group and DACL
        foreach (var value in new[] { "MAcCBQD////3", "MAMCAfc=" })
        {
            var entry = Lab.Tools.Entries(DirectoryAccounts.Reader, SiteDn("Site-A"), "(objectClass=*)", "base", ["-E", $"!{SdFlagsOid}=::{value}", "nTSecurityDescriptor"]).Single();
            Assert.That(entry.Binary("nTSecurityDescriptor"), Is.Not.Null, value);
        }
    }

    [Test]
    public void Every_entry_matches_a_presence_filter_on_the_descriptor_and_no_value_filter()
    {
        var all = Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.ConfigurationDn, "(objectClass=*)", "sub", "1.1").Count;
        Assert.That(Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.ConfigurationDn, "(nTSecurityDescriptor=*)", "sub", "1.1"), Has.Count.EqualTo(all));
        Assert.That(Lab.Tools.Entries(DirectoryAccounts.Reader, Partition.ConfigurationDn, "(nTSecurityDescriptor=\\01\\00)", "sub", "1.1"), Is.Empty);
    }

    [Test]
    public void No_account_writes_a_SID_or_a_descriptor()
    {
        var site = SiteDn("Site-A");
        var sid = Convert.ToBase64String(DomainSid.Account(500).ToBinary());
        var forged = Lab.Tools.Modify(DirectoryAccounts.Provisioning, $"""
            dn: {site}
            changetype: modify
            add: objectClass
            objectClass: securityPrincipal
            -
            add: objectSid
            objectSid:: {sid}
            -
            add: sAMAccountName
            sAMAccountName: Administrator

            """);
        Assert.That(forged.ExitCode, Is.AnyOf(53, 65), forged.ToString());
        var bare = Lab.Tools.Modify(DirectoryAccounts.Provisioning, $"dn: {site}\nchangetype: modify\nadd: objectSid\nobjectSid:: {sid}\n\n");
        Assert.That(bare.ExitCode, Is.EqualTo(53), bare.ToString());
        Assert.That(bare.Error, Does.Contain("objectSid is given by the directory"));

        var descriptor = Lab.Tools.Modify(DirectoryAccounts.Provisioning, $"dn: {site}\nchangetype: modify\nreplace: nTSecurityDescriptor\nnTSecurityDescriptor:: AQAEgA==\n\n");
        Assert.That(descriptor.ExitCode, Is.EqualTo(53), descriptor.ToString());

        var added = Lab.Tools.Add(DirectoryAccounts.Provisioning, SiteLdif("Site-Forged").TrimEnd() + $"\nobjectSid:: {sid}\n\n");
        Assert.That(added.ExitCode, Is.EqualTo(53), added.ToString());

        foreach (var account in new[] { DirectoryAccounts.Provisioning, DirectoryAccounts.Updater, DirectoryAccounts.Reader })
        {
            var own = Lab.Tools.Modify(account, $"dn: {Lab.Account(account).Dn}\nchangetype: modify\nreplace: objectSid\nobjectSid:: {sid}\n\n");
            Assert.That(own.ExitCode, Is.AnyOf(50, 53), $"{account}: {own}");
            Assert.That(AccountSid(account), Is.EqualTo(DomainSid.Account(DirectoryAccounts.Rid(account))), account);
        }
        Assert.That(Lab.Tools.Entries(DirectoryAccounts.Reader, site, "(objectClass=*)", "base", "objectSid", "objectClass").Single().Values("objectClass"),
                    Does.Not.Contain("securityPrincipal"), "the site is as it was");
    }

    [Test]
    public void A_compare_with_the_control_is_answered_from_the_descriptor_a_search_returns()
    {
        var site = SiteDn("Site-A");
        var read = Lab.Tools.Entries(DirectoryAccounts.Reader, site, "(objectClass=*)", "base", ["-E", SdFlags(7), "nTSecurityDescriptor"]).Single();
        var value = Convert.ToBase64String(read.Binary("nTSecurityDescriptor")!);

        var flags = new SecurityDescriptorFlagControl(SecurityMasks.Owner | SecurityMasks.Group | SecurityMasks.Dacl);
        Assert.That(Compare(site, "nTSecurityDescriptor", Convert.FromBase64String(value), flags), Is.EqualTo(ResultCode.CompareTrue));
        Assert.That(Compare(site, "nTSecurityDescriptor", [1, 0, 4, 0x80], flags), Is.EqualTo(ResultCode.CompareFalse));
        Assert.That(Compare(site, "nTSecurityDescriptor", Convert.FromBase64String(value), null), Is.EqualTo(ResultCode.NoSuchAttribute),
                    "without the control the SACL is asked for: no descriptor for an account");
    }

    [Test]
    public void Anonymous_reads_no_descriptor()
    {
        var result = Lab.Tools.Search(LdapTools.Anonymous, Partition.DomainDn, "(objectClass=*)", "base", ["-E", SdFlags(7), "nTSecurityDescriptor"]);
        Assert.That(result.Output, Does.Not.Contain("nTSecurityDescriptor"), result.ToString());
    }
}
