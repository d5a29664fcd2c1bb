using System.Text.RegularExpressions;

namespace CasDirectory.Ldap.Schema;

/// <summary>The statements of a slapd.conf-form schema file (objectidentifier, attributetype, objectclass), comments dropped.</summary>
public static partial class SchemaStatements
{
    /// <summary>Each statement with its lines as written (the first holds what follows the keyword).</summary>
    public static IReadOnlyList<(string Keyword, List<string> Lines)> Lines(string schemaText)
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
        return statements;
    }

    /// <summary>Each statement as one line of text.</summary>
    public static IReadOnlyList<(string Keyword, string Text)> Parse(string schemaText) =>
        Lines(schemaText).Select(s => (s.Keyword, string.Join(' ', s.Lines))).ToList();

    [GeneratedRegex(@"^(objectidentifier|attributetype|objectclass)\s+(.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Statement();
}
