using System.Globalization;
using CasDirectory.Core.Settings;

namespace CasDirectory.Core.Recipients;

/// <summary>A date and time AD keeps as a generalized time (msExchLitigationHoldDate); $null clears it. Read in UTC.</summary>
public sealed record GeneralizedTimeSyntax : SettingSyntax
{
    private const string Format = "yyyyMMddHHmmss'.0Z'";

    public override object? Read(IReadOnlyList<string> stored) =>
        stored.Count > 0 && DateTime.TryParseExact(stored[0], Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        null => [],
        DateTime time when time.Year is >= 1601 and <= 9999 => [time.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture)],
        DateTimeOffset time => [time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture)],
        _ => throw new DomainRuleException($"{property} '{value}' is not valid: use a date such as \"2027-01-31 18:00\".", isMalformedInput: true),
    };
}

/// <summary>
/// EmailAddressPolicyEnabled: $false is msExchPoliciesExcluded holding Exchange's well-known exclusion GUID
/// {26491cfc-9e50-4857-861b-0cb8df22b5d7}; $true clears it (the directory models no policy to include).
/// </summary>
public sealed record EmailAddressPolicySyntax : SettingSyntax
{
    public const string Excluded = "{26491cfc-9e50-4857-861b-0cb8df22b5d7}";

    public override object? Read(IReadOnlyList<string> stored) => !stored.Contains(Excluded, StringComparer.OrdinalIgnoreCase);

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        true => [],
        false => [Excluded],
        _ => throw new DomainRuleException($"{property} '{value}' is not valid: use $true or $false.", isMalformedInput: true),
    };
}

/// <summary>
/// Languages (msExchUserCulture): culture names such as en-US, in order of preference; an empty list clears them.
/// Checked by form (language, optional script, optional region: en, en-US, sr-Latn-RS) and written in the usual case,
/// as casdir runs without ICU's culture data; Exchange's own list of cultures is not consulted.
/// </summary>
public sealed record CultureListSyntax : SettingSyntax
{
    private static readonly System.Text.RegularExpressions.Regex Form = new(@"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?$");

    public override object? Read(IReadOnlyList<string> stored) => stored.ToArray();

    public override IReadOnlyList<string> Write(string property, object? value)
    {
        var names = value switch
        {
            null => [],
            string one => [one],
            IEnumerable<string> many => many.ToList(),
            _ => throw new DomainRuleException($"{property} '{value}' is not valid: use culture names such as en-US.", isMalformedInput: true),
        };
        return names.Select(n => Normal(property, n)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static string Normal(string property, string name)
    {
        if (!Form.IsMatch(name))
            throw new DomainRuleException($"{property} '{name}' is not a culture: use names such as en-US or de-DE.", isMalformedInput: true);
        var parts = name.Split('-');
        return string.Join("-", parts.Select((p, i) => i == 0 ? p.ToLowerInvariant() : p.Length == 4 ? char.ToUpperInvariant(p[0]) + p[1..].ToLowerInvariant() : p.ToUpperInvariant()));
    }
}

/// <summary>ResetPasswordOnNextLogon: AD's pwdLastSet 0 means "must change at next logon"; $false clears it.</summary>
public sealed record PasswordResetSyntax : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) => stored.Count > 0 && stored[0] == "0";

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        true => ["0"],
        false => [],
        _ => throw new DomainRuleException($"{property} '{value}' is not valid: use $true or $false.", isMalformedInput: true),
    };
}

/// <summary>References to recipients (publicDelegates, authOrig, msExchModeratedByLink …), stored as DNs the shell resolved; an empty list clears them.</summary>
public sealed record ReferenceListSyntax : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) => stored.ToArray();

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        null => [],
        IEnumerable<string> dns => dns.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        _ => throw new DomainRuleException($"{property} '{value}' is not valid: name recipients of the domain.", isMalformedInput: true),
    };
}

/// <summary>SendModerationNotifications: bits 1–2 of msExchModerationFlags (Always = 6 as Exchange stamps it; unset is Always).</summary>
public sealed record ModerationNotificationSyntax : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) =>
        stored.Count == 0 ? TransportModerationNotificationFlags.Always : (TransportModerationNotificationFlags)((Integer(stored, 6) >> 1) & 3);

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        TransportModerationNotificationFlags flags when Enum.IsDefined(flags) => [Text((long)flags << 1)],
        _ => throw new DomainRuleException($"{property} '{value}' is not valid: use Never, Internal or Always.", isMalformedInput: true),
    };
}
