using System.Text.RegularExpressions;

namespace CasDirectory.Ldap.Local;

/// <summary>
/// Fills <c>${NAME}</c> placeholders in the slapd and LDIF templates, exactly as the container's
/// envsubst does. A placeholder without a value is an error, never left in the output.
/// </summary>
public static partial class TemplateRenderer
{
    public static string Render(string template, IReadOnlyDictionary<string, string> values, string templateName = "template")
    {
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var rendered = Placeholder().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            if (values.TryGetValue(name, out var value))
                return value;
            missing.Add(name);
            return match.Value;
        });
        if (missing.Count > 0)
            throw new InvalidOperationException($"{templateName} uses placeholders with no value: {string.Join(", ", missing)}.");
        return rendered;
    }

    public static IReadOnlySet<string> PlaceholdersIn(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
