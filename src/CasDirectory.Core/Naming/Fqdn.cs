using System.Text.RegularExpressions;

namespace CasDirectory.Core.Naming;

/// <summary>
/// A fully qualified host name such as <c>outlook.lab.local</c>, checked as Exchange checks its Fqdn type:
/// purely by syntax (labels of letters, digits and hyphens; at most 255 characters), no DNS lookup.
/// </summary>
public static partial class Fqdn
{
    public static bool IsValid(string? text) =>
        text is { Length: > 0 and <= 255 } && text.Contains('.') && text.Split('.').All(label => Label().IsMatch(label));

    public static string Require(string? text, string parameter = "Fqdn") =>
        IsValid(text) ? text!
            : throw new DomainRuleException($"'{text}' is not a valid FQDN for -{parameter}: use labels of letters, digits and hyphens separated by dots, such as outlook.lab.local.", isMalformedInput: true);

    /// <summary>The first label: the default name of an array (A1) and the NetBIOS-style host name.</summary>
    public static string FirstLabel(string fqdn) => fqdn.Split('.')[0];

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex Label();
}
