using System.Text.RegularExpressions;

namespace CasDirectory.Core.Naming;

/// <summary>
/// An Exchange organisation name such as <c>First Organization</c>. Exchange setup allows letters, digits,
/// spaces and hyphens, at most 64 characters; the name appears in DNs and in <c>/o=</c> of legacyExchangeDN.
/// </summary>
public sealed partial record OrganizationName
{
    private OrganizationName(string value) => Value = value;

    public string Value { get; }

    public static OrganizationName Parse(string? text) =>
        TryParse(text, out var org, out var error) ? org : throw new FormatException(error);

    public static bool TryParse(string? text, out OrganizationName organization, out string error)
    {
        organization = null!;
        var value = text ?? "";
        if (!Pattern().IsMatch(value))
        {
            error = $"The organisation name '{value}' is not valid: use 1 to 64 letters, digits, spaces or hyphens, " +
                    "not starting or ending with a space or hyphen.";
            return false;
        }
        organization = new OrganizationName(value);
        error = "";
        return true;
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9 -]{0,62}[A-Za-z0-9])?$")]
    private static partial Regex Pattern();
}
