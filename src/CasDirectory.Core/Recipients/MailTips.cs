namespace CasDirectory.Core.Recipients;

/// <summary>
/// MailTip and MailTipTranslations share one attribute, msExchSenderHintTranslations, as in Exchange: the MailTip is the
/// <c>default:</c> value, each translation <c>CULTURE:text</c>. Setting one keeps the other.
/// </summary>
public static class MailTips
{
    public const int MaximumLength = 175;

    public static IReadOnlyList<string> Merge(IReadOnlyList<string> stored, bool mailTipGiven, string? mailTip, IEnumerable<string>? translations)
    {
        var current = stored.FirstOrDefault(IsDefault);
        var others = stored.Where(v => !IsDefault(v)).ToList();
        if (mailTipGiven)
            current = string.IsNullOrEmpty(mailTip) ? null : "default:" + Check("MailTip", mailTip);
        if (translations is not null)
        {
            others = [];
            foreach (var translation in translations)
            {
                var colon = translation.IndexOf(':');
                var culture = colon > 0 ? translation[..colon].Trim() : "";
                if (culture.Length == 0 || culture.Equals("default", StringComparison.OrdinalIgnoreCase) || !culture.All(c => char.IsAsciiLetter(c) || c == '-'))
                    throw new DomainRuleException($"-MailTipTranslations '{translation}' is not valid: write each as CULTURE: text, such as \"FR: C'est la langue française\".", isMalformedInput: true);
                others.Add(culture.ToUpperInvariant() + ":" + Check("MailTipTranslations", translation[(colon + 1)..].TrimStart()));
            }
        }
        return (current is null ? others : others.Prepend(current)).ToList();
    }

    public static string? MailTip(IReadOnlyList<string> stored) => stored.FirstOrDefault(IsDefault)?["default:".Length..];

    public static IReadOnlyList<string> Translations(IReadOnlyList<string> stored) => stored.Where(v => !IsDefault(v)).ToList();

    private static bool IsDefault(string value) => value.StartsWith("default:", StringComparison.OrdinalIgnoreCase);

    private static string Check(string parameter, string text) =>
        text.Length is > 0 and <= MaximumLength && !text.Any(char.IsControl) ? text
            : throw new DomainRuleException($"-{parameter} '{text}' is not valid: use 1 to {MaximumLength} characters without control characters.", isMalformedInput: true);
}
