using CasDirectory.Core.Security;
using NUnit.Framework;

namespace CasDirectory.Core.Tests.Security;

/// <summary>SIDs as MS-DTYP 2.4.2 writes them: S-1-… text and AD's binary objectSid.</summary>
public sealed class SecurityIdentifierTests
{
    [TestCase("S-1-5-21-691225478-4117322955-3473733593-1103", "01050000000000051500000086433329cb5c69f5d9f70ccf4f040000")]
    [TestCase("S-1-5-11", "0101000000000005" + "0b000000")]
    [TestCase("S-1-1-0", "0101000000000001" + "00000000")]
    public void Text_and_binary_forms_are_the_same_SID(string text, string hex)
    {
        var sid = SecurityIdentifier.Parse(text);
        Assert.That(Convert.ToHexString(sid.ToBinary()).ToLowerInvariant(), Is.EqualTo(hex));
        Assert.That(SecurityIdentifier.FromBinary(Convert.FromHexString(hex)), Is.EqualTo(sid));
        Assert.That(sid.ToString(), Is.EqualTo(text));
    }

    [Test]
    public void A_domain_s_accounts_are_its_SID_and_a_RID()
    {
        var domain = SecurityIdentifier.Parse("S-1-5-21-1-2-3");
        Assert.That(domain.IsDomain);
        Assert.That(domain.Account(512).ToString(), Is.EqualTo("S-1-5-21-1-2-3-512"));
        Assert.Throws<InvalidOperationException>(() => SecurityIdentifier.AuthenticatedUsers.Account(500));
    }

    [TestCase("")]
    [TestCase("S-1")]
    [TestCase("S-2-5-21")]
    [TestCase("S-1-5-21-4294967296")]
    [TestCase("S-1-5--21")]
    [TestCase("S-1-5-21-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16")]
    [TestCase("X-1-5-21")]
    public void Text_that_is_not_a_SID_is_refused(string text) =>
        Assert.Throws<FormatException>(() => SecurityIdentifier.Parse(text));

    [TestCase("02010000000000050b000000")] // revision 2
    [TestCase("0102000000000005" + "0b000000")] // says two sub-authorities, has one
    [TestCase("01010000000000050b00000000")] // a byte too many
    public void Bytes_that_are_not_a_SID_are_refused(string hex) =>
        Assert.Throws<FormatException>(() => SecurityIdentifier.FromBinary(Convert.FromHexString(hex)));
}
