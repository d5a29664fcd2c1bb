using System.Text;

namespace CasDirectory.Core.Naming;

/// <summary>Just enough RFC 4514 parsing to read names back out of DNs (the value of the first RDN, the parent).</summary>
public static class DistinguishedNames
{
    /// <summary>The unescaped value of the first RDN: "CN=Site-A,CN=Sites,..." gives "Site-A".</summary>
    public static string FirstValue(string dn) => FirstValue(dn.AsSpan());

    // Spans, not substrings: the service reads a site, a server or a database out of a DN for each of 10,000 servers.
    private static string FirstValue(ReadOnlySpan<char> dn)
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
        // One pass over the RDNs, never a copy of the rest of the DN per RDN: this runs once per server in a snapshot.
        var joined = new StringBuilder(dn.Length);
        var rest = dn.AsSpan();
        while (rest.Length > 0)
        {
            var end = FirstSeparator(rest);
            if (joined.Length > 0 || rest.Length < dn.Length)
                joined.Append(',');
            joined.Append((end < 0 ? rest : rest[..end]).Trim());
            rest = end < 0 ? default : rest[(end + 1)..];
        }
        return ObjectName.Normalize(joined.ToString()).ToLowerInvariant();
    }

    private static int FirstSeparator(ReadOnlySpan<char> dn)
    {
        for (var i = 0; i < dn.Length; i++)
        {
            if (dn[i] == '\\') i++;
            else if (dn[i] == ',') return i;
        }
        return -1;
    }

    /// <summary>RFC 4514 escapes undone: <c>\,</c> gives ",", <c>\C3\A9</c> gives "é" (the bytes of one UTF-8 character).</summary>
    private static string Unescape(ReadOnlySpan<char> value)
    {
        if (value.IndexOf('\\') < 0)
            return value.ToString();
        var bytes = new List<byte>(value.Length);
        var run = 0; // where the current run of characters taken as they are starts
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\' || i + 1 >= value.Length)
                continue; // a backslash at the very end stays
            bytes.AddRange(Encoding.UTF8.GetBytes(value[run..i].ToString()));
            if (i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
            {
                bytes.Add(Convert.ToByte(value.Slice(i + 1, 2).ToString(), 16));
                i += 2;
                run = i + 1;
            }
            else
            {
                i++;
                run = i; // the escaped character is taken as it is
            }
        }
        bytes.AddRange(Encoding.UTF8.GetBytes(value[run..].ToString()));
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
