namespace CasDirectory.IntegrationTests.Fixtures;

/// <summary>One entry of ldapsearch's LDIF output, attribute names compared without case.</summary>
public sealed record LdifEntry(string Dn, IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes,
                               IReadOnlyDictionary<string, IReadOnlyList<byte[]>> Bytes)
{
    public IReadOnlyList<string> Values(string attribute) =>
        Attributes.TryGetValue(attribute, out var values) ? values : [];

    public string? Value(string attribute) => Values(attribute).SingleOrDefault();

    /// <summary>The one value's bytes (binary values come base64-encoded), or null when there is none.</summary>
    public byte[]? Binary(string attribute) => Bytes.TryGetValue(attribute, out var values) ? values.SingleOrDefault() : null;

    /// <summary>Parses unwrapped (-o ldif-wrap=no) LDIF; base64 values are decoded.</summary>
    public static IReadOnlyList<LdifEntry> Parse(string ldif)
    {
        var entries = new List<LdifEntry>();
        foreach (var block in ldif.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string? dn = null;
            var attributes = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            var bytes = new Dictionary<string, List<byte[]>>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in block.Split('\n'))
            {
                if (line.Length == 0 || line.StartsWith('#'))
                    continue;
                var colon = line.IndexOf(':');
                if (colon <= 0)
                    continue;
                var name = line[..colon];
                var value = line[(colon + 1)..];
                var raw = value.StartsWith(':') ? Convert.FromBase64String(value[1..].Trim()) : System.Text.Encoding.UTF8.GetBytes(value.TrimStart(' '));
                value = value.StartsWith(':') ? System.Text.Encoding.UTF8.GetString(raw) : value.TrimStart(' ');
                if (name.Equals("dn", StringComparison.OrdinalIgnoreCase))
                    dn = value;
                else
                {
                    (attributes.TryGetValue(name, out var list) ? list : attributes[name] = []).Add(value);
                    (bytes.TryGetValue(name, out var rawList) ? rawList : bytes[name] = []).Add(raw);
                }
            }
            if (dn is not null)
                entries.Add(new LdifEntry(dn, attributes.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value, StringComparer.OrdinalIgnoreCase),
                                          bytes.ToDictionary(a => a.Key, a => (IReadOnlyList<byte[]>)a.Value, StringComparer.OrdinalIgnoreCase)));
        }
        return entries;
    }
}
