using System.Text.Json;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Shell;

/// <summary>
/// The virtual directory and Outlook Anywhere settings (VirtualDirectorySettings): each written to its attribute in one
/// modify, read back by the Get- cmdlet; the *Authentication booleans as flags of InternalAuthenticationMethods; a bad
/// value is a usage error (exit 2) that writes nothing; Disable-OutlookAnywhere removes the Rpc object.
/// </summary>
[TestFixture]
public sealed class VirtualDirectorySettingsTests : FreshLabTest
{
    private const string Owa = @"'E2K10-MLT-02\owa (Default Web Site)'";
    private const string Rpc = @"'E2K10-MLT-01\Rpc (Default Web Site)'";

    private JsonElement One(string line) => Lab.Json(line)[0];

    private string? Raw(string server, string directory, string attribute) =>
        Lab.Tools.Entries(DirectoryAccounts.Reader, $"CN={directory} (Default Web Site),CN=HTTP,CN=Protocols," + Lab.Partition.ServerDn(server), "(objectClass=*)", "base").Single().Value(attribute);

    private static string[] Strings(JsonElement value) => value.EnumerateArray().Select(v => v.GetString()!).ToArray();

    private void AssertRefusedWritingNothing(string line, string message)
    {
        var writes = Lab.SuccessfulWrites();

        var result = Lab.Casdir(line);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain(message), result.ToString());
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes), "nothing was written");
    }

    [Test]
    public void Many_owa_settings_are_written_in_one_modify_and_read_back()
    {
        var writes = Lab.SuccessfulWrites();

        var set = Lab.Casdir($"Set-OwaVirtualDirectory {Owa} -CalendarEnabled $false -OWAMiniEnabled $true -BlockedFileTypes .exe,.vbs -LogonFormat UserName " +
                             "-DefaultDomain lab.local -UserContextTimeout 30 -ExternalUrl https://mail.lab.local/owa -LegacyRedirectType Manual " +
                             "-WebReadyDocumentViewingOnPublicComputersEnabled $false -UseGB18030 $true -GzipLevel High -FailbackUrl https://failback.lab.local/owa");
        var owa = One("Get-OwaVirtualDirectory -Server E2K10-MLT-02");

        Assert.That(set.ExitCode, Is.Zero, set.ToString());
        Assert.That(Lab.SuccessfulWrites() - writes, Is.EqualTo(1), "one modify");
        Assert.Multiple(() =>
        {
            Assert.That(owa.GetProperty("CalendarEnabled").GetBoolean(), Is.False);
            Assert.That(owa.GetProperty("ContactsEnabled").GetBoolean(), Is.True, "untouched features keep Exchange's default");
            Assert.That(owa.GetProperty("OWAMiniEnabled").GetBoolean(), Is.True);
            Assert.That(Strings(owa.GetProperty("BlockedFileTypes")), Is.EqualTo(new[] { ".exe", ".vbs" }));
            Assert.That(owa.GetProperty("LogonFormat").GetString(), Is.EqualTo("UserName"));
            Assert.That(owa.GetProperty("DefaultDomain").GetString(), Is.EqualTo("lab.local"));
            Assert.That(owa.GetProperty("UserContextTimeout").GetInt32(), Is.EqualTo(30));
            Assert.That(owa.GetProperty("ExternalUrl").GetString(), Is.EqualTo("https://mail.lab.local/owa"));
            Assert.That(owa.GetProperty("LegacyRedirectType").GetString(), Is.EqualTo("Manual"));
            Assert.That(owa.GetProperty("CrossSiteRedirectType").GetString(), Is.EqualTo("Silent"));
            Assert.That(owa.GetProperty("WebReadyDocumentViewingOnPublicComputersEnabled").GetBoolean(), Is.False);
            Assert.That(owa.GetProperty("WebReadyDocumentViewingOnPrivateComputersEnabled").GetBoolean(), Is.True);
            Assert.That(owa.GetProperty("UseGB18030").GetBoolean(), Is.True);
            Assert.That(owa.GetProperty("GzipLevel").GetString(), Is.EqualTo("High"));
            Assert.That(owa.GetProperty("FailbackUrl").GetString(), Is.EqualTo("https://failback.lab.local/owa"));
            Assert.That(owa.GetProperty("NotificationInterval").GetInt32(), Is.EqualTo(120), "Exchange's default when unset");
            Assert.That(Raw("E2K10-MLT-02", "owa", "msExchOWALogonFormat"), Is.EqualTo("2"));
        });
    }

    [Test]
    public void Clearing_a_list_and_an_url_with_null()
    {
        Lab.Casdir($"Set-OwaVirtualDirectory {Owa} -BlockedFileTypes .exe -ExternalUrl https://mail.lab.local/owa");

        var cleared = Lab.Casdir($"Set-OwaVirtualDirectory {Owa} -BlockedFileTypes $null -ExternalUrl $null");
        var owa = One("Get-OwaVirtualDirectory -Server E2K10-MLT-02");

        Assert.That(cleared.ExitCode, Is.Zero, cleared.ToString());
        Assert.That(owa.GetProperty("BlockedFileTypes").GetArrayLength(), Is.Zero);
        Assert.That(owa.GetProperty("ExternalUrl").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public void Authentication_booleans_are_flags_of_InternalAuthenticationMethods()
    {
        var on = Lab.Casdir(@"Set-EcpVirtualDirectory 'E2K10-MLT-02\ecp (Default Web Site)' -FormsAuthentication $true -BasicAuthentication $true -ExternalAuthenticationMethods Basic,Fba");
        var both = One("Get-EcpVirtualDirectory -Server E2K10-MLT-02");
        var off = Lab.Casdir(@"Set-EcpVirtualDirectory 'E2K10-MLT-02\ecp (Default Web Site)' -BasicAuthentication $false");
        var formsOnly = One("Get-EcpVirtualDirectory -Server E2K10-MLT-02");

        Assert.That(on.ExitCode, Is.Zero, on.ToString());
        Assert.That(off.ExitCode, Is.Zero, off.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(Strings(both.GetProperty("InternalAuthenticationMethods")), Is.EquivalentTo(new[] { "Basic", "Fba" }));
            Assert.That(Strings(both.GetProperty("ExternalAuthenticationMethods")), Is.EquivalentTo(new[] { "Basic", "Fba" }));
            Assert.That(both.GetProperty("BasicAuthentication").GetBoolean(), Is.True);
            Assert.That(Strings(formsOnly.GetProperty("InternalAuthenticationMethods")), Is.EqualTo(new[] { "Fba" }));
            Assert.That(formsOnly.GetProperty("BasicAuthentication").GetBoolean(), Is.False);
            Assert.That(formsOnly.GetProperty("FormsAuthentication").GetBoolean(), Is.True);
            Assert.That(Raw("E2K10-MLT-02", "ecp", "msExchInternalAuthenticationMethods"), Is.EqualTo("4"));
            Assert.That(Raw("E2K10-MLT-02", "ecp", "msExchExternalAuthenticationMethods"), Is.EqualTo("5"));
        });
    }

    [Test]
    public void Web_services_oab_and_autodiscover_settings_round_trip()
    {
        var ews = Lab.Casdir(@"Set-WebServicesVirtualDirectory 'E2K10-MLT-02\EWS (Default Web Site)' -InternalNLBBypassUrl https://e2k10-mlt-02.lab.local/EWS/Exchange.asmx " +
                             "-MRSProxyEnabled $true -MRSProxyMaxConnections 50 -WSSecurityAuthentication $true -CertificateAuthentication $true -Force -UpdateManagementVirtualDirectory");
        var oab = Lab.Casdir(@"Set-OabVirtualDirectory 'E2K10-MLT-02\OAB (Default Web Site)' -PollInterval 240 -RequireSSL $true -ExtendedProtectionTokenChecking Require " +
                             "-ExtendedProtectionFlags Proxy,NoServiceNameCheck -ExtendedProtectionSPNList HTTP/mail.lab.local,HTTP/outlook.lab.local");
        var autodiscover = Lab.Casdir(@"Get-AutodiscoverVirtualDirectory -Server E2K10-MLT-02 | Set-AutodiscoverVirtualDirectory -WindowsAuthentication $true -DigestAuthentication $true -LiveIdSpNegoAuthentication $true");
        var readEws = One("Get-WebServicesVirtualDirectory -Server E2K10-MLT-02");
        var readOab = One("Get-OabVirtualDirectory -Server E2K10-MLT-02");
        var readAutodiscover = One("Get-AutodiscoverVirtualDirectory -Server E2K10-MLT-02 -ADPropertiesOnly");
        var unlimited = Lab.Casdir(@"Set-WebServicesVirtualDirectory 'E2K10-MLT-02\EWS (Default Web Site)' -MRSProxyMaxConnections Unlimited");

        Assert.That(new[] { ews, oab, autodiscover, unlimited }.Select(r => r.ExitCode), Is.All.Zero, $"{ews}\n{oab}\n{autodiscover}\n{unlimited}");
        Assert.Multiple(() =>
        {
            Assert.That(readEws.GetProperty("InternalNLBBypassUrl").GetString(), Is.EqualTo("https://e2k10-mlt-02.lab.local/EWS/Exchange.asmx"));
            Assert.That(readEws.GetProperty("MRSProxyEnabled").GetBoolean(), Is.True);
            Assert.That(readEws.GetProperty("MRSProxyMaxConnections").ToString(), Does.Contain("50"));
            Assert.That(Strings(readEws.GetProperty("InternalAuthenticationMethods")), Is.SupersetOf(new[] { "WSSecurity", "Certificate" }));
            Assert.That(Raw("E2K10-MLT-02", "EWS", "msExchMRSProxyFlags"), Is.EqualTo("1"));
            Assert.That(Raw("E2K10-MLT-02", "EWS", "msExchMRSProxyMaxConnections"), Is.Null, "Unlimited is the attribute unset");
            Assert.That(readOab.GetProperty("PollInterval").GetInt32(), Is.EqualTo(240));
            Assert.That(readOab.GetProperty("RequireSSL").GetBoolean(), Is.True);
            Assert.That(readOab.GetProperty("ExtendedProtectionTokenChecking").GetString(), Is.EqualTo("Require"));
            Assert.That(Strings(readOab.GetProperty("ExtendedProtectionFlags")), Is.EquivalentTo(new[] { "Proxy", "NoServiceNameCheck" }));
            Assert.That(Strings(readOab.GetProperty("ExtendedProtectionSPNList")), Is.EquivalentTo(new[] { "HTTP/mail.lab.local", "HTTP/outlook.lab.local" }));
            Assert.That(readAutodiscover.GetProperty("WindowsAuthentication").GetBoolean(), Is.True);
            Assert.That(readAutodiscover.GetProperty("DigestAuthentication").GetBoolean(), Is.True);
            Assert.That(readAutodiscover.GetProperty("LiveIdSpNegoAuthentication").GetBoolean(), Is.True);
        });
    }

    [Test]
    public void Outlook_Anywhere_settings_round_trip_and_DefaultAuthenticationMethod_sets_both()
    {
        var writes = Lab.SuccessfulWrites();
        var set = Lab.Casdir($"Set-OutlookAnywhere {Rpc} -ExternalHostname mail.lab.local -ClientAuthenticationMethod Ntlm -SSLOffloading $true -IISAuthenticationMethods Basic,Ntlm -XropUrl https://xrop.lab.local/rpc -ExtendedProtectionTokenChecking Allow");
        var oneModify = Lab.SuccessfulWrites() - writes;
        var read = One("Get-OutlookAnywhere -Server E2K10-MLT-01");
        var byDefault = Lab.Casdir($"Set-OutlookAnywhere {Rpc} -DefaultAuthenticationMethod Basic -SSLOffloading $false");
        var again = One($"Get-OutlookAnywhere {Rpc}");

        Assert.That(set.ExitCode, Is.Zero, set.ToString());
        Assert.That(byDefault.ExitCode, Is.Zero, byDefault.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(oneModify, Is.EqualTo(1));
            Assert.That(read.GetProperty("ExternalHostname").GetString(), Is.EqualTo("mail.lab.local"));
            Assert.That(read.GetProperty("ClientAuthenticationMethod").GetString(), Is.EqualTo("Ntlm"));
            Assert.That(read.GetProperty("SSLOffloading").GetBoolean(), Is.True);
            Assert.That(Strings(read.GetProperty("IISAuthenticationMethods")), Is.EquivalentTo(new[] { "Basic", "Ntlm" }));
            Assert.That(read.GetProperty("XropUrl").GetString(), Is.EqualTo("https://xrop.lab.local/rpc"));
            Assert.That(read.GetProperty("ExtendedProtectionTokenChecking").GetString(), Is.EqualTo("Allow"));
            Assert.That(Raw("E2K10-MLT-01", "Rpc", "msExchExternalHostName"), Is.EqualTo("https://mail.lab.local/rpc"));
            Assert.That(again.GetProperty("ClientAuthenticationMethod").GetString(), Is.EqualTo("Basic"));
            Assert.That(Strings(again.GetProperty("IISAuthenticationMethods")), Is.EqualTo(new[] { "Basic" }));
            Assert.That(again.GetProperty("SSLOffloading").GetBoolean(), Is.False);
        });
    }

    [Test]
    public void Enable_with_every_setting_then_Disable_OutlookAnywhere_removes_it()
    {
        Lab.Casdir("New-ExchangeServer", "-Name", "CAS-A5", "-Roles", "ClientAccess", "-Version", "14.2.247.5", "-IPAddress", "10.1.0.50");

        var enabled = Lab.Casdir("Enable-OutlookAnywhere -Server CAS-A5 -ExternalHostname webmail.lab.local -DefaultAuthenticationMethod Ntlm -SSLOffloading $true -ExtendedProtectionSPNList HTTP/webmail.lab.local");
        var read = One("Get-OutlookAnywhere -Server CAS-A5");
        var unconfirmed = Lab.Casdir("Disable-OutlookAnywhere -Server CAS-A5");
        var stillThere = Lab.Json("Get-OutlookAnywhere -Server CAS-A5").GetArrayLength();
        var disabled = Lab.Casdir(@"Disable-OutlookAnywhere 'CAS-A5\Rpc (Default Web Site)' -Confirm:$false");

        Assert.That(enabled.ExitCode, Is.Zero, enabled.ToString());
        Assert.That(disabled.ExitCode, Is.Zero, disabled.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(read.GetProperty("ExternalHostname").GetString(), Is.EqualTo("webmail.lab.local"));
            Assert.That(read.GetProperty("ClientAuthenticationMethod").GetString(), Is.EqualTo("Ntlm"));
            Assert.That(Strings(read.GetProperty("IISAuthenticationMethods")), Is.EqualTo(new[] { "Ntlm" }));
            Assert.That(read.GetProperty("SSLOffloading").GetBoolean(), Is.True);
            Assert.That(Strings(read.GetProperty("ExtendedProtectionSPNList")), Is.EqualTo(new[] { "HTTP/webmail.lab.local" }));
            Assert.That(unconfirmed.ExitCode, Is.Not.Zero, "ConfirmImpact High: not confirmed, not removed");
            Assert.That(stillThere, Is.EqualTo(1));
            Assert.That(Lab.Json("Get-OutlookAnywhere -Server CAS-A5").GetArrayLength(), Is.Zero);
            Assert.That(Lab.Json("Get-ClientAccessServer CAS-A5")[0].GetProperty("OutlookAnywhereEnabled").GetBoolean(), Is.False);
        });
    }

    [TestCase("Set-OwaVirtualDirectory " + Owa + " -CalendarEnabled $false -UserContextTimeout 0", "UserContextTimeout")]
    [TestCase("Set-OwaVirtualDirectory " + Owa + " -LogonFormat Email", "LogonFormat")]
    [TestCase("Set-OwaVirtualDirectory " + Owa + " -ExternalUrl owa", "ExternalUrl")]
    [TestCase("Set-OwaVirtualDirectory " + Owa + " -FailbackUrl ftp://mail.lab.local/owa", "FailbackUrl")]
    [TestCase("Set-OwaVirtualDirectory " + Owa + " -ExternalAuthenticationMethods Basic,Kerberos", "Kerberos")]
    [TestCase("Set-OwaVirtualDirectory " + Owa + " -DefaultClientLanguage 70000", "DefaultClientLanguage")]
    [TestCase(@"Set-OabVirtualDirectory 'E2K10-MLT-02\OAB (Default Web Site)' -PollInterval 0 -RequireSSL $true", "PollInterval")]
    [TestCase(@"Set-WebServicesVirtualDirectory 'E2K10-MLT-02\EWS (Default Web Site)' -MRSProxyMaxConnections 5000", "MRSProxyMaxConnections")]
    [TestCase(@"Set-WebServicesVirtualDirectory 'E2K10-MLT-02\EWS (Default Web Site)' -MRSProxyMaxConnections lots", "lots")]
    [TestCase(@"Set-EcpVirtualDirectory 'E2K10-MLT-02\ecp (Default Web Site)' -GzipLevel Maximum", "GzipLevel")]
    [TestCase("Set-OutlookAnywhere " + Rpc + " -ExternalHostname 'mail lab'", "ExternalHostname")]
    [TestCase("Set-OutlookAnywhere " + Rpc + " -ClientAuthenticationMethod Fba", "ClientAuthenticationMethod")]
    [TestCase("Set-OutlookAnywhere " + Rpc + " -SSLOffloading $true -IISAuthenticationMethods Basic,Fba", "IISAuthenticationMethods")]
    [TestCase("Set-OutlookAnywhere " + Rpc + " -DefaultAuthenticationMethod Ntlm -ClientAuthenticationMethod Basic", "DefaultAuthenticationMethod")]
    public void A_bad_value_is_a_usage_error_and_writes_nothing(string line, string message) =>
        AssertRefusedWritingNothing(line, message);

    [TestCase("Get-OwaVirtualDirectory | ft Server,Name,InternalUrl,ExternalUrl", "owa (Default Web Site)")]
    [TestCase("Get-OwaVirtualDirectory -Server E2K10-MLT-01 | Set-OwaVirtualDirectory -ExternalUrl https://mail.lab.local/owa; Get-OwaVirtualDirectory -Server E2K10-MLT-01 | fl ExternalUrl", "ExternalUrl : https://mail.lab.local/owa")]
    [TestCase(@"Set-WebServicesVirtualDirectory -Identity 'E2K10-MLT-01\EWS (Default Web Site)' -ExternalUrl https://mail.lab.local/EWS/Exchange.asmx; Get-WebServicesVirtualDirectory E2K10-MLT-01 | fl ExternalUrl", "ExternalUrl : https://mail.lab.local/EWS/Exchange.asmx")]
    [TestCase("Get-OutlookAnywhere -Server E2K10-MLT-02 | Set-OutlookAnywhere -ExternalHostname mail.lab.local; Get-OutlookAnywhere | ft ServerName,ExternalHostname", "mail.lab.local")]
    [TestCase("Get-ExchangeServer E2K10-MLT-02 | Get-OabVirtualDirectory | fl Server,Name,PollInterval", "PollInterval : 480")]
    [TestCase("Get-EcpVirtualDirectory | fl Server,InternalUrl,ExternalUrl", "InternalUrl : https://E2K10-MLT-01.lab.local/ecp")]
    [TestCase("Get-WebServicesVirtualDirectory | Select Server,InternalUrl,ExternalUrl", "https://E2K10-MLT-01.lab.local/EWS/Exchange.asmx")]
    [TestCase("Get-OabVirtualDirectory | ft Server,Name,InternalUrl", "OAB (Default Web Site) https://E2K10-MLT-02.lab.local/OAB")]
    [TestCase("Get-AutodiscoverVirtualDirectory | fl Server,Name,InternalUrl", "Name        : Autodiscover (Default Web Site)")]
    [TestCase("Get-OutlookAnywhere | ft ServerName,ExternalHostname", "E2K10-MLT-02 webmail.lab.local")]
    public void Published_example_lines_still_run(string line, string shows)
    {
        var result = Lab.Casdir(line);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain(shows));
    }

    [Test]
    public void WhatIf_says_what_would_change_and_writes_nothing()
    {
        var writes = Lab.SuccessfulWrites();

        var result = Lab.Casdir($"Set-OwaVirtualDirectory {Owa} -CalendarEnabled $false -BlockedFileTypes .exe -WhatIf");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("-CalendarEnabled False").And.Contain("-BlockedFileTypes .exe"));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));
        Assert.That(One("Get-OwaVirtualDirectory -Server E2K10-MLT-02").GetProperty("CalendarEnabled").GetBoolean(), Is.True);
    }
}
