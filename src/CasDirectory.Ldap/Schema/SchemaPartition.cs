using System.Text;
using System.Text.RegularExpressions;

namespace CasDirectory.Ldap.Schema;

/// <summary>
/// The schema partition as Active Directory has it (CN=Schema,CN=Configuration,...): one classSchema entry per class
/// and one attributeSchema entry per attribute that schema/casdirectory.schema defines, named as AD names them
/// (ms-Exch-Exchange-Server), generated from that one file into ldif/schema-partition.ldif.template
/// (`casdir schema-partition`). casdir-guard reads it to give every entry its objectCategory.
/// </summary>
public static partial class SchemaPartition
{
    public const string Container = "CN=Schema,${CONFIG_DN}";

    /// <summary>Names whose AD common name the camel-case rule does not give.</summary>
    private static readonly Dictionary<string, string> CommonNameExceptions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["objectGUID"] = "Object-Guid",
        ["msExchMDBAvailabilityGroupIPv4Addresses"] = "ms-Exch-MDB-Availability-Group-IPv4-Addresses",
        ["uSNChanged"] = "USN-Changed",
        ["uSNCreated"] = "USN-Created",
        ["msDS-Approx-Immed-Subordinates"] = "ms-DS-Approx-Immed-Subordinates",
    };

    /// <summary>AD's attributeSyntax and oMSyntax for each LDAP syntax the schema uses.</summary>
    private static readonly Dictionary<string, (string AttributeSyntax, int OmSyntax)> Syntaxes = new()
    {
        ["1.3.6.1.4.1.1466.115.121.1.12"] = ("2.5.5.1", 127),
        ["1.3.6.1.4.1.1466.115.121.1.15"] = ("2.5.5.12", 64),
        ["1.3.6.1.4.1.1466.115.121.1.27"] = ("2.5.5.9", 2),
        ["1.3.6.1.4.1.1466.115.121.1.7"] = ("2.5.5.8", 1),
        ["1.3.6.1.4.1.1466.115.121.1.40"] = ("2.5.5.10", 4),
        ["1.3.6.1.4.1.1466.115.121.1.24"] = ("2.5.5.11", 24),
        ["1.3.6.1.4.1.1466.115.121.1.26"] = ("2.5.5.5", 22),
        ["1.3.6.1.4.1.1466.115.121.1.38"] = ("2.5.5.2", 6),
        ["1.3.6.1.4.1.1466.115.121.1.44"] = ("2.5.5.5", 19),
        ["1.3.6.1.4.1.1466.115.121.1.36"] = ("2.5.5.6", 18),
    };

    /// <summary>AD's common name of a class or attribute: msExchExchangeServer → ms-Exch-Exchange-Server, dNSHostName → DNS-Host-Name.</summary>
    public static string CommonName(string ldapDisplayName)
    {
        if (CommonNameExceptions.TryGetValue(ldapDisplayName, out var known))
            return known;
        if (ldapDisplayName.StartsWith("msExch", StringComparison.Ordinal))
            return "ms-Exch-" + Words(ldapDisplayName["msExch".Length..]);
        return Words(char.ToUpperInvariant(ldapDisplayName[0]) + ldapDisplayName[1..]);
    }

    private static string Words(string name) => string.Join('-', Word().Matches(name).Select(m => m.Value));

    /// <summary>The LDIF template of the schema partition, with ${CONFIG_DN} for the configuration DN.</summary>
    public static string FromSlapdSchema(string schemaText)
    {
        var statements = SchemaStatements.Parse(schemaText);
        var identifiers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyword, text) in statements.Where(s => s.Keyword == "objectidentifier"))
        {
            var parts = text.Split(' ', 2, StringSplitOptions.TrimEntries);
            identifiers[parts[0]] = Resolve(parts[1], identifiers);
        }

        var ldif = new StringBuilder();
        ldif.Append("# Generated from schema/casdirectory.schema by `casdir schema-partition`; do not edit by hand.\n");
        ldif.Append("# The schema partition, as Active Directory has it: one classSchema or attributeSchema entry per definition.\n\n");
        ldif.Append($"dn: {Container}\nobjectClass: top\nobjectClass: container\ncn: Schema\n");
        ldif.Append("description: The classes and attributes of this directory, as Active Directory's schema partition lists them\n");

        foreach (var (keyword, text) in statements.Where(s => s.Keyword == "attributetype"))
        {
            var definition = Definition.Parse(text, identifiers);
            if (definition.Oid.StartsWith(identifiers["CasDirRootDse"] + ".", StringComparison.Ordinal))
                continue; // root DSE attributes have no schema entry in AD (MS-ADTS 3.1.1.3.2)
            var syntax = definition.Single("SYNTAX") is { } s ? s.Split('{')[0] : "1.3.6.1.4.1.1466.115.121.1.15";
            // AD's Large Integer has no LDAP syntax of its own (it is an Integer on the wire), and its Object-Identifier
            // attributes that hold names are Directory Strings here (slapd's OID syntax refuses names): their DESC says which.
            var (attributeSyntax, omSyntax) =
                syntax == "1.3.6.1.4.1.1466.115.121.1.27" && definition.Description?.Contains("(LargeInteger)") == true ? ("2.5.5.16", 65)
                : syntax == "1.3.6.1.4.1.1466.115.121.1.15" && definition.Description?.Contains("(Object-Identifier)") == true ? ("2.5.5.2", 6)
                : Syntaxes.GetValueOrDefault(syntax, ("2.5.5.12", 64));
            var cn = CommonName(definition.Name);
            ldif.Append($"\ndn: CN={cn},{Container}\nobjectClass: top\nobjectClass: attributeSchema\ncn: {cn}\n");
            ldif.Append($"lDAPDisplayName: {definition.Name}\nattributeID: {definition.Oid}\n");
            ldif.Append($"attributeSyntax: {attributeSyntax}\noMSyntax: {omSyntax}\nisSingleValued: {(definition.Flags.Contains("SINGLE-VALUE") ? "TRUE" : "FALSE")}\n");
            ldif.Append($"schemaIDGUID:: {Convert.ToBase64String(SchemaIdGuid.AdBytes(SchemaIdGuid.Of(definition.Name, definition.Oid)))}\n");
            if (definition.Description is { } description)
                ldif.Append($"adminDescription: {description}\n");
        }

        foreach (var (keyword, text) in statements.Where(s => s.Keyword == "objectclass"))
        {
            var definition = Definition.Parse(text, identifiers);
            var cn = CommonName(definition.Name);
            var category = definition.Flags.Contains("ABSTRACT") ? 2 : definition.Flags.Contains("AUXILIARY") ? 3 : 1;
            ldif.Append($"\ndn: CN={cn},{Container}\nobjectClass: top\nobjectClass: classSchema\ncn: {cn}\n");
            ldif.Append($"lDAPDisplayName: {definition.Name}\ngovernsID: {definition.Oid}\nobjectClassCategory: {category}\n");
            ldif.Append($"subClassOf: {definition.List("SUP").FirstOrDefault() ?? "top"}\n");
            ldif.Append($"defaultObjectCategory: CN={cn},{Container}\n");
            ldif.Append($"schemaIDGUID:: {Convert.ToBase64String(SchemaIdGuid.AdBytes(SchemaIdGuid.Of(definition.Name, definition.Oid)))}\n");
            foreach (var must in definition.List("MUST"))
                ldif.Append($"mustContain: {must}\n");
            foreach (var may in definition.List("MAY"))
                ldif.Append($"mayContain: {may}\n");
            if (definition.Description is { } description)
                ldif.Append($"adminDescription: {description}\n");
        }
        return ldif.ToString();
    }

    private static string Resolve(string oid, IReadOnlyDictionary<string, string> identifiers)
    {
        var colon = oid.IndexOf(':');
        return colon > 0 && identifiers.TryGetValue(oid[..colon], out var arc) ? $"{arc}.{oid[(colon + 1)..]}"
            : identifiers.TryGetValue(oid, out var whole) ? whole : oid;
    }

    /// <summary>One parsed definition: "( OID NAME 'x' DESC '...' SUP y MUST ( a $ b ) SINGLE-VALUE ... )".</summary>
    private sealed record Definition(string Oid, string Name, string? Description, IReadOnlyDictionary<string, string> Values, IReadOnlySet<string> Flags)
    {
        public string? Single(string key) => Values.GetValueOrDefault(key);

        public IReadOnlyList<string> List(string key) =>
            Values.TryGetValue(key, out var value) ? value.Trim('(', ')', ' ').Split('$', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];

        public static Definition Parse(string text, IReadOnlyDictionary<string, string> identifiers)
        {
            var body = text.Trim();
            if (!body.StartsWith('(') || !body.EndsWith(')'))
                throw new FormatException($"Not a schema definition: '{text}'.");
            var tokens = Token().Matches(body[1..^1]).Select(m => m.Value).ToList();
            var oid = Resolve(tokens[0], identifiers);
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var flags = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 1; i < tokens.Count; i++)
            {
                if (i + 1 < tokens.Count && tokens[i] is "NAME" or "DESC" or "SUP" or "MUST" or "MAY" or "SYNTAX" or "EQUALITY" or "ORDERING" or "SUBSTR" or "USAGE")
                    values[tokens[i]] = tokens[++i];
                else
                    flags.Add(tokens[i]);
            }
            var name = values["NAME"].Trim('(', ')', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries)[0].Trim('\'');
            var description = values.TryGetValue("DESC", out var d) ? d.Trim('\'') : null;
            return new Definition(oid, name, description, values, flags);
        }
    }

    [GeneratedRegex(@"'[^']*'|\([^)]*\)|[^\s()]+")]
    private static partial Regex Token();

    [GeneratedRegex(@"[A-Z]+(?![a-z])|[A-Z][a-z]*|[a-z]+|\d+")]
    private static partial Regex Word();
}
