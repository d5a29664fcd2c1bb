using System.Text;

namespace CasDirectory.Ldap.Schema;

/// <summary>
/// Converts a slapd.conf-form schema file into its cn=config form (an olcSchemaConfig entry), so the
/// two shipped forms come from one source. Each definition keeps its lines, folded as LDIF continuations.
/// </summary>
public static class SchemaLdif
{
    public static string FromSlapdSchema(string schemaText, string name = "casdirectory")
    {
        var statements = SchemaStatements.Lines(schemaText);

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
}
