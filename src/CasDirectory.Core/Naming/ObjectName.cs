namespace CasDirectory.Core.Naming;

/// <summary>
/// Names of new sites, servers, arrays, databases and DAGs: 1 to 64 characters (the cn limit), without the
/// characters that carry meaning in DNs and filters (refused with a clear message rather than stored).
/// Every DN and filter built from input is escaped all the same.
/// </summary>
public static class ObjectName
{
    public const int MaximumLength = 64;
    private const string Refused = "*()\\,=+;\"<>/";

    public static string Require(string? name, string parameter = "Name")
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new DomainRuleException($"-{parameter} is empty.", isMalformedInput: true);
        if (name.Length > MaximumLength)
            throw new DomainRuleException($"-{parameter} '{name}' is {name.Length} characters long; the maximum is {MaximumLength}.", isMalformedInput: true);
        if (name.Any(char.IsControl))
            throw new DomainRuleException($"-{parameter} contains a control character (such as NUL), which a name cannot hold.", isMalformedInput: true);
        if (name != name.Trim())
            throw new DomainRuleException($"-{parameter} '{name}' starts or ends with a space.", isMalformedInput: true);
        if (name.StartsWith('-') || name.StartsWith('–'))
            throw new DomainRuleException($"-{parameter} '{name}' starts with a dash, which reads as a parameter name; a name starts with a letter or digit.", isMalformedInput: true);
        var special = name.FirstOrDefault(c => Refused.Contains(c));
        if (special != default || name.StartsWith('#'))
            throw new DomainRuleException(
                $"-{parameter} '{name}' contains '{(special != default ? special : '#')}', which casdir does not allow in names (they appear in DNs and filters). " +
                "Use letters, digits, spaces, hyphens, underscores and dots.", isMalformedInput: true);
        return name;
    }
}
