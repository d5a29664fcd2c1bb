using System.Text;

namespace CasDirectory.Core.Naming;

/// <summary>Just enough RFC 4514 parsing to read names back out of DNs (the value of the first RDN, the parent).</summary>
public static class DistinguishedNames
{
    /// <summary>The unescaped value of the first RDN: "CN=Site-A,CN=Sites,..." gives "Site-A".</summary>
    public static string FirstValue(string dn)
    {
        var end = FirstSeparator(dn);
        var rdn = end < 0 ? dn : dn[..end];
        var equals = rdn.IndexOf('=');
        return Unescape(equals < 0 ? rdn : rdn[(equals + 1)..]);
    }

    /// <summary>Each RDN's type and unescaped value, first RDN first.</summary>
    public static IReadOnlyList<(string Type, string Value)> Split(string dn)
    {
        var parts = new List<(string, string)>();
        var rest = dn;
        while (rest.Trim().Length > 0)
        {
            var end = FirstSeparator(rest);
            var rdn = (end < 0 ? rest : rest[..end]).Trim();
            var equals = rdn.IndexOf('=');
            parts.Add((equals < 0 ? "" : rdn[..equals].Trim(), FirstValue(rdn)));
            rest = end < 0 ? "" : rest[(end + 1)..];
        }
        return parts;
    }

    /// <summary>The DN without its first RDN.</summary>
    public static string Parent(string dn)
    {
        var end = FirstSeparator(dn);
        return end < 0 ? "" : dn[(end + 1)..].TrimStart();
    }

    /// <summary>DNs compare without case, without the spaces some tools put after commas, and on NFC (as names do: <see cref="ObjectName"/>).</summary>
    public static bool AreEqual(string? a, string? b) =>
        a is not null && b is not null && string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

    public static string Normalize(string dn)
    {
        var parts = new List<string>();
        var rest = dn;
        while (rest.Length > 0)
        {
            var end = FirstSeparator(rest);
            parts.Add((end < 0 ? rest : rest[..end]).Trim());
            rest = end < 0 ? "" : rest[(end + 1)..];
        }
        return ObjectName.Normalize(string.Join(",", parts)).ToLowerInvariant();
    }

    private static int FirstSeparator(string dn)
    {
        for (var i = 0; i < dn.Length; i++)
        {
            if (dn[i] == '\\') i++;
            else if (dn[i] == ',') return i;
        }
        return -1;
    }

    private static string Unescape(string value)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 2 < value.Length + 1 && i + 1 < value.Length)
            {
                if (i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
                {
                    bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
                    i += 2;
                    continue;
                }
                i++;
            }
            bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
