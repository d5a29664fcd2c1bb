using System.DirectoryServices.Protocols;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Shell;

/// <summary>
/// Set-ExchangeServer and Set-ClientAccessServer settings (docs/settings.md): each kept in one attribute of the server
/// entry, all of one command in one modify, read back by Get-ExchangeServer / Get-ClientAccessServer as Exchange's value
/// types; a bad value exits 2 and writes nothing; no alternate service account password and no product key is ever
/// stored or printed.
/// </summary>
[TestFixture]
public sealed class ServerSettingsTests : FreshLabTest
{
    private const string Password = "Zq7-Unlikely-Pa55word";
    private const string Key = "ABCDE-12345-FGHIJ-67890-KLMNO";

    private string Dn(string server) => Lab.Casdir($"(Get-ExchangeServer {server}).DistinguishedName").Output.Trim();

    private IReadOnlyList<string> Stored(string dn, string attribute)
    {
        var entry = Lab.ReadEntry(DirectoryAccounts.Reader, dn, null, attribute);
        return entry.Attributes.Contains(attribute) ? entry.Attributes[attribute].GetValues(typeof(string)).Cast<string>().ToList() : [];
    }

    /// <summary>Every value of every entry of the directory, as the admin reads it.</summary>
    private string Dump()
    {
        using var connection = Lab.Connect(DirectoryAccounts.Admin);
        var text = new System.Text.StringBuilder();
        var request = new SearchRequest(Lab.Partition.DomainDn, "(objectClass=*)", SearchScope.Subtree, "*", "+");
        var response = (SearchResponse)connection.SendRequest(request);
        foreach (SearchResultEntry entry in response.Entries)
            foreach (DirectoryAttribute attribute in entry.Attributes.Values)
                foreach (var value in attribute.GetValues(typeof(byte[])).Cast<byte[]>())
                    text.Append(entry.DistinguishedName).Append(' ').Append(attribute.Name).Append(": ").Append(System.Text.Encoding.UTF8.GetString(value)).Append('\n');
        return text.ToString();
    }

    [Test]
    public void Exchange_server_settings_round_trip_in_one_modify()
    {
        var writes = Lab.SuccessfulWrites();
        var result = Lab.Casdir("Set-ExchangeServer E2K10-MLT-01 -CustomerFeedbackEnabled $false -ErrorReportingEnabled $true -InternetWebProxy http://proxy.lab.local:8080 -StaticConfigDomainController dc1.lab.local -StaticDomainControllers dc1.lab.local,dc2.lab.local -StaticExcludedDomainControllers dc3.lab.local -StaticGlobalCatalogs dc1.lab.local");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes + 1), "one modify");

        var dn = Dn("E2K10-MLT-01");
        Assert.Multiple(() =>
        {
            Assert.That(Stored(dn, "msExchCustomerFeedbackEnabled"), Is.EqualTo(new[] { "FALSE" }));
            Assert.That(Stored(dn, "casdirErrorReportingEnabled"), Is.EqualTo(new[] { "TRUE" }));
            Assert.That(Stored(dn, "msExchInternetWebProxy"), Is.EqualTo(new[] { "http://proxy.lab.local:8080" }));
            Assert.That(Stored(dn, "casdirStaticDomainControllers"), Is.EquivalentTo(new[] { "dc1.lab.local", "dc2.lab.local" }));
        });
        var shown = Lab.Casdir("$s = Get-ExchangeServer E2K10-MLT-01; \"$($s.CustomerFeedbackEnabled) $($s.ErrorReportingEnabled) $($s.InternetWebProxy.Host) $($s.StaticConfigDomainController) $($s.StaticDomainControllers.Count) $($s.StaticExcludedDomainControllers[0]) $($s.StaticGlobalCatalogs[0])\"");
        Assert.That(shown.Output.Trim(), Is.EqualTo("False True proxy.lab.local dc1.lab.local 2 dc3.lab.local dc1.lab.local"));

        Assert.That(Lab.Casdir("Set-ExchangeServer E2K10-MLT-01 -StaticDomainControllers $null -InternetWebProxy $null").ExitCode, Is.Zero);
        Assert.That(Stored(dn, "casdirStaticDomainControllers"), Is.Empty);
        Assert.That(Stored(dn, "msExchInternetWebProxy"), Is.Empty);
        Assert.That(Lab.Casdir("(Get-ExchangeServer E2K10-MLT-02).CustomerFeedbackEnabled -eq $null").Output.Trim(), Is.EqualTo("True"), "unset is $null");
    }

    [Test]
    public void A_product_key_is_checked_and_never_stored_or_printed()
    {
        var result = Lab.Casdir($"Set-ExchangeServer E2K10-MLT-01 -ProductKey {Key} -Verbose");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.ToString(), Does.Not.Contain("ABCDE").And.Not.Contain("KLMNO"));
        Assert.That(Dump(), Does.Not.Contain("ABCDE-12345").And.Not.Contain("KLMNO"));

        var writes = Lab.SuccessfulWrites();
        var bad = Lab.Casdir("Set-ExchangeServer E2K10-MLT-01 -ProductKey ABCDE-12345");
        Assert.That(bad.ExitCode, Is.EqualTo(2), bad.ToString());
        Assert.That(bad.Error, Does.Contain("five groups of five"));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));
    }

    [Test]
    public void Domain_lists_the_servers_whose_FQDN_is_in_that_domain()
    {
        var all = Lab.Casdir("Get-ExchangeServer | % { $_.Fqdn }").Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.That(all, Is.Not.Empty);
        var domain = all[0][(all[0].IndexOf('.') + 1)..];
        var expected = all.Where(f => string.Equals(f[(f.IndexOf('.') + 1)..], domain, StringComparison.OrdinalIgnoreCase)).ToList();

        var listed = Lab.Casdir($"Get-ExchangeServer -Domain {domain} -Status | % {{ $_.Fqdn }}");
        Assert.That(listed.ExitCode, Is.Zero, listed.ToString());
        Assert.That(listed.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), Is.EquivalentTo(expected));
        Assert.That(Lab.Casdir("Get-ExchangeServer -Domain nosuch.example | Measure-Object | % Count").Output.Trim(), Is.EqualTo("0"));
        Assert.That(Lab.Casdir("Get-ExchangeServer -Domain ldap://127.0.0.1:389").ExitCode, Is.EqualTo(2), "a domain, not a URL");
    }

    [Test]
    public void Client_access_server_settings_round_trip_in_one_modify()
    {
        var before = Lab.Casdir("$c = Get-ClientAccessServer E2K10-MLT-01; \"$($c.IrmLogEnabled) $($c.IrmLogMaxAge) $($c.IrmLogMaxDirectorySize) $($c.IrmLogMaxFileSize.ToBytes()) $($c.IsOutOfService)\"");
        Assert.That(before.Output.Trim(), Is.EqualTo("True 30.00:00:00 Unlimited 10485760 False"), "Exchange's defaults");

        var writes = Lab.SuccessfulWrites();
        var result = Lab.Casdir(@"Set-ClientAccessServer E2K10-MLT-01 -IrmLogEnabled $false -IrmLogMaxAge 14.00:00:00 -IrmLogMaxDirectorySize 1GB -IrmLogMaxFileSize 20MB -IrmLogPath 'D:\Logs\IRM' -IsOutOfService $true");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes + 1), "one modify");

        var dn = Dn("E2K10-MLT-01");
        Assert.Multiple(() =>
        {
            Assert.That(Stored(dn, "msExchIRMLogMaxAge"), Is.EqualTo(new[] { "1209600" }));
            Assert.That(Stored(dn, "msExchIRMLogMaxDirectorySize"), Is.EqualTo(new[] { "1073741824" }));
            Assert.That(Stored(dn, "msExchIRMLogMaxFileSize"), Is.EqualTo(new[] { "20971520" }));
            Assert.That(Stored(dn, "msExchIRMLogPath"), Is.EqualTo(new[] { @"D:\Logs\IRM" }));
            Assert.That(Stored(dn, "msExchProvisioningFlags"), Is.EqualTo(new[] { "1" }));
        });
        var after = Lab.Casdir("$c = Get-ClientAccessServer E2K10-MLT-01; \"$($c.IrmLogEnabled) $($c.IrmLogMaxAge) $($c.IrmLogMaxDirectorySize.Value.ToBytes()) $($c.IrmLogMaxFileSize.ToBytes()) $($c.IrmLogPath) $($c.IsOutOfService)\"");
        Assert.That(after.Output.Trim(), Is.EqualTo(@"False 14.00:00:00 1073741824 20971520 D:\Logs\IRM True"));
    }

    [Test]
    public void Alternate_service_account_keeps_user_names_only_and_never_a_password()
    {
        var credential = $"(New-Object System.Management.Automation.PSCredential('LAB\\casasa', (ConvertTo-SecureString '{Password}' -AsPlainText -Force)))";
        var result = Lab.Casdir($"Set-ClientAccessServer E2K10-MLT-01 -AlternateServiceAccountCredential {credential} -Verbose");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Stored(Dn("E2K10-MLT-01"), "casdirAlternateServiceAccount"), Is.EqualTo(new[] { @"LAB\casasa" }));

        var shown = Lab.Casdir("Get-ClientAccessServer E2K10-MLT-01 -IncludeAlternateServiceAccountCredentialPassword -IncludeAlternateServiceAccountCredentialStatus | Format-List *");
        Assert.That(shown.ExitCode, Is.Zero, shown.ToString());
        Assert.That(shown.Output, Does.Contain(@"LAB\casasa"));
        Assert.That(shown.ToString() + result, Does.Not.Contain(Password));
        Assert.That(Dump(), Does.Not.Contain(Password), "no password anywhere in the directory");

        Assert.That(Lab.Casdir("Set-ClientAccessServer E2K10-MLT-01 -RemoveAlternateServiceAccountCredentials").ExitCode, Is.Zero);
        Assert.That(Stored(Dn("E2K10-MLT-01"), "casdirAlternateServiceAccount"), Is.Empty);
    }

    [TestCase("Set-ClientAccessServer E2K10-MLT-01 -IrmLogMaxAge 14.00:00:00 -IrmLogMaxFileSize 5GB", "IrmLogMaxFileSize")]
    [TestCase("Set-ClientAccessServer E2K10-MLT-01 -IrmLogMaxAge 14.00:00:00 -IrmLogPath 'relative\\path'", "full local path")]
    [TestCase("Set-ClientAccessServer E2K10-MLT-01 -IrmLogMaxAge 14.00:00:00 -IsOutOfService maybe", "IsOutOfService")]
    [TestCase("Set-ClientAccessServer E2K10-MLT-01 -AlternateServiceAccountCredential (New-Object System.Management.Automation.PSCredential('nodomain', (ConvertTo-SecureString 'x' -AsPlainText -Force)))", "DOMAIN\\user")]
    [TestCase("Set-ClientAccessServer E2K10-MLT-01", "Give at least one setting")]
    [TestCase("Set-ExchangeServer E2K10-MLT-01 -CustomerFeedbackEnabled $true -InternetWebProxy 'not a url'", "InternetWebProxy")]
    [TestCase("Set-ExchangeServer E2K10-MLT-01 -CustomerFeedbackEnabled $true -StaticDomainControllers dc1.lab.local,'bad name!'", "StaticDomainControllers")]
    [TestCase("Set-ExchangeServer E2K10-MLT-01 -CustomerFeedbackEnabled $true -StaticConfigDomainController ldap://dc1:389", "StaticConfigDomainController")]
    [TestCase("Set-ExchangeServer E2K10-MLT-01", "Give at least one setting")]
    [TestCase("New-ClientAccessArray CASArray-X -Fqdn ldap://outlook.lab.local -Site Site-A", "Fqdn")]
    public void A_bad_value_exits_2_and_nothing_is_written(string line, string message)
    {
        var writes = Lab.SuccessfulWrites();
        var result = Lab.Casdir(line);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));
    }

    [Test]
    public void Arrays_take_the_documented_types_and_Name_at_position_0()
    {
        var result = Lab.Casdir("New-ClientAccessArray CASArray-A -Fqdn outlook.lab.local -Site Site-A | Out-Null; (Get-ClientAccessArray -Site Site-A).Fqdn");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output.Trim(), Is.EqualTo("outlook.lab.local"));
        Assert.That(Lab.Casdir("Set-ClientAccessArray CASArray-A -Fqdn mapi.lab.local; (Get-ClientAccessArray CASArray-A).Fqdn").Output.Trim(), Is.EqualTo("mapi.lab.local"));
    }
}
