using System.Text.RegularExpressions;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.Cli;

/// <summary>
/// The ActiveDirectory module's idioms on Get-ADReplicationSite and Get-ADReplicationSubnet, as an AD admin types them:
/// -Filter (each one LDAP search, its filter shown by -Verbose), -Properties, -Server, -AuthType; and the bad input
/// they meet: a clear error, exit 2.
/// </summary>
[TestFixture]
public sealed class ActiveDirectoryModuleFilterTests : SharedLabTest
{
    [OneTimeSetUp]
    public void DescribeTheSites()
    {
        foreach (var (site, location) in new[] { ("Site-A", "Oslo"), ("Site-B", "Bergen") })
            Assert.That(Lab.Tools.Modify(DirectoryAccounts.Provisioning, ReplaceLdif(SiteDn(site), "location", location)).ExitCode, Is.Zero);
    }

    private static IReadOnlyList<string> Names(ProcessResult result) =>
        result.Output.Split('\n').Select(l => l.Trim()).Where(l => Regex.IsMatch(l, @"^(Site-|Default-|\d+\.)")).Select(l => l.Split(' ')[0]).ToList();

    private static int Searches(ProcessResult result) => int.Parse(Regex.Match(result.Error, @"LDAP: (\d+) searches").Groups[1].Value);

    [Test]
    public void Filter_star_lists_every_site_in_as_many_searches_as_the_plain_list()
    {
        var all = Lab.Casdir("Get-ADReplicationSite", "-Filter", "*", "--stats");
        var plain = Lab.Casdir("Get-ADReplicationSite", "--stats");

        Assert.That(all.ExitCode, Is.Zero, all.ToString());
        Assert.That(Names(all), Is.EqualTo(new[] { "Default-First-Site-Name", "Site-A", "Site-B" }));
        Assert.That(Searches(all), Is.EqualTo(Searches(plain)), "one search for the sites, as without a filter");
    }

    [Test]
    public void A_like_filter_is_one_LDAP_substring_filter()
    {
        var result = Lab.Casdir("Get-ADReplicationSite -Filter \"Name -like 'Site-*'\" -Verbose");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Names(result), Is.EqualTo(new[] { "Site-A", "Site-B" }));
        Assert.That(result.Output + result.Error, Does.Contain("LDAP filter: (cn=Site-*)"));
    }

    [Test]
    public void A_script_block_filter_reads_the_caller_s_variables()
    {
        var result = Lab.Casdir("$wanted = 'Oslo'; Get-ADReplicationSite -Filter {Location -eq $wanted -and -not (Name -eq 'Site-B')}");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Names(result), Is.EqualTo(new[] { "Site-A" }));
    }

    [Test]
    public void Properties_adds_the_named_ones_and_star_adds_every_attribute()
    {
        var named = Lab.Json("Get-ADReplicationSite -Filter \"Location -eq 'Bergen'\" -Properties Location, whenCreated");
        Assert.That(named.GetArrayLength(), Is.EqualTo(1));
        Assert.That(named[0].GetProperty("Name").GetString(), Is.EqualTo("Site-B"));
        Assert.That(named[0].GetProperty("Location").GetString(), Is.EqualTo("Bergen"));
        Assert.That(named[0].GetProperty("whenCreated").GetDateTime().Year, Is.GreaterThanOrEqualTo(2026), "a time, as the module types it");

        var everything = Lab.Json("Get-ADReplicationSite Site-A -Properties *")[0];
        foreach (var attribute in new[] { "Location", "ObjectClass", "ObjectGUID", "Modified", "uSNChanged", "instanceType" })
            Assert.That(everything.TryGetProperty(attribute, out _), attribute);
        Assert.That(everything.GetProperty("Location").GetString(), Is.EqualTo("Oslo"), "a property the module names keeps its name");
        Assert.That(Guid.TryParse(everything.GetProperty("ObjectGUID").GetString(), out _), "ObjectGUID is a GUID, as the module shows it");
    }

    [Test]
    public void A_subnet_filter_takes_its_site_by_name()
    {
        var result = Lab.Casdir("Get-ADReplicationSubnet -Filter \"Site -eq 'Site-B'\" -Verbose");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Names(result), Is.EqualTo(new[] { "10.2.0.0/16" }));
        Assert.That(result.Output + result.Error, Does.Contain("LDAP filter: (siteObject=CN=Site-B,CN=Sites,CN=Configuration,DC=lab,DC=local)"));
    }

    [Test]
    public void Server_and_AuthType_are_taken_as_the_module_takes_them()
    {
        var port = new Uri(Lab.Url).Port;
        var reader = Lab.Account(DirectoryAccounts.Reader);
        var result = Lab.Casdir($"$c = New-Object PSCredential('{reader.Dn}', ([System.Net.NetworkCredential]::new('', (Get-Content '{reader.PasswordFile}')).SecurePassword)); " +
                                $"Get-ADReplicationSite -Filter * -Server 127.0.0.1:{port} -AuthType Negotiate -Credential $c");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Names(result), Has.Member("Site-A"));
    }

    [TestCase("Get-ADReplicationSite -Filter \"Name -eq 'Site-A\"", "not closed")]
    [TestCase("Get-ADReplicationSite -Filter \"Colour -eq 'red'\"", "'Colour' is not a property of ADReplicationSite")]
    [TestCase("Get-ADReplicationSite -Filter \"Name -matches 'x'\"", "an operator")]
    [TestCase("Get-ADReplicationSite -Filter * -Properties Colour", "'Colour' is not a property of ADReplicationSite")]
    [TestCase("Get-ADReplicationSite -Filter * -AuthType Kerberos", "Kerberos")]
    [TestCase("Get-ADReplicationSite Site-A -Filter *", "A positional parameter cannot be found")]
    public void Bad_input_is_a_clear_error_and_exit_2(string line, string message)
    {
        var result = Lab.Casdir(line);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain(message));
    }

    [Test]
    public void An_object_in_a_variable_stands_for_its_DN_and_a_GUID_for_its_bytes()
    {
        var bySite = Lab.Casdir("$s = Get-ADReplicationSite Site-B; Get-ADReplicationSubnet -Filter {Site -eq $s}");
        var byGuid = Lab.Casdir("$g = (Get-ADReplicationSite Site-A -Properties ObjectGUID).ObjectGUID; Get-ADReplicationSite -Filter {ObjectGUID -eq $g}");

        Assert.That((bySite.ExitCode, byGuid.ExitCode), Is.EqualTo((0, 0)), bySite + "\n" + byGuid);
        Assert.That(Names(bySite), Is.EqualTo(new[] { "10.2.0.0/16" }));
        Assert.That(Names(byGuid), Is.EqualTo(new[] { "Site-A" }));
    }

    [Test]
    public void Properties_are_typed_by_their_LDAP_syntax_as_the_module_types_them()
    {
        var result = Lab.Casdir("$s = Get-ADReplicationSite Site-A -Properties Created, uSNChanged, showInAdvancedViewOnly; " +
                                "($s.Created.GetType().Name, $s.uSNChanged.GetType().Name, $s.showInAdvancedViewOnly.GetType().Name, ($s.Created -lt (Get-Date))) -join ','");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output.Trim(), Is.EqualTo("DateTime,Int64,Boolean,True"));
    }

    [Test]
    public void A_filter_nested_deeper_than_any_script_is_refused_not_a_crash()
    {
        var result = Lab.Casdir("$f = ('(' * 100000) + \"Name -eq 'Site-A'\" + (')' * 100000); Get-ADReplicationSite -Filter $f");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("nest more than 100 deep"));
    }

    [Test]
    public void Filter_blocks_are_text_to_the_static_check_but_Where_Object_s_are_code()
    {
        var abbreviated = Lab.Casdir("Get-ADReplicationSite -Fi {Name -like 'Site-*'}");
        Assert.That(abbreviated.ExitCode, Is.Zero, abbreviated.ToString());
        Assert.That(Names(abbreviated), Is.EqualTo(new[] { "Site-A", "Site-B" }));

        var before = Lab.SuccessfulWrites();
        var code = Lab.Casdir("Set-ADReplicationSubnet 10.1.0.0/16 -Description written\nGet-ADReplicationSite | Where-Object -Filter { Remove-Everything }");
        Assert.That(code.ExitCode, Is.EqualTo(2), code.ToString());
        Assert.That(code.Error, Does.Contain("'Remove-Everything' is not recognized"));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(before), "checked before anything ran: nothing written");
    }

    [Test]
    public void A_value_that_looks_like_LDAP_filter_syntax_is_only_a_value()
    {
        var result = Lab.Casdir("Get-ADReplicationSite -Filter \"Name -eq '*)(objectClass=*'\" -Verbose");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Names(result), Is.Empty);
        Assert.That(result.Output + result.Error, Does.Contain(@"LDAP filter: (cn=\2a\29\28objectClass=\2a)"));
    }
}
