using CasDirectory.Core.Security;
using NUnit.Framework;

namespace CasDirectory.Core.Tests.Security;

/// <summary>Self-relative security descriptors (MS-DTYP 2.4.6) as nTSecurityDescriptor holds them, read into SDDL, and
/// the DACL evaluated as an access check does.</summary>
public sealed class SecurityDescriptorTests
{
    private static readonly SecurityIdentifier Domain = SecurityIdentifier.Parse("S-1-5-21-691225478-4117322955-3473733593");
    private static readonly SecurityIdentifier Provisioning = Domain.Account(1101), Updater = Domain.Account(1102);
    private static readonly Guid SiteAttribute = new("198b54bc-9282-5797-8f6e-25874dc7078c");

    /// <summary>A domain head's descriptor as casdir-guard wrote it (owner, group and DACL).</summary>
    private const string DomainHead =
        "AQAEgGgAAACEAAAAAAAAABQAAAACAFQAAwAAAAAAFAD/AQ8AAQEAAAAAAAUSAAAAAAAkAP8BDwABBQAAAAAABRUAAACGQzMpy1xp9dn3DM8AAgAAAAAUAJQAAgABAQAAAAAABQsAAAABBQAAAAAABRUAAACGQzMpy1xp9dn3DM8AAgAAAQUAAAAAAAUVAAAAhkMzKctcafXZ9wzPAAIAAA==";

    [Test]
    public void A_descriptor_reads_as_SDDL_with_AD_s_abbreviations()
    {
        var descriptor = SecurityDescriptor.Parse(Convert.FromBase64String(DomainHead));
        Assert.That(descriptor.ToSddl(Domain), Is.EqualTo(
            "O:DAG:DAD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;SY)(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;DA)(A;;LCRPLORC;;;AU)"));
        Assert.That(descriptor.Sacl, Is.Null);
    }

    [Test]
    public void An_object_ACE_grants_its_right_on_its_attribute_only()
    {
        var descriptor = new SecurityDescriptor(SecurityDescriptor.SelfRelative | SecurityDescriptor.DaclPresent, null, null,
        [
            new AccessControlEntry(AceType.AccessAllowedObject, 0, SecurityDescriptor.WriteProperty, Updater, SiteAttribute),
            new AccessControlEntry(AceType.AccessAllowed, 0, SecurityDescriptor.ReadProperty, SecurityIdentifier.AuthenticatedUsers),
        ], null);
        SecurityIdentifier[] updater = [Updater, SecurityIdentifier.AuthenticatedUsers];
        Assert.That(descriptor.Grants(updater, SecurityDescriptor.WriteProperty, SiteAttribute));
        Assert.That(descriptor.Grants(updater, SecurityDescriptor.WriteProperty), Is.False, "not on the object's every attribute");
        Assert.That(descriptor.Grants(updater, SecurityDescriptor.WriteProperty, Guid.NewGuid()), Is.False);
        Assert.That(descriptor.Grants([Provisioning, SecurityIdentifier.AuthenticatedUsers], SecurityDescriptor.WriteProperty, SiteAttribute), Is.False);
        Assert.That(descriptor.Grants(updater, SecurityDescriptor.ReadProperty));
        Assert.That(descriptor.ToSddl(Domain), Is.EqualTo($"D:(OA;;WP;{SiteAttribute};;{Updater})(A;;RP;;;AU)"));
    }

    [Test]
    public void A_deny_before_an_allow_refuses_the_right()
    {
        var descriptor = new SecurityDescriptor(SecurityDescriptor.SelfRelative | SecurityDescriptor.DaclPresent, null, null,
        [
            new AccessControlEntry(AceType.AccessDenied, 0, SecurityDescriptor.WriteProperty, Provisioning),
            new AccessControlEntry(AceType.AccessAllowed, 0, 0xF01FF, SecurityIdentifier.AuthenticatedUsers),
        ], null);
        Assert.That(descriptor.Grants([Provisioning, SecurityIdentifier.AuthenticatedUsers], SecurityDescriptor.WriteProperty), Is.False);
        Assert.That(descriptor.Grants([Provisioning, SecurityIdentifier.AuthenticatedUsers], SecurityDescriptor.ReadProperty));
    }

    [TestCase("")]
    [TestCase("AQAEgA==")]                                     // a header cut short
    [TestCase("AQAEAGgAAACEAAAAAAAAABQAAAA=")]                 // not self-relative
    [TestCase("AQAEgGgAAACEAAAAAAAAABQAAAACAFQAAwAAAAAAFAD/")] // an ACL past the end
    public void Bytes_that_are_not_a_descriptor_are_refused(string base64) =>
        Assert.Throws<FormatException>(() => SecurityDescriptor.Parse(Convert.FromBase64String(base64)));
}
