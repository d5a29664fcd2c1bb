using System.Security.Cryptography;
using System.Text;

namespace CasDirectory.Ldap.Schema;

/// <summary>
/// The schemaIDGUID of a class or attribute, the GUID access control entries name it by (an object ACE's ObjectType):
/// Microsoft's published value for the Microsoft attributes listed below (those ACEs and AD clients name; each checked
/// against MS-ADA1..3), else the RFC 4122 name-based UUID
/// (version 5, OID namespace) of its OID, so every directory made from this schema gives the same one and no value
/// passes for Microsoft's. casdir-guard's security descriptors use the same GUIDs (slapd/guard/casdir_security.c).
/// </summary>
public static class SchemaIdGuid
{
    /// <summary>Microsoft's values (MS-ADA1..3) for the attributes whose schemaIDGUID an ACE or a client names.</summary>
    private static readonly Dictionary<string, Guid> Published = new(StringComparer.OrdinalIgnoreCase)
    {
        ["legacyExchangeDN"] = new("28630ebc-41d5-11d1-a9c1-0000f80367c1"),
        ["nTSecurityDescriptor"] = new("bf9679e3-0de6-11d0-a285-00aa003049e2"),
        ["schemaIDGUID"] = new("bf967923-0de6-11d0-a285-00aa003049e2"),
        ["objectGUID"] = new("bf9679e7-0de6-11d0-a285-00aa003049e2"),
        ["objectSid"] = new("bf9679e8-0de6-11d0-a285-00aa003049e2"),
        ["sAMAccountName"] = new("3e0abfd0-126a-11d0-a060-00aa006c33ed"),
        ["attributeID"] = new("bf967922-0de6-11d0-a285-00aa003049e2"),
    };

    /// <summary>RFC 4122's name space for OIDs (Appendix C).</summary>
    private static readonly byte[] OidNamespace = Convert.FromHexString("6ba7b8129dad11d180b400c04fd430c8");

    public static Guid Of(string name, string oid)
    {
        if (Published.TryGetValue(name, out var published))
            return published;
        var hash = SHA1.HashData([.. OidNamespace, .. Encoding.UTF8.GetBytes(oid)]);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>As AD stores it: the first three fields little-endian (objectGUID's order).</summary>
    public static byte[] AdBytes(Guid guid) => guid.ToByteArray();
}
