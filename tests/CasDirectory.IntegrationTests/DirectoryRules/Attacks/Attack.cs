using System.Text;

namespace CasDirectory.IntegrationTests.DirectoryRules.Attacks;

/// <summary>
/// One raw-LDAP write that the directory must refuse (docs/rules.md, "What the directory enforces itself"), as the LDIF
/// a user would feed to <c>ldapmodify</c>, with the result code and the words of slapd's refusal.
/// </summary>
public sealed record Attack(string Name, string Ldif, int Code, string Message)
{
    public const string Option = "lang-en";

    /// <summary>Further ldapmodify arguments (controls such as -E !txn=commit).</summary>
    public string[] Extra { get; init; } = [];

    /// <summary>ldapmodify's exit code when it is not slapd's result code (a refused Start Transaction exits 1; the
    /// Message then holds slapd's code).</summary>
    public int? ToolExitCode { get; init; }

    public override string ToString() => Name;

    private string[] Lines => Ldif.Replace("\r", "").TrimEnd('\n').Split('\n');

    private string ChangeType => Lines.FirstOrDefault(l => l.StartsWith("changetype:", StringComparison.OrdinalIgnoreCase))?.Split(':', 2)[1].Trim().ToLowerInvariant() ?? "add";

    /// <summary>The attributes this write names (its entry's, or those its modifications change).</summary>
    public IReadOnlyList<string> Attributes => ChangeType switch
    {
        "add" => Lines.Skip(1).Where(l => !l.StartsWith("changetype:", StringComparison.OrdinalIgnoreCase) && l.Contains(':'))
            .Select(l => l.Split(':', 2)[0]).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        "modify" => Lines.Where(l => l.StartsWith("add:") || l.StartsWith("replace:") || l.StartsWith("delete:"))
            .Select(l => l.Split(':', 2)[1].Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        _ => [],
    };

    /// <summary>The same write with one attribute named under an option (<c>cn;lang-en</c>), or null if it has none.</summary>
    public Attack? WithOption(string attribute)
    {
        if (!Attributes.Contains(attribute, StringComparer.OrdinalIgnoreCase))
            return null;
        var text = new StringBuilder();
        foreach (var line in Lines)
        {
            var colon = line.IndexOf(':');
            var name = colon > 0 ? line[..colon] : "";
            var value = colon > 0 ? line[(colon + 1)..] : "";
            if (name.Equals(attribute, StringComparison.OrdinalIgnoreCase) && !line.StartsWith("dn:"))
                text.Append(name).Append(';').Append(Option).Append(':').Append(value);
            else if ((name is "add" or "replace" or "delete") && value.Trim().Equals(attribute, StringComparison.OrdinalIgnoreCase))
                text.Append(name).Append(": ").Append(attribute).Append(';').Append(Option);
            else
                text.Append(line);
            text.Append('\n');
        }
        return this with { Name = $"{Name} [{attribute};{Option}]", Ldif = text.ToString() };
    }

    /// <summary>The same write with the entry made an extensibleObject too, or null for a rename or delete.</summary>
    public Attack? WithExtensibleObject()
    {
        var lines = Lines.ToList();
        switch (ChangeType)
        {
            case "add":
                var at = lines.FindIndex(l => l.StartsWith("objectClass:", StringComparison.OrdinalIgnoreCase));
                lines.Insert(at < 0 ? 1 : at + 1, "objectClass: extensibleObject");
                break;
            case "modify":
                var first = lines.FindIndex(l => l.StartsWith("changetype:", StringComparison.OrdinalIgnoreCase));
                lines.InsertRange(first + 1, ["add: objectClass", "objectClass: extensibleObject", "-"]);
                break;
            default:
                return null;
        }
        return this with { Name = $"{Name} [extensibleObject]", Ldif = string.Join('\n', lines) + "\n" };
    }
}
