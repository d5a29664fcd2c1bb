using System.Text.Json;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Cli;

/// <summary>Sites, subnets, servers and Client Access settings as the Exchange and AD shells name them.</summary>
[TestFixture]
public sealed class SiteServerAndClientAccessVerbTests : FreshLabTest
{
    private JsonElement Json(params string[] arguments) => Lab.Json(string.Join(' ', arguments));

    [Test]
    public void Get_ExchangeServer_shows_the_shells_columns()
    {
        var result = Lab.Casdir("Get-ExchangeServer", "E2K10-MLT-01");

        Assert.That(result.Output, Is.EqualTo("""

            Name         Site                                 ServerRole                          Edition    AdminDisplayVersion
            ----         ----                                 ----------                          -------    -------------------
            E2K10-MLT-01 lab.local/Configuration/Sites/Site-A Mailbox, ClientAccess, HubTransport Enterprise Version 14.2 (Build 247.5)


            """));
    }

    [Test]
    public void New_ExchangeServer_takes_its_site_from_the_most_specific_subnet_and_gets_what_setup_makes()
    {
        Lab.Casdir("New-ADReplicationSite", "-Name", "Site-C");
        Lab.Casdir("New-ADReplicationSubnet", "-Name", "10.1.5.0/24", "-Site", "Site-C");

        var created = Lab.Casdir("New-ExchangeServer", "-Name", "E2K10-C1", "-Roles", "Mailbox,ClientAccess,HubTransport", "-Version", "14.2.247.5", "-IPAddress", "10.1.5.9");

        Assert.That(created.ExitCode, Is.Zero, created.ToString());
        Assert.That(created.Output, Does.Contain("lab.local/Configuration/Sites/Site-C"), "T1: /24 inside Site-A's /16 wins");
        var cas = Json("Get-ClientAccessServer", "E2K10-C1")[0];
        Assert.That(cas.GetProperty("AutoDiscoverSiteScope")[0].GetString(), Is.EqualTo("Site-C"));
        Assert.That(cas.GetProperty("AutoDiscoverServiceInternalUri").GetString(), Is.EqualTo("https://E2K10-C1.lab.local/Autodiscover/Autodiscover.xml"));
        Assert.That(Lab.Casdir("Get-OwaVirtualDirectory", "-Server", "E2K10-C1").Output, Does.Match(Table.Row("owa (Default Web Site)  E2K10-C1  https://E2K10-C1.lab.local/owa")));
        Assert.That(Lab.Tools.Entries(DirectoryAccounts.Reader, "CN=RpcClientAccess,CN=Protocols," + Lab.Partition.ServerDn("E2K10-C1"), "(objectClass=*)", "base"), Has.Count.EqualTo(1));
    }

    [Test]
    public void An_Exchange_2007_server_gets_no_RPC_Client_Access_object_and_no_ecp()
    {
        Lab.Casdir("New-ExchangeServer", "-Name", "E2K7-03", "-Roles", "ClientAccess", "-Version", "8.3.83.6", "-IPAddress", "10.1.0.30");

        Assert.That(Lab.Tools.Search(DirectoryAccounts.Reader, "CN=RpcClientAccess,CN=Protocols," + Lab.Partition.ServerDn("E2K7-03")).ExitCode, Is.EqualTo(LdapToolResult.NoSuchObject));
        Assert.That(Lab.Casdir("Get-EcpVirtualDirectory", "-Server", "E2K7-03").Output, Is.Empty);
    }

    [Test]
    public void A_server_outside_every_subnet_gets_no_site_and_a_warning()
    {
        var created = Lab.Casdir("New-ExchangeServer", "-Name", "MBX-X1", "-Roles", "Mailbox", "-Version", "14.2.247.5", "-IPAddress", "192.0.2.10");

        Assert.That(created.ExitCode, Is.Zero, created.ToString());
        Assert.That(created.Error, Does.Contain("No subnet contains 192.0.2.10"));
    }

    [Test]
    public void Set_ClientAccessServer_replaces_the_AutoDiscoverSiteScope_keywords()
    {
        var set = Lab.Casdir("Set-ClientAccessServer", "E2K10-MLT-01", "-AutoDiscoverSiteScope", "Site-A,Site-B");

        Assert.That(set.ExitCode, Is.Zero, set.ToString());
        var scp = Lab.Tools.Entries(DirectoryAccounts.Reader, "CN=E2K10-MLT-01,CN=Autodiscover,CN=Protocols," + Lab.Partition.ServerDn("E2K10-MLT-01"), "(objectClass=*)", "base").Single();
        Assert.That(scp.Values("keywords"), Is.EquivalentTo(new[] { "77378F46-2C66-4aa9-A6A6-3E7A48B19596", "Site=Site-A", "Site=Site-B" }));
    }

    [Test]
    public void Outlook_Anywhere_host_name_is_read_and_set_as_the_shell_shows_it()
    {
        var before = Lab.Casdir("Get-OutlookAnywhere", "-Server", "E2K10-MLT-01");
        var set = Lab.Casdir("Set-OutlookAnywhere", "E2K10-MLT-01", "-ExternalHostname", "mail.lab.local");

        Assert.That(before.Output, Does.Contain("webmail.lab.local"));
        Assert.That(set.ExitCode, Is.Zero, set.ToString());
        var rpc = Lab.Tools.Entries(DirectoryAccounts.Reader, "CN=Rpc (Default Web Site),CN=HTTP,CN=Protocols," + Lab.Partition.ServerDn("E2K10-MLT-01"), "(objectClass=*)", "base").Single();
        Assert.That(rpc.Value("msExchExternalHostName"), Is.EqualTo("https://mail.lab.local/rpc"));
    }

    [Test]
    public void Enable_OutlookAnywhere_needs_a_2010_Client_Access_server_where_it_is_not_enabled_yet()
    {
        Lab.Casdir("New-ExchangeServer", "-Name", "CAS-A5", "-Roles", "ClientAccess", "-Version", "14.2.247.5", "-IPAddress", "10.1.0.50");

        var enabled = Lab.Casdir("Enable-OutlookAnywhere", "-Server", "CAS-A5", "-ExternalHostname", "webmail.lab.local", "-ClientAuthenticationMethod", "Basic", "-SSLOffloading", "$false");
        var again = Lab.Casdir("Enable-OutlookAnywhere", "-Server", "CAS-A5", "-ExternalHostname", "webmail.lab.local", "-ClientAuthenticationMethod", "Basic", "-SSLOffloading", "$false");

        Assert.That(enabled.ExitCode, Is.Zero, enabled.ToString());
        Assert.That(Json("Get-ClientAccessServer", "CAS-A5")[0].GetProperty("OutlookAnywhereEnabled").GetBoolean(), Is.True);
        Assert.That(again.ExitCode, Is.EqualTo(1));
        Assert.That(again.Error, Does.Contain("already enabled"));
    }

    [TestCase("Owa", "owa")]
    [TestCase("Ecp", "ecp")]
    [TestCase("WebServices", "EWS")]
    [TestCase("Oab", "OAB")]
    [TestCase("Autodiscover", "Autodiscover")]
    public void Virtual_directory_urls_are_set_and_read(string noun, string directory)
    {
        var set = Lab.Casdir($"Set-{noun}VirtualDirectory", $@"E2K10-MLT-02\{directory} (Default Web Site)", "-ExternalUrl", $"https://mail.lab.local/{directory}");
        var read = Json($"Get-{noun}VirtualDirectory", "-Server", "E2K10-MLT-02")[0];

        Assert.That(set.ExitCode, Is.Zero, set.ToString());
        Assert.That(read.GetProperty("ExternalUrl").GetString(), Is.EqualTo($"https://mail.lab.local/{directory}"));
    }

    [Test]
    public void A_url_that_is_not_absolute_is_refused()
    {
        var result = Lab.Casdir("Set-OwaVirtualDirectory", "E2K10-MLT-02", "-InternalUrl", "mail/owa");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("is not an absolute http(s) URL"));
    }

    [Test]
    public void A_url_with_a_user_name_and_password_is_refused_and_not_echoed()
    {
        var result = Lab.Casdir("Set-OwaVirtualDirectory", "E2K10-MLT-02", "-InternalUrl", "https://admin:Secret-123@mail.lab.local/owa");
        var read = Json("Get-OwaVirtualDirectory", "-Server", "E2K10-MLT-02")[0];

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("user name or password"));
        Assert.That(result.Error + result.Output, Does.Not.Contain("Secret-123"));
        Assert.That(read.GetProperty("InternalUrl").GetString(), Does.Not.Contain("Secret-123"));
    }

    [Test]
    public void Sites_in_use_cannot_be_removed_and_empty_ones_can()
    {
        var inUse = Lab.Casdir("Remove-ADReplicationSite", "Site-A", "-Confirm:$false");
        Lab.Casdir("New-ADReplicationSite", "-Name", "Site-C");
        var empty = Lab.Casdir("Remove-ADReplicationSite", "Site-C", "-Confirm:$false");

        Assert.That(inUse.ExitCode, Is.EqualTo(1));
        Assert.That(inUse.Error, Does.Contain("still used by").And.Contain("server E2K10-MLT-01").And.Contain("subnet 10.1.0.0/16"));
        Assert.That(empty.ExitCode, Is.Zero, empty.ToString());
        Assert.That(Lab.Casdir("Get-ADReplicationSite").Output, Does.Not.Contain("Site-C"));
    }

    [Test]
    public void Set_ADReplicationSubnet_writes_site_location_and_description_in_one_modify_and_clears_with_an_empty_string()
    {
        var before = Lab.SuccessfulWrites();
        var set = Lab.Casdir("Set-ADReplicationSubnet 10.1.0.0/16 -Site Site-B -Location 'Tokyo,Japan' -Description 'lab LAN' -PassThru");
        Assert.That(set.ExitCode, Is.Zero, set.ToString());
        Assert.That(set.Output, Does.Match(Table.Row("10.1.0.0/16  Site-B")), "-PassThru writes the subnet");
        Assert.That(Lab.SuccessfulWrites() - before, Is.EqualTo(1), "one modify");
        var entry = Lab.Tools.Entries(DirectoryAccounts.Reader, LabObjects.Partition.SubnetDn("10.1.0.0/16"), "(objectClass=*)", "base", "siteObject", "location", "description").Single();
        Assert.That((entry.Value("location"), entry.Value("description")), Is.EqualTo(("Tokyo,Japan", "lab LAN")));
        Assert.That(LabObjects.NormalizeDn(entry.Value("siteObject")!), Is.EqualTo(LabObjects.NormalizeDn(LabObjects.SiteDn("Site-B"))));

        Assert.That(Lab.Casdir("Set-ADReplicationSubnet 10.1.0.0/16 -Location ''").ExitCode, Is.Zero);
        var cleared = Lab.Tools.Entries(DirectoryAccounts.Reader, LabObjects.Partition.SubnetDn("10.1.0.0/16"), "(objectClass=*)", "base", "location", "description").Single();
        Assert.That((cleared.Value("location"), cleared.Value("description")), Is.EqualTo(((string?)null, "lab LAN")), "only what was given changes");

        Assert.That(Lab.Casdir("Set-ADReplicationSubnet 10.1.0.0/16 -Description $null").ExitCode, Is.Zero, "$null clears, as the module's does");
        Assert.That(Lab.Tools.Entries(DirectoryAccounts.Reader, LabObjects.Partition.SubnetDn("10.1.0.0/16"), "(objectClass=*)", "base", "description").Single().Value("description"), Is.Null);
    }

    [TestCase("Set-ADReplicationSubnet 10.1.0.0/16", "give at least one")]
    [TestCase("Set-ADReplicationSubnet 10.1.0.0/16 -Location ('x' * 1025)", "1024")]
    [TestCase("Set-ADReplicationSubnet 10.9.0.0/16 -Location x", "10.9.0.0/16")]
    public void Set_ADReplicationSubnet_refuses_bad_input_and_writes_nothing(string line, string message)
    {
        var before = Lab.SuccessfulWrites();
        var result = Lab.Casdir(line);

        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(before));
    }

    [Test]
    public void Subnets_are_created_re_pointed_and_removed()
    {
        Lab.Casdir("New-ADReplicationSubnet", "-Name", "10.3.0.0/16", "-Site", "Site-A");
        var repointed = Lab.Casdir("Set-ADReplicationSubnet", "10.3.0.0/16", "-Site", "Site-B");
        var listed = Lab.Casdir("Get-ADReplicationSubnet", "-Site", "Site-B");
        var removed = Lab.Casdir("Remove-ADReplicationSubnet", "10.3.0.0/16", "-Confirm:$false");

        Assert.That(repointed.ExitCode, Is.Zero, repointed.ToString());
        Assert.That(listed.Output, Does.Match(Table.Row("10.3.0.0/16  Site-B")));
        Assert.That(removed.ExitCode, Is.Zero, removed.ToString());
        Assert.That(Lab.Casdir("Get-ADReplicationSubnet").Output, Does.Not.Contain("10.3.0.0/16"));
    }

    [Test]
    public void A_DAG_collects_its_member_servers()
    {
        var created = Lab.Casdir("New-DatabaseAvailabilityGroup", "-Name", "DAG01", "-DatabaseAvailabilityGroupIpAddresses", "10.1.0.50");
        Lab.Casdir("Add-DatabaseAvailabilityGroupServer", "DAG01", "-MailboxServer", "E2K10-MLT-01");
        Lab.Casdir("Add-DatabaseAvailabilityGroupServer", "DAG01", "-MailboxServer", "E2K10-MLT-02");
        var refused = Lab.Casdir("Add-DatabaseAvailabilityGroupServer", "DAG01", "-MailboxServer", "E2K7-MLT-02");

        Assert.That(created.ExitCode, Is.Zero, created.ToString());
        Assert.That(Lab.Casdir("Get-DatabaseAvailabilityGroup").Output, Does.Match(Table.Row("DAG01  {E2K10-MLT-01, E2K10-MLT-02}  {10.1.0.50}")));
        Assert.That(refused.ExitCode, Is.EqualTo(1));
        Assert.That(Lab.Casdir("New-DatabaseAvailabilityGroup", "-Name", "DAG-NAME-TOO-LONG").ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void Format_List_ConvertTo_Json_and_ConvertTo_Csv_carry_every_property()
    {
        Lab.Casdir("New-ClientAccessArray", "-Name", "CASArray-A", "-Fqdn", "outlook.lab.local", "-Site", "Site-A");

        var list = Lab.Casdir("Get-ClientAccessArray | fl").Output;
        var csv = Lab.Casdir("Get-ClientAccessArray | select Name,Fqdn,@{n='Members';e={$_.Members.Name -join ';'}} | ConvertTo-Csv").Output;
        var json = Json("Get-ClientAccessArray")[0];

        Assert.That(list, Does.Match(Table.Row("Name              : CASArray-A")).And.Match(Table.Row("ExchangeLegacyDN  : /o=First Organization"))
            .And.Match(Table.Row("Site              : lab.local/Configuration/Sites/Site-A")).And.Match(Table.Row("Guid              : ")));
        Assert.That(csv.Split('\n')[0], Does.StartWith("\"Name\",\"Fqdn\",\"Members\""));
        Assert.That(csv, Does.Contain("\"CASArray-A\",\"outlook.lab.local\",\"E2K10-MLT-01;E2K10-MLT-02\""));
        Assert.That(json.GetProperty("Members").EnumerateArray().Select(m => m.GetProperty("Name").GetString()), Is.EqualTo(new[] { "E2K10-MLT-01", "E2K10-MLT-02" }));
        Assert.That(json.GetProperty("Site").GetProperty("DistinguishedName").GetString(), Is.EqualTo("CN=Site-A,CN=Sites,CN=Configuration,DC=lab,DC=local"));
    }

    [Test]
    public void Reading_every_array_takes_the_same_number_of_searches_whatever_the_size_of_the_organisation()
    {
        Lab.Casdir("New-ClientAccessArray", "-Name", "CASArray-A", "-Fqdn", "outlook.lab.local", "-Site", "Site-A");
        string Searches() => System.Text.RegularExpressions.Regex.Match(Lab.Casdir("Get-ClientAccessArray", "--stats").Error, @"LDAP: (\d+) searches").Groups[1].Value;
        var small = Searches();

        using (var folder = new TemporaryFolder())
        {
            var script = string.Join("\n", Enumerable.Range(1, 30).Select(i => $"New-ExchangeServer -Name CAS-{i:00} -Roles ClientAccess -Version 14.2.247.5 -IPAddress 10.2.0.{i + 10}"))
                         + "\nNew-ClientAccessArray -Name CASArray-B -Fqdn outlook-b.lab.local -Site Site-B\n";
            File.WriteAllText(folder.Combine("grow.txt"), script);
            Assert.That(Lab.Casdir("-File", folder.Combine("grow.txt")).ExitCode, Is.Zero);
        }

        Assert.That(small, Is.Not.Empty);
        Assert.That(Searches(), Is.EqualTo(small));
    }

    [Test]
    public void DomainController_with_credentials_from_the_environment_reaches_any_directory()
    {
        var provisioning = Lab.Account(DirectoryAccounts.Provisioning);
        var environment = new Dictionary<string, string?>
        {
            ["CASDIR_BIND_DN"] = provisioning.Dn,
            ["CASDIR_BIND_PASSWORD_FILE"] = provisioning.PasswordFile,
        };

        var result = Fixtures.Casdir.Run(["Get-ExchangeServer", "-DomainController", Lab.Url], environment);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("E2K10-MLT-01"));
    }

    [Test]
    public void A_password_file_others_can_read_is_refused()
    {
        using var folder = new TemporaryFolder();
        var file = folder.Combine("password");
        File.WriteAllText(file, File.ReadAllText(Lab.Account(DirectoryAccounts.Provisioning).PasswordFile));
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var result = Fixtures.Casdir.Run(["Get-ExchangeServer", "-DomainController", Lab.Url],
            new Dictionary<string, string?> { ["CASDIR_BIND_DN"] = Lab.Account(DirectoryAccounts.Provisioning).Dn, ["CASDIR_BIND_PASSWORD_FILE"] = file });

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("can be read by others").And.Contain("chmod 600"));
    }
}
