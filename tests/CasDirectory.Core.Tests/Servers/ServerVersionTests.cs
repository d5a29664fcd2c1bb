using CasDirectory.Core.Servers;
using NUnit.Framework;

namespace CasDirectory.Core.Tests.Servers;

/// <summary>serialNumber (docs/directory.md, "The tree and the schema") stores build + 30000 (Exchange 2007 and later); versionNumber is packed.</summary>
public sealed class ServerVersionTests
{
    [TestCase("14.2.247.5", "Version 14.2 (Build 30247.5)", "Version 14.2 (Build 247.5)", 1937932535)]
    [TestCase("14.0.639.21", "Version 14.0 (Build 30639.21)", "Version 14.0 (Build 639.21)", 1937801855)]
    [TestCase("14.3.123.4", "Version 14.3 (Build 30123.4)", "Version 14.3 (Build 123.4)", 1937997947)]
    [TestCase("8.3.83.6", "Version 8.3 (Build 30083.6)", "Version 8.3 (Build 83.6)", 1912832083)]
    [TestCase("6.5.7638.2", "Version 6.5 (Build 7638.2)", "Version 6.5 (Build 7638.2)", 1904582102)]
    public void Versions_are_stored_as_Active_Directory_stores_them(string dotted, string serialNumber, string adminDisplayVersion, int versionNumber)
    {
        var version = ServerVersion.Parse(dotted);

        Assert.That(version.ToSerialNumber(), Is.EqualTo(serialNumber));
        Assert.That(version.ToAdminDisplayVersion(), Is.EqualTo(adminDisplayVersion));
        Assert.That(version.ToVersionNumber(), Is.EqualTo(versionNumber));
    }

    [TestCase("Version 14.2 (Build 30247.5)", "14.2.247.5")]
    [TestCase("Version 8.3 (Build 30083.6)", "8.3.83.6")]
    public void Stored_serial_numbers_read_back_as_the_product_version(string serialNumber, string dotted)
    {
        Assert.That(ServerVersion.TryParseSerialNumber(serialNumber, out var version), Is.True);
        Assert.That(version, Is.EqualTo(ServerVersion.Parse(dotted)));
    }

    [Test]
    public void The_long_form_keeps_its_patch_text()
    {
        Assert.That(ServerVersion.TryParseSerialNumber("Version 6.5 (Build 7638.2: Service Pack 2)", out var version), Is.True);
        Assert.That(version.ToAdminDisplayVersion(), Is.EqualTo("Version 6.5 (Build 7638.2: Service Pack 2)"));
        Assert.That(version with { PatchDescription = null }, Is.EqualTo(ServerVersion.Parse("6.5.7638.2")));
    }

    [Test]
    public void Only_major_version_14_is_Exchange_2010()
    {
        Assert.That(ServerVersion.Parse("14.2.247.5").IsExchange2010, Is.True);
        Assert.That(ServerVersion.Parse("8.3.83.6").IsExchange2010, Is.False);
    }

    [TestCase("14.2")]
    [TestCase("14.2.247")]
    [TestCase("v14.2.247.5")]
    [TestCase("14.2.247.5.1")]
    [TestCase("99.2.247.5")]
    [TestCase("14.2.40000.5")]
    public void Malformed_versions_are_refused(string text) =>
        Assert.That(ServerVersion.TryParse(text, out _), Is.False);

    [Test]
    public void A_2010_multi_role_server_is_38()
    {
        Assert.That((int)(ServerRoles.Mailbox | ServerRoles.ClientAccess | ServerRoles.HubTransport), Is.EqualTo(38));
    }

    [Test]
    public void Versions_order_by_number_not_by_text()
    {
        var versions = new[] { "14.2.247.5", "6.5.7638.2", "8.3.83.6", "14.0.639.21", "14.2.247.10" }.Select(ServerVersion.Parse);

        Assert.That(versions.Order().Select(v => v.ToString()), Is.EqualTo(new[] { "6.5.7638.2", "8.3.83.6", "14.0.639.21", "14.2.247.5", "14.2.247.10" }));
    }
}
