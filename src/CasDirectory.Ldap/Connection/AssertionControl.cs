using System.DirectoryServices.Protocols;
using System.Formats.Asn1;
using System.Text;

namespace CasDirectory.Ldap.Connection;

/// <summary>
/// The Assertion control (RFC 4528) with an equality filter: the write happens only if the entry still
/// matches. On entryCSN it is a compare-and-swap; a stale value fails with result 122 (not in S.DS.P's enum).
/// </summary>
public static class AssertionControl
{
    public const string Oid = "1.3.6.1.1.12";
    public const int AssertionFailed = 122;

    public static DirectoryControl Equality(string attribute, string value)
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true))) // equalityMatch
        {
            writer.WriteOctetString(Encoding.UTF8.GetBytes(attribute));
            writer.WriteOctetString(Encoding.UTF8.GetBytes(value));
        }
        return new DirectoryControl(Oid, writer.Encode(), isCritical: true, serverSide: true);
    }

    /// <summary><c>(&amp;(attribute=value)(!(absent=*)))</c>: the entry still holds the value and has none of the other attribute.</summary>
    public static DirectoryControl EqualityWithout(string attribute, string value, string absent)
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true))) // and
        {
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true))) // equalityMatch
            {
                writer.WriteOctetString(Encoding.UTF8.GetBytes(attribute));
                writer.WriteOctetString(Encoding.UTF8.GetBytes(value));
            }
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true))) // not
                writer.WriteOctetString(Encoding.UTF8.GetBytes(absent), new Asn1Tag(TagClass.ContextSpecific, 7)); // present
        }
        return new DirectoryControl(Oid, writer.Encode(), isCritical: true, serverSide: true);
    }

    /// <summary>The entry has no value of <paramref name="attribute"/>: <c>(!(attribute=*))</c>.</summary>
    public static DirectoryControl Absent(string attribute)
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true))) // not
            writer.WriteOctetString(Encoding.UTF8.GetBytes(attribute), new Asn1Tag(TagClass.ContextSpecific, 7)); // present
        return new DirectoryControl(Oid, writer.Encode(), isCritical: true, serverSide: true);
    }
}
