using System.DirectoryServices.Protocols;
using System.Formats.Asn1;
using System.Text;

namespace CasDirectory.Ldap.Connection;

/// <summary>
/// The Post-Read control (RFC 4527): the server returns chosen attributes of the entry as the write left it,
/// in the write's own response. Used to learn a new entry's entryUUID without a search.
/// </summary>
public static class PostReadControl
{
    public const string Oid = "1.3.6.1.1.13.2";

    public static DirectoryControl Request(params string[] attributes)
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        using (writer.PushSequence())
        {
            foreach (var attribute in attributes)
                writer.WriteOctetString(Encoding.UTF8.GetBytes(attribute));
        }
        return new DirectoryControl(Oid, writer.Encode(), isCritical: false, serverSide: true);
    }

    /// <summary>The attributes in a response's Post-Read control (a BER SearchResultEntry), or empty when there is none.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Read(DirectoryResponse response)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var control = response.Controls?.FirstOrDefault(c => c.Type == Oid);
        if (control is null)
            return result;
        var entry = new AsnReader(control.GetValue(), AsnEncodingRules.BER).ReadSequence(new Asn1Tag(TagClass.Application, 4));
        entry.ReadOctetString(); // objectName
        var attributes = entry.ReadSequence();
        while (attributes.HasData)
        {
            var attribute = attributes.ReadSequence();
            var type = Encoding.UTF8.GetString(attribute.ReadOctetString());
            var values = attribute.ReadSetOf();
            var list = new List<string>();
            while (values.HasData)
                list.Add(Encoding.UTF8.GetString(values.ReadOctetString()));
            result[type] = list;
        }
        return result;
    }
}
