using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>
/// The raw-LDAP attacks that once got through (docs/rules.md, "What the directory enforces itself"), each tried
/// as the application account that tried it and refused by slapd itself: by casdir-guard, slapo-constraint or
/// slapo-unique. Every test also proves the directory unchanged (no new successful write in cn=accesslog).
/// </summary>
[TestFixture]
public sealed class RawLdapAttackTests : SharedLabTest
{
    private const string Provisioning = DirectoryAccounts.Provisioning;
    private const string Updater = DirectoryAccounts.Updater;
    private const int UnwillingToPerform = 53;

    private static readonly string Array = Partition.ArrayDn("CASArray-A");
    private static readonly string Mdb01 = Partition.DatabaseDn("MDB01");
    private static readonly string Mdb01Copy = "CN=E2K10-MLT-01," + Partition.DatabaseDn("MDB01");

    [OneTimeSetUp]
    public void AddTheSiteAArray()
    {
        var added = Lab.Tools.Add(Provisioning, ArrayLdif("CASArray-A", "outlook.lab.local", "Site-A"));
        Assert.That(added.ExitCode, Is.Zero, added.ToString());
    }

    private void AssertRefused(Func<LdapToolResult> attack, int resultCode, string message)
    {
        var writes = Lab.SuccessfulWrites();

        var result = attack();

        Assert.That(result.ExitCode, Is.EqualTo(resultCode), result.ToString());
        Assert.That(result.Error + result.Output, Does.Contain(message), result.ToString());
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes), "the directory is unchanged");
    }

    private static string Modify(string dn, string change) => $"dn: {dn}\nchangetype: modify\n{change}\n";

    // --- Arrays cannot leave CN=Arrays (where one-array-per-site is checked) -----------------------------------

    [TestCase(false, TestName = "Moving_an_array_out_of_CN_Arrays_keeping_the_old_RDN_is_refused")]
    [TestCase(true, TestName = "Moving_an_array_out_of_CN_Arrays_is_refused")]
    public void Moving_an_array_out(bool deleteOldRdn) =>
        AssertRefused(() => Lab.Tools.Run("ldapmodrdn", Provisioning,
            deleteOldRdn ? ["-r", "-s", Partition.ServersDn, Array, "CN=CASArray-A"] : ["-s", Partition.ServersDn, Array, "CN=CASArray-A"]),
            UnwillingToPerform, "renamed in place only");

    [Test]
    public void Moving_any_entry_to_another_container_is_refused() =>
        AssertRefused(() => Lab.Tools.Run("ldapmodrdn", Provisioning, ["-s", Partition.ServersDn, SiteDn("Site-C"), "CN=Site-C"]),
            UnwillingToPerform, "renamed in place only");

    [Test]
    public void Renaming_CN_Arrays_is_refused() =>
        AssertRefused(() => Lab.Tools.Rename(Provisioning, Partition.ArraysDn, "CN=Arrays2"), UnwillingToPerform, "keep their names");

    [Test]
    public void Renaming_the_administrative_group_is_refused() =>
        AssertRefused(() => Lab.Tools.Rename(Provisioning, Partition.AdministrativeGroupDn, "CN=Other Group"), UnwillingToPerform, "keep their names");

    [Test]
    public void Renaming_CN_Subnets_is_refused() =>
        AssertRefused(() => Lab.Tools.Rename(Provisioning, Partition.SubnetsDn, "CN=Subnets2"), UnwillingToPerform, "keep their names");

    [Test]
    public void An_array_added_outside_CN_Arrays_is_refused() =>
        AssertRefused(() => Lab.Tools.Add(Provisioning, ArrayLdif("CASArray-X", "x.lab.local", "Site-B").Replace(",CN=Arrays,", ",CN=Servers,")),
            64, "does not belong below an entry of class msExchServersContainer"); // namingViolation: casdir-guard's tree

    [Test]
    public void An_array_added_below_another_container_than_CN_Arrays_is_refused_by_its_cn_constraint() =>
        AssertRefused(() => Lab.Tools.Add(Provisioning, ArrayLdif("CASArray-X", "x.lab.local", "Site-B").Replace(",CN=Arrays,", ",CN=Autodiscover,CN=Protocols,CN=E2K10-MLT-01,CN=Servers,")),
            LdapToolResult.ConstraintViolation, "constraint on cn");

    // --- The Relax control (ldapmodify -e relax, -e '!relax', -e manageDIT) is the rootdn's only -----------------

    [TestCase(Provisioning, "relax", TestName = "Relax_turning_an_array_into_a_server_is_refused_for_provisioning")]
    [TestCase(Provisioning, "!relax", TestName = "Critical_relax_turning_an_array_into_a_server_is_refused_for_provisioning")]
    [TestCase(Provisioning, "manageDIT", TestName = "ManageDIT_turning_an_array_into_a_server_is_refused_for_provisioning")]
    [TestCase(Updater, "relax", TestName = "Relax_turning_an_array_into_a_server_is_refused_for_the_updater")]
    public void Relax_cannot_change_an_entry_class(string account, string control) =>
        AssertRefused(() => Lab.Tools.Modify(account,
                Modify(Array, "replace: objectClass\nobjectClass: top\nobjectClass: server\nobjectClass: msExchExchangeServer"), "-e", control),
            UnwillingToPerform, "reserved for the directory administrator");

    [Test]
    public void Relax_making_a_server_a_second_array_of_its_site_is_refused() =>
        AssertRefused(() => Lab.Tools.Modify(Provisioning, Modify(ServerDn("E2K10-MLT-01"), "add: objectClass\nobjectClass: msExchClientAccessArray"), "-e", "relax"),
            UnwillingToPerform, "reserved for the directory administrator");

    [TestCase(Provisioning, "msExchServerSite", "server", TestName = "Relax_pointing_a_server_site_at_a_server_is_refused_for_provisioning")]
    [TestCase(Updater, "msExchServerSite", "server", TestName = "Relax_pointing_a_server_site_at_a_server_is_refused_for_the_updater")]
    [TestCase(Provisioning, "msExchServerSite", "missing", TestName = "Relax_pointing_a_server_site_at_a_missing_site_is_refused")]
    [TestCase(Provisioning, "networkAddress", "garbage", TestName = "Relax_writing_a_malformed_network_address_is_refused")]
    [TestCase(Provisioning, "ipHostNumber", "300.1.1.1", TestName = "Relax_writing_a_malformed_IP_address_is_refused")]
    public void Relax_cannot_write_what_the_rules_forbid(string account, string attribute, string value)
    {
        var written = value switch
        {
            "server" => ServerDn("E2K10-MLT-02"),
            "missing" => SiteDn("Site-Nowhere"),
            _ => value,
        };
        AssertRefused(() => Lab.Tools.Modify(account, ReplaceLdif(ServerDn("E2K10-MLT-01"), attribute, written), "-e", "relax"),
            UnwillingToPerform, "reserved for the directory administrator");
    }

    [Test]
    public void The_rootdn_keeps_the_Relax_control()
    {
        var result = Lab.Tools.Modify(DirectoryAccounts.Admin, ReplaceLdif(ServerDn("E2K10-MLT-01"), "description", "set with relax"), "-e", "relax");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Lab.Tools.Modify(DirectoryAccounts.Admin, Modify(ServerDn("E2K10-MLT-01"), "delete: description"));
    }

    // --- FQDNs are unique over the host, whatever the spelling --------------------------------------------------

    [TestCase("ncacn_ip_tcp:outlook.lab.local.", "constraint on networkAddress", TestName = "An_array_FQDN_with_a_trailing_dot_on_a_server_is_refused")]
    [TestCase("ncacn_http:outlook.lab.local", "constraint on networkAddress", TestName = "An_array_FQDN_under_another_protocol_on_a_server_is_refused")]
    [TestCase("ncacn_ip_tcp:OUTLOOK.Lab.Local", "non-unique", TestName = "An_array_FQDN_in_other_case_on_a_server_is_refused")]
    public void Fqdn_uniqueness_is_over_the_host(string networkAddress, string message) =>
        AssertRefused(() => Lab.Tools.Modify(Provisioning, Modify(ServerDn("E2K10-MLT-02"), $"add: networkAddress\nnetworkAddress: {networkAddress}")),
            LdapToolResult.ConstraintViolation, message);

    // --- References name an object of the right class: a server, not an array ----------------------------------

    [TestCase("msExchOwningServer", TestName = "A_database_owned_by_an_array_is_refused")]
    [TestCase("msExchMasterServerOrAvailabilityGroup", TestName = "A_database_mastered_by_an_array_is_refused")]
    public void Database_references_name_servers_not_arrays(string attribute) =>
        AssertRefused(() => Lab.Tools.Modify(Provisioning, ReplaceLdif(Mdb01, attribute, Array)), LdapToolResult.ConstraintViolation, $"constraint on {attribute}");

    [Test]
    public void A_database_copy_hosted_by_an_array_is_refused() =>
        AssertRefused(() => Lab.Tools.Modify(Provisioning, ReplaceLdif(Mdb01Copy, "msExchHostServerLink", Array)),
            LdapToolResult.ConstraintViolation, "constraint on msExchHostServerLink");

    // --- Value shapes ------------------------------------------------------------------------------------------

    [TestCase(":", TestName = "An_ipHostNumber_of_a_colon_is_refused")]
    [TestCase("...:...", TestName = "An_ipHostNumber_of_dots_and_colons_is_refused")]
    [TestCase("1:2:3:4:5:6:7:8:9:10", TestName = "An_ipHostNumber_with_ten_groups_is_refused")]
    [TestCase("fffff::1", TestName = "An_ipHostNumber_with_a_five_digit_group_is_refused")]
    [TestCase("10.2.0.050", TestName = "An_ipHostNumber_with_a_leading_zero_is_refused")]
    public void Malformed_IP_addresses_are_refused(string address) =>
        AssertRefused(() => Lab.Tools.Modify(Provisioning, ReplaceLdif(ServerDn("E2K10-MLT-01"), "ipHostNumber", address)),
            LdapToolResult.ConstraintViolation, "is not an IPv4 address");

    [Test]
    public void An_IPv6_ipHostNumber_is_accepted()
    {
        var result = Lab.Tools.Modify(Provisioning, ReplaceLdif(ServerDn("E2K7-MLT-02"), "ipHostNumber", "2001:db8::5"));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [TestCase("/o=x", TestName = "A_legacyExchangeDN_of_the_organization_alone_on_a_server_is_refused")]
    [TestCase("/o=x/ou=y", TestName = "A_legacyExchangeDN_without_cn_on_a_server_is_refused")]
    public void Short_legacyExchangeDNs_are_refused(string value) =>
        AssertRefused(() => Lab.Tools.Modify(Provisioning, ReplaceLdif(ServerDn("E2K10-MLT-01"), "legacyExchangeDN", value)),
            LdapToolResult.ConstraintViolation, "constraint on legacyExchangeDN");

    [TestCase("garbage", TestName = "A_subnet_named_garbage_is_refused")]
    [TestCase("10.1.0.0/99", TestName = "A_subnet_with_prefix_length_99_is_refused")]
    [TestCase("10.1.0.0", TestName = "A_subnet_without_prefix_length_is_refused")]
    [TestCase("10.01.0.0/16", TestName = "A_subnet_with_a_leading_zero_is_refused")]
    [TestCase("10.1.0.1/16", TestName = "A_subnet_with_host_bits_is_refused")]
    [TestCase("2001:DB8::/32", TestName = "An_IPv6_subnet_not_in_canonical_form_is_refused")]
    public void Subnet_names_are_canonical_CIDRs(string cidr) =>
        AssertRefused(() => Lab.Tools.Add(Provisioning, SubnetLdif(cidr, "Site-B")), LdapToolResult.ConstraintViolation, "is not a subnet in canonical CIDR form");

    [Test]
    public void A_second_cn_on_a_subnet_is_refused() =>
        AssertRefused(() => Lab.Tools.Modify(Provisioning, Modify(Partition.SubnetDn("10.1.0.0/16"), "add: cn\ncn: garbage")),
            67, "cn is the entry's name"); // notAllowedOnRDN: an entry has one name

    [TestCase("é", 65, TestName = "A_cn_of_65_accented_characters_is_refused")]
    [TestCase("名", 65, TestName = "A_cn_of_65_CJK_characters_is_refused")]
    public void Names_over_64_characters_are_refused(string character, int count) =>
        AssertRefused(() => Lab.Tools.Add(Provisioning, SiteLdif(string.Concat(Enumerable.Repeat(character, count)))),
            LdapToolResult.ConstraintViolation, $"cn is {count} characters long; the maximum is 64");

    // --- Secrets ------------------------------------------------------------------------------------------------

    [Test]
    public void A_password_in_the_configuration_partition_is_refused() =>
        AssertRefused(() => Lab.Tools.Add(Provisioning, $"dn: CN=Secret,{Partition.ConfigurationDn}\nobjectClass: person\ncn: Secret\nsn: x\nuserPassword: hunter2\n"),
            UnwillingToPerform, "passwords belong to the accounts in CN=Users");

    // --- Deleting what others reference (AD refuses it; refint would strip the references) ----------------------

    [Test]
    public void Deleting_a_site_that_a_subnet_and_servers_use_is_refused() =>
        AssertRefused(() => Lab.Tools.Run("ldapdelete", Provisioning, [SiteDn("Site-A")]), UnwillingToPerform, "still referenced by");

    [Test]
    public void Deleting_a_server_that_databases_live_on_is_refused() =>
        AssertRefused(() => Lab.Tools.Run("ldapdelete", Provisioning, [ServerDn("E2K10-MLT-02")]), UnwillingToPerform, "still referenced by");
}

/// <summary>What the rules above must not stop: fresh lab per test, since these write.</summary>
[TestFixture]
public sealed class RawLdapAllowedWriteTests : FreshLabTest
{
    private const string Provisioning = DirectoryAccounts.Provisioning;

    [TestCase("é", 64, TestName = "A_cn_of_64_accented_characters_is_accepted")]
    [TestCase("名", 30, TestName = "A_cn_of_30_CJK_characters_is_accepted")]
    public void Names_are_limited_in_characters_not_bytes(string character, int count)
    {
        var result = Lab.Tools.Add(Provisioning, SiteLdif(string.Concat(Enumerable.Repeat(character, count))));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public void An_array_is_renamed_in_place()
    {
        Lab.Tools.Add(Provisioning, ArrayLdif("CASArray-A", "outlook.lab.local", "Site-A"));

        var result = Lab.Tools.Rename(Provisioning, Partition.ArrayDn("CASArray-A"), "CN=CASArray-A1");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public void A_site_nothing_references_is_deleted()
    {
        Lab.Tools.Add(Provisioning, SiteLdif("Site-Empty"));

        var result = Lab.Tools.Run("ldapdelete", Provisioning, [SiteDn("Site-Empty")]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public void The_updater_never_reads_a_password_change_in_the_access_log()
    {
        var secret = $"CN=Secret,{Partition.ConfigurationDn}";
        Assert.That(Lab.Tools.Add(DirectoryAccounts.Admin, $"dn: {secret}\nobjectClass: person\ncn: Secret\nsn: x\nuserPassword: hunter2\n").ExitCode, Is.Zero);
        Assert.That(Lab.Tools.Modify(DirectoryAccounts.Admin, ReplaceLdif(secret, "UserPassword", "hunter3")).ExitCode, Is.Zero);

        var log = Lab.Tools.Search(DirectoryAccounts.Updater, "cn=accesslog", $"(reqDN={secret})", "one", "reqMod", "reqOld");
        var read = Lab.Tools.Search(DirectoryAccounts.Reader, secret, "(objectClass=*)", "base", "userPassword");

        Assert.That(log.Output, Does.Contain("reqMod: cn:+ Secret"), "the records are there");
        Assert.That(log.Output, Does.Not.Contain("hunter").And.Not.Contain("assword"), log.Output);
        Assert.That(read.Output, Does.Not.Contain("hunter").And.Not.Contain("assword"), read.Output);
    }
}
