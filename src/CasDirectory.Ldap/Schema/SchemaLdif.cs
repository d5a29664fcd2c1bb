using System.Text;
using System.Text.RegularExpressions;

namespace CasDirectory.Ldap.Schema;

/// <summary>
/// Converts a slapd.conf-form schema file into its cn=config form (an olcSchemaConfig entry), so the
/// two shipped forms come from one source. Each definition keeps its lines, folded as LDIF continuations.
/// </summary>
public static partial class SchemaLdif
{
    public static string FromSlapdSchema(string schemaText, string name = "casdirectory")
    {
        var statements = new List<(string Keyword, List<string> Lines)>();
        foreach (var raw in schemaText.Replace("\r\n", "\n").Split('\n'))
        {
            if (raw.TrimStart().StartsWith('#') || raw.Trim().Length == 0)
                continue;
            if (char.IsWhiteSpace(raw[0]))
            {
                if (statements.Count == 0)
                    throw new FormatException($"A continuation line comes before any definition: '{raw.Trim()}'.");
                statements[^1].Lines.Add(raw.Trim());
                continue;
            }
            var match = Statement().Match(raw);
            if (!match.Success)
                throw new FormatException($"Not a schema statement: '{raw}'.");
            statements.Add((match.Groups[1].Value.ToLowerInvariant(), [match.Groups[2].Value.Trim()]));
        }

        var ldif = new StringBuilder();
        ldif.Append("# Generated from casdirectory.schema by `casdir schema-ldif`; do not edit by hand.\n");
        ldif.Append("# Load into a cn=config directory with: ldapadd -Y EXTERNAL -H ldapi:/// -f casdirectory.ldif\n");
        ldif.Append($"dn: cn={name},cn=schema,cn=config\nobjectClass: olcSchemaConfig\ncn: {name}\n");
        foreach (var (keyword, attribute) in new[]
                 {
                     ("objectidentifier", "olcObjectIdentifier"),
                     ("attributetype", "olcAttributeTypes"),
                     ("objectclass", "olcObjectClasses"),
                 })
        {
            var index = 0;
            foreach (var (_, lines) in statements.Where(s => s.Keyword == keyword))
            {
                ldif.Append($"{attribute}: {{{index++}}}{lines[0]}\n");
                foreach (var line in lines.Skip(1))
                    ldif.Append("  ").Append(line).Append('\n');
            }
        }
        return ldif.ToString();
    }

    [GeneratedRegex(@"^(objectidentifier|attributetype|objectclass)\s+(.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Statement();
}
