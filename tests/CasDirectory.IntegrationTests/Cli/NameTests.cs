using System.Text;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.Cli;

/// <summary>
/// Names as AD compares them (docs/rules.md, "Names"): a name with an invisible or control character is refused, so no
/// second server can look like the first; a decomposed and a composed name are one name; a name with such a character
/// written by the rootdn is read as MALFORMED, not returned.
/// </summary>
[TestFixture]
public sealed class NameTests : SharedLabTest
{
    private const string Zwj = "holds an invisible character U+200D (ZERO WIDTH JOINER) at position 13; names may not contain control or format characters";

    private void AssertRefused(ProcessResult result, int writesBefore, string message)
    {
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writesBefore), "nothing was written");
    }

    [Test]
    public void A_server_name_with_a_zero_width_joiner_is_refused()
    {
        var writes = Lab.SuccessfulWrites();

        var result = Lab.Casdir("New-ExchangeServer -Name \"E2K10-MLT-01$([char]0x200D)\" -Roles Mailbox -Version 14.2.247.5 -IPAddress 10.1.0.41");

        AssertRefused(result, writes, @"-Name 'E2K10-MLT-01\u200D' " + Zwj);
    }

    [Test]
    public void A_server_name_with_a_zero_width_joiner_in_an_argument_is_refused()
    {
        var writes = Lab.SuccessfulWrites();

        var result = Lab.Casdir("New-ExchangeServer", "-Name", "E2K10-MLT-01\u200D", "-Roles", "Mailbox", "-Version", "14.2.247.5", "-IPAddress", "10.1.0.41");

        AssertRefused(result, writes, Zwj);
    }

    [Test]
    public void A_site_name_with_a_right_to_left_override_in_a_script_is_refused()
    {
        var writes = Lab.SuccessfulWrites();

        var result = Lab.CasdirProcess(["-File", "-"], "New-ADReplicationSite -Name 'Site-\u202EB'\n");

        AssertRefused(result, writes, "holds an invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) at position 6");
    }

    [Test]
    public void A_site_scope_with_a_zero_width_space_is_refused_naming_the_parameter()
    {
        var writes = Lab.SuccessfulWrites();

        var result = Lab.Casdir("Set-ClientAccessServer E2K10-MLT-01 -AutoDiscoverSiteScope Site-A,\"Site-B$([char]0x200B)\"");

        AssertRefused(result, writes, @"-AutoDiscoverSiteScope 'Site-B\u200B' holds an invisible character U+200B (ZERO WIDTH SPACE) at position 7");
    }

    [Test]
    public void A_look_alike_identity_is_not_found_and_shows_its_invisible_character()
    {
        var result = Lab.Casdir("Get-ExchangeServer \"E2K10-MLT-01$([char]0x200D)\"");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain(@"The Exchange server 'E2K10-MLT-01\u200D' was not found."));
    }

    [Test]
    public void A_decomposed_site_name_is_stored_composed_and_is_one_name_with_the_composed_one()
    {
        var created = Lab.Casdir("New-ADReplicationSite -Name \"Zu$([char]0x308)rich\"");
        Assert.That(created.ExitCode, Is.Zero, created.ToString());

        var stored = Lab.Tools.Search(DirectoryAccounts.Admin, Partition.SitesDn, "(objectClass=site)", "one", "cn");
        var again = Lab.Casdir("New-ADReplicationSite -Name \"Z$([char]0xFC)rich\"");
        var found = Lab.Casdir("Get-ADReplicationSite \"ZU$([char]0x308)RICH\"");

        Assert.That(Decoded(stored.Output), Does.Contain("cn: Z\u00FCrich"), "stored in NFC");
        Assert.That(again.ExitCode, Is.Not.Zero, "the composed name is the same site: " + again);
        Assert.That(again.Error, Does.Contain("Z\u00FCrich"));
        Assert.That(found.ExitCode, Is.Zero, found.ToString());
        Assert.That(found.Output, Does.Contain("Z\u00FCrich"));
    }

    [Test]
    public void A_site_named_with_a_zero_width_joiner_by_the_rootdn_is_read_as_malformed()
    {
        var cn = "Site-B\u200D";
        var dn = SiteDn(cn);
        var added = Lab.Tools.Add(DirectoryAccounts.Admin,
            $"dn:: {Base64(dn)}\nobjectClass: top\nobjectClass: site\ncn:: {Base64(cn)}\n", "-e", "relax");
        Assert.That(added.ExitCode, Is.Zero, added.ToString());
        try
        {
            var sites = Lab.Casdir("Get-ADReplicationSite");
            var report = Lab.Casdir("Test-CasTopology");

            Assert.That(sites.ExitCode, Is.Zero, sites.ToString());
            Assert.That(sites.Output + sites.Error, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(sites.Output, Does.Not.Contain("\u200D"), "the look-alike is not listed");
            Assert.That((sites.Output + sites.Error).ToLowerInvariant(), Does.Contain(@"cn 'site-b\u200d': the name holds an invisible character u+200d (zero width joiner) at position 7"));
            Assert.That(report.ExitCode, Is.EqualTo(1), report.ToString());
            Assert.That(report.Output, Does.Contain("MALFORMED").And.Contain(@"Site-B\u200D"));
        }
        finally
        {
            Lab.Tools.Modify(DirectoryAccounts.Admin, $"dn:: {Base64(dn)}\nchangetype: delete\n");
        }
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>ldapsearch writes a non-ASCII value base64-encoded ("cn:: …").</summary>
    private static string Decoded(string ldif) =>
        string.Join("\n", ldif.Split('\n').Select(line => line.StartsWith("cn:: ") ? "cn: " + Encoding.UTF8.GetString(Convert.FromBase64String(line[5..].Trim())) : line));
}
