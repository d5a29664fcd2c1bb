using System.Text.RegularExpressions;

namespace CasDirectory.Core.Naming;

/// <summary>
/// An Active Directory DNS domain name such as <c>lab.local</c>: two or more labels of letters, digits
/// and hyphens. Its naming context is <c>DC=lab,DC=local</c>.
/// </summary>
public sealed partial record DomainName
{
    private DomainName(string value) => Value = value;

    public string Value { get; }

    /// <summary>The first label, stored in the <c>dc</c> attribute of the domain head.</summary>
    public string FirstLabel => Value.Split('.')[0];

    /// <summary>The domain naming context, e.g. <c>DC=lab,DC=local</c>.</summary>
    public string DistinguishedName => string.Join(",", Value.Split('.').Select(label => "DC=" + label));

    public static DomainName Parse(string? text) =>
        TryParse(text, out var domain, out var error) ? domain : throw new FormatException(error);

    public static bool TryParse(string? text, out DomainName domain, out string error)
    {
        domain = null!;
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            error = "The domain name is empty. Give a DNS name such as lab.local.";
            return false;
        }
        if (value.Length > 253)
        {
            error = $"The domain name '{value}' is longer than 253 characters.";
            return false;
        }
        var labels = value.Split('.');
        if (labels.Length < 2)
        {
            error = $"The domain name '{value}' needs at least two labels, such as lab.local.";
            return false;
        }
        foreach (var label in labels)
        {
            if (!LabelPattern().IsMatch(label))
            {
                error = $"The domain name '{value}' is not a DNS name: each label is 1 to 63 letters, digits or " +
                        "hyphens, and does not start or end with a hyphen.";
                return false;
            }
        }
        domain = new DomainName(value);
        error = "";
        return true;
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex LabelPattern();
}
