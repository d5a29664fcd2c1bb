namespace CasDirectory.Ldap.Tests.Fixtures;

/// <summary>One entry of ldapsearch's LDIF output, attribute names compared without case.</summary>
public sealed record LdifEntry(string Dn, IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes)
{
    public IReadOnlyList<string> Values(string attribute) =>
        Attributes.TryGetValue(attribute, out var values) ? values : [];

    public string? Value(string attribute) => Values(attribute).SingleOrDefault();

    /// <summary>Parses unwrapped (-o ldif-wrap=no) LDIF; base64 values are decoded.</summary>
    public static IReadOnlyList<LdifEntry> Parse(string ldif)
    {
        var entries = new List<LdifEntry>();
        foreach (var block in ldif.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string? dn = null;
            var attributes = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in block.Split('\n'))
            {
                if (line.Length == 0 || line.StartsWith('#'))
                    continue;
                var colon = line.IndexOf(':');
                if (colon <= 0)
                    continue;
                var name = line[..colon];
                var value = line[(colon + 1)..];
                value = value.StartsWith(':')
                    ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(value[1..].Trim()))
                    : value.TrimStart(' ');
                if (name.Equals("dn", StringComparison.OrdinalIgnoreCase))
                    dn = value;
                else
                    (attributes.TryGetValue(name, out var list) ? list : attributes[name] = []).Add(value);
            }
            if (dn is not null)
                entries.Add(new LdifEntry(dn, attributes.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value, StringComparer.OrdinalIgnoreCase)));
        }
        return entries;
    }
}
