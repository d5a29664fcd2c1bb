using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Cli;

/// <summary>Every bad input gets a clear message and the right exit code, and leaves the directory as it was.</summary>
[TestFixture]
public sealed class BadInputTests : SharedLabTest
{
    private void AssertRefused(string[] arguments, int exitCode, string message)
    {
        var writes = Lab.SuccessfulWrites();

        var result = Lab.Casdir(arguments);

        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes), "nothing was written");
    }

    [TestCase("outlook", TestName = "An_fqdn_without_a_domain_is_refused")]
    [TestCase("out look.lab.local", TestName = "An_fqdn_with_a_space_is_refused")]
    [TestCase("-outlook.lab.local", TestName = "An_fqdn_label_starting_with_a_hyphen_is_refused")]
    [TestCase("outlook..lab.local", TestName = "An_fqdn_with_an_empty_label_is_refused")]
    public void Malformed_fqdns(string fqdn) =>
        AssertRefused(["New-ClientAccessArray", "-Fqdn", fqdn, "-Site", "Site-B"], 2, "is not a valid FQDN");

    [TestCase("10.9.0.0", "not a subnet in CIDR form", TestName = "A_subnet_without_a_prefix_length_is_refused")]
    [TestCase("10.9.0.0/33", "not a subnet in CIDR form", TestName = "A_prefix_length_over_32_is_refused")]
    [TestCase("10.9.1.0/16", "has host bits set; the subnet is 10.9.0.0/16", TestName = "A_subnet_with_host_bits_is_refused_with_the_right_one")]
    [TestCase("ten/8", "not a subnet in CIDR form", TestName = "A_subnet_that_is_not_an_address_is_refused")]
    public void Malformed_subnets(string cidr, string message) =>
        AssertRefused(["New-ADReplicationSubnet", "-Name", cidr, "-Site", "Site-B"], 2, message);

    [TestCase("10.1.0", TestName = "A_short_IP_address_is_refused")]
    [TestCase("10.1.0.256", TestName = "An_IP_address_octet_over_255_is_refused")]
    [TestCase("server01", TestName = "A_name_instead_of_an_IP_address_is_refused")]
    public void Malformed_ip_addresses(string address) =>
        AssertRefused(["New-ExchangeServer", "-Name", "X1", "-Roles", "Mailbox", "-Version", "14.2.247.5", "-IPAddress", address], 2, "is not an IP address");

    [TestCase("14.2", TestName = "A_version_without_build_is_refused")]
    [TestCase("v14", TestName = "A_version_that_is_not_numeric_is_refused")]
    public void Malformed_versions(string version) =>
        AssertRefused(["New-ExchangeServer", "-Name", "X1", "-Roles", "Mailbox", "-Version", version, "-IPAddress", "10.1.0.40"], 2, "is not an Exchange version");

    [TestCase("Mailbox,Frontend", "'Frontend' is not a server role", TestName = "An_unknown_role_is_refused")]
    [TestCase("Edge,Mailbox", "Edge role cannot be combined", TestName = "Edge_combined_with_another_role_is_refused")]
    public void Malformed_roles(string roles, string message) =>
        AssertRefused(["New-ExchangeServer", "-Name", "X1", "-Roles", roles, "-Version", "14.2.247.5", "-IPAddress", "10.1.0.40"], 2, message);

    [Test]
    public void An_over_long_name_is_refused() =>
        AssertRefused(["New-ClientAccessArray", "-Name", new string('a', 65), "-Fqdn", "outlook.lab.local", "-Site", "Site-B"], 2, "is 65 characters long; the maximum is 64");

    [TestCase("Array*", TestName = "A_name_with_an_asterisk_is_refused")]
    [TestCase("Array(1)", TestName = "A_name_with_a_parenthesis_is_refused")]
    [TestCase(@"Array\1", TestName = "A_name_with_a_backslash_is_refused")]
    [TestCase("Array,1", TestName = "A_name_with_a_comma_is_refused")]
    [TestCase("Array=1", TestName = "A_name_with_an_equals_sign_is_refused")]
    [TestCase("Array+1", TestName = "A_name_with_a_plus_is_refused")]
    [TestCase("#Array", TestName = "A_name_with_a_leading_hash_is_refused")]
    public void Names_with_DN_or_filter_characters(string name) =>
        AssertRefused(["New-ClientAccessArray", "-Name", name, "-Fqdn", "outlook.lab.local", "-Site", "Site-B"], 2, "Name");

    [Test]
    public void A_name_with_a_NUL_is_refused()
    {
        // A NUL cannot travel in a command-line argument; it can in a script.
        var writes = Lab.SuccessfulWrites();

        var result = Lab.CasdirProcess(["-File", "-"], "New-ClientAccessArray -Name 'Array\u00001' -Fqdn outlook.lab.local -Site Site-B\n");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("holds a control character U+0000 (NULL) at position 6"));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));
    }

    [Test]
    public void An_unknown_verb_is_a_usage_error() =>
        AssertRefused(["New-ClientAccesArray", "-Fqdn", "outlook.lab.local"], 2, "The term 'New-ClientAccesArray' is not recognized");

    [Test]
    public void An_unknown_parameter_is_a_usage_error() =>
        AssertRefused(["New-ClientAccessArray", "-Fqdn", "outlook.lab.local", "-Site", "Site-B", "-LoadBalance", "yes"], 2, "A parameter cannot be found that matches parameter name 'LoadBalance'");

    [Test]
    public void A_missing_required_parameter_is_a_usage_error() =>
        AssertRefused(["New-ClientAccessArray", "-Fqdn", "outlook.lab.local"], 2, "missing mandatory parameters: Site");

    [TestCase("Get-ClientAccessArray", "NoSuchArray", "The Client Access array 'NoSuchArray' was not found. Get-ClientAccessArray lists them.")]
    [TestCase("Get-ExchangeServer", "NOSUCH-01", "The Exchange server 'NOSUCH-01' was not found.")]
    [TestCase("Get-MailboxDatabase", "MDB99", "The mailbox database 'MDB99' was not found.")]
    [TestCase("Get-ADReplicationSite", "Site-Z", "The site 'Site-Z' was not found.")]
    public void An_unknown_identity_is_refused(string verb, string identity, string message) =>
        AssertRefused([verb, identity], 1, message);

    [Test]
    public void An_unknown_site_is_refused() =>
        AssertRefused(["New-ClientAccessArray", "-Fqdn", "outlook.lab.local", "-Site", "Site-Z"], 1, "The site 'Site-Z' was not found.");

    [Test]
    public void An_unknown_identity_with_filter_characters_is_just_not_found() =>
        AssertRefused(["Get-ExchangeServer", "*)(cn=*"], 1, "The Exchange server '*)(cn=*' was not found.");
}

/// <summary>Values the engine binds strictly: what the old parser let through, refused with exit 2 and nothing written.</summary>
[TestFixture]
public sealed class StrictInputTests : SharedLabTest
{
    [TestCase("New-ExchangeServer -Name X1 -Roles Mailbox -Version 14.2.247.5 -IPAddress 10.2.0.050", "no leading zeros", TestName = "An_IPv4_address_with_a_leading_zero_is_refused_not_read_as_octal")]
    [TestCase("New-ADReplicationSubnet -Name 010.3.0.0/16 -Site Site-B", "not a subnet in CIDR form", TestName = "A_subnet_with_a_leading_zero_is_refused")]
    [TestCase("New-ADReplicationSubnet -Name 10.3.0.0/016 -Site Site-B", "not a subnet in CIDR form", TestName = "A_prefix_length_with_a_leading_zero_is_refused")]
    [TestCase("New-ExchangeServer -Name X1 -Roles '' -Version 14.2.247.5 -IPAddress 10.2.0.50", "-Roles needs at least one role", TestName = "An_empty_role_list_is_refused")]
    [TestCase("New-ExchangeServer -Name X1 -Roles Mailbox -Version 14.2.247.5 -IPAddress 10.2.0.50 -Edition Bogus", "Edition", TestName = "An_unknown_edition_is_refused")]
    [TestCase("New-ExchangeServer -Name a_b -Roles Mailbox -Version 14.2.247.5 -IPAddress 10.2.0.50", "is not a computer name", TestName = "A_server_name_that_is_no_computer_name_is_refused")]
    [TestCase("New-ClientAccessArray -Name -foo -Fqdn x.lab.local -Site Site-B", "starts with a dash", TestName = "A_name_that_looks_like_a_parameter_is_a_usage_error")]
    [TestCase("Set-ADReplicationSubnet -Identity 10.1.0.0/16 -Location Tokyo -WhatIf $false", "positional parameter", TestName = "WhatIf_followed_by_a_value_binds_as_PowerShell_binds_it")]
    [TestCase("Remove-ExchangeServer E2003-BE -Identity E2003-BE -Confirm:$false", "positional parameter cannot be found", TestName = "An_identity_given_twice_is_a_usage_error")]
    [TestCase("New-ADReplicationSite -Name Site-X -Name Site-Y", "the parameter -Name is given more than once", TestName = "A_parameter_given_twice_is_a_usage_error")]
    [TestCase("New-ADReplicationSite -Name Site-X | ft -bogus", "A parameter cannot be found that matches parameter name 'bogus'", TestName = "An_unknown_parameter_of_a_formatter_is_a_usage_error_before_anything_runs")]
    public void Refused_by_the_engine(string line, string message)
    {
        var writes = Lab.SuccessfulWrites();

        var result = Lab.Casdir(line);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));
    }

    [Test]
    public void A_DN_that_names_no_site_is_not_resolved_by_its_first_value()
    {
        var writes = Lab.SuccessfulWrites();

        var result = Lab.Casdir("New-ClientAccessArray", "-Fqdn", "x.lab.local", "-Site", "OU=Site-B,DC=x");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("The site 'OU=Site-B,DC=x' was not found."));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));
    }

    [Test]
    public void WhatIf_colon_false_writes_as_PowerShell_binds_it()
    {
        var result = Lab.Casdir("New-ADReplicationSite -Name Site-W -WhatIf:$false");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Lab.Casdir("Get-ADReplicationSite Site-W").ExitCode, Is.Zero);
        Assert.That(Lab.Casdir("Remove-ADReplicationSite Site-W -Confirm:$false").ExitCode, Is.Zero);
    }

    [TestCase("-ErrorAction", "Bogus", TestName = "An_unknown_ErrorAction_for_a_script_is_a_usage_error")]
    [TestCase("Get-ExchangeServer", "x", TestName = "A_command_after_File_is_a_usage_error")]
    [TestCase("-File", "other.ps1", TestName = "File_given_twice_is_a_usage_error")]
    [TestCase("--data", "", TestName = "An_empty_data_folder_is_a_usage_error")]
    [TestCase("--data", "/tmp", TestName = "A_second_data_folder_is_a_usage_error")]
    public void Script_mode_arguments_are_checked(string extra, string value)
    {
        using var folder = new TemporaryFolder();
        var file = folder.Combine("s.ps1");
        File.WriteAllText(file, "New-ADReplicationSite -Name Site-X\n");
        var writes = Lab.SuccessfulWrites();

        var result = Lab.Casdir("-File", file, extra, value);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));
    }
}
