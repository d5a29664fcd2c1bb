using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>
/// msExchVersion as Exchange stores it, class by class (docs/directory.md, "Values as Exchange stores them"): a server object keeps
/// the 2007 object version, 0.1 (8.0.535.0), whatever its build, as real Exchange objects exported with Export-Clixml
/// show; what hangs below a 2010 server, and databases, carry 2010's, 0.10 (14.0.100.0).
/// </summary>
[TestFixture]
public sealed class ExchangeObjectVersionTests : FreshLabTest
{
    private const string Exchange2007 = "4535486012416", Exchange2010 = "44220983382016";

    private string Version(string dn) =>
        Lab.Tools.Entries(DirectoryAccounts.Reader, dn, "(objectClass=*)", "base", "msExchVersion").Single().Value("msExchVersion")!;

    [Test]
    public void The_sample_labs_objects_carry_what_Exchange_stores_on_each_class()
    {
        foreach (var server in new[] { "E2K10-MLT-01", "E2K10-MLT-02", "E2K7-MLT-02" })
            Assert.That(Version(ServerDn(server)), Is.EqualTo(Exchange2007), server);
        Assert.That(Version($"CN=owa (Default Web Site),CN=HTTP,CN=Protocols,{ServerDn("E2K10-MLT-01")}"), Is.EqualTo(Exchange2010));
        Assert.That(Version(Partition.DatabaseDn("MDB01")), Is.EqualTo(Exchange2010));
        Assert.That(Version(Partition.AdministrativeGroupDn), Is.EqualTo(Exchange2007), "an administrative group keeps the 2007 version too");
    }

    [Test]
    public void A_server_made_by_New_ExchangeServer_has_the_2007_object_version_and_its_directories_2010s()
    {
        var made = Lab.Casdir("New-ExchangeServer", "-Name", "E2K10-NEW-01", "-Roles", "ClientAccess", "-Version", "14.3.123.4", "-IPAddress", "10.1.0.77", "-Site", "Site-A");
        Assert.That(made.ExitCode, Is.Zero, made.ToString());

        Assert.That(Version(ServerDn("E2K10-NEW-01")), Is.EqualTo(Exchange2007));
        Assert.That(Version($"CN=EWS (Default Web Site),CN=HTTP,CN=Protocols,{ServerDn("E2K10-NEW-01")}"), Is.EqualTo(Exchange2010));
    }
}
