using System.Globalization;
using System.Text;

namespace CasDirectory.Core.Naming;

/// <summary>
/// Names of sites, servers, arrays, databases and DAGs, as AD compares them (docs/rules.md, "Names").
/// A new name is 1 to 64 characters (the cn limit), holds no control or format character (an invisible U+200D would
/// make a second server that looks like the first), no unassigned code point and no lone surrogate, does not start or
/// end with white space, and holds none of the characters that carry meaning in DNs and filters; it is stored in
/// Unicode NFC. Names are compared in one way everywhere: <see cref="Comparer"/>, ordinal ignoring case on NFC forms
/// (AD's cn matches case-insensitively), so a composed and a decomposed 'é' are one name.
/// Every DN and filter built from input is escaped all the same.
/// </summary>
public static class ObjectName
{
    public const int MaximumLength = 64;
    private const string Refused = "*()\\,=+;\"<>/";

    /// <summary>The one comparer of names: ordinal, ignoring case, on the NFC forms.</summary>
    public static StringComparer Comparer { get; } = new NameComparer();

    /// <summary>Whether two names (or FQDNs, GUIDs, legacyExchangeDNs) are one: <see cref="Comparer"/>; null is no name.</summary>
    public static bool Same(string? a, string? b) => a is not null && b is not null && Comparer.Equals(a, b);

    /// <summary>The NFC form of a name; a name that is not well-formed UTF-16 is returned as it is (and refused by <see cref="Require"/>).</summary>
    public static string Normalize(string name) => IsWellFormed(name) ? UnicodeNormalization.ToFormC(name) : name;

    /// <summary>A new name, checked and in NFC; a malformed one is refused with a message naming the parameter.</summary>
    public static string Require(string? name, string parameter = "Name")
    {
        if (string.IsNullOrEmpty(name) || name.All(c => c == ' '))
            throw new DomainRuleException($"-{parameter} is empty.", isMalformedInput: true);
        if (Flaw(name) is { } flaw)
            throw new DomainRuleException($"-{parameter} '{Shown(name)}' holds {flaw.What}; {flaw.Rule}.", isMalformedInput: true);
        name = UnicodeNormalization.ToFormC(name);
        if (name.Length > MaximumLength)
            throw new DomainRuleException($"-{parameter} '{name}' is {name.Length} characters long; the maximum is {MaximumLength}.", isMalformedInput: true);
        if (name != name.Trim())
            throw new DomainRuleException($"-{parameter} '{name}' starts or ends with a space; a name starts and ends with a letter or digit.", isMalformedInput: true);
        if (name.StartsWith('-') || name.StartsWith('–'))
            throw new DomainRuleException($"-{parameter} '{name}' starts with a dash, which reads as a parameter name; a name starts with a letter or digit.", isMalformedInput: true);
        var special = name.FirstOrDefault(c => Refused.Contains(c));
        if (special != default || name.StartsWith('#'))
            throw new DomainRuleException(
                $"-{parameter} '{name}' contains '{(special != default ? special : '#')}', which casdir does not allow in names (they appear in DNs and filters). " +
                "Use letters, digits, spaces, hyphens, underscores and dots.", isMalformedInput: true);
        return name;
    }

    /// <summary>
    /// Why a name read from the directory is no name casdir would have written (an invisible, control or unassigned
    /// character, a lone surrogate, white space at either end), or null. Such an entry is read as malformed.
    /// </summary>
    public static string? ReadFlaw(string name)
    {
        if (Flaw(name) is { } flaw)
            return $"the name holds {flaw.What}; {flaw.Rule}";
        if (name.Length > 0 && (char.IsWhiteSpace(name[0]) || char.IsWhiteSpace(name[^1])))
            return "the name starts or ends with white space";
        return null;
    }

    /// <summary>The name with every character a terminal would not show escaped as \uXXXX (\UXXXXXXXX beyond the BMP).</summary>
    public static string Shown(string name)
    {
        var shown = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsSurrogatePair(name, i))
            {
                var cp = char.ConvertToUtf32(name[i], name[i + 1]);
                if (IsRefused(CharUnicodeInfo.GetUnicodeCategory(cp))) shown.Append($"\\U{cp:X8}");
                else shown.Append(name, i, 2);
                i++;
            }
            else if (char.IsSurrogate(name[i]) || IsRefused(CharUnicodeInfo.GetUnicodeCategory(name[i])))
                shown.Append($"\\u{(int)name[i]:X4}");
            else
                shown.Append(name[i]);
        }
        return shown.ToString();
    }

    private static bool IsRefused(UnicodeCategory category) =>
        category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate;

    private static bool IsWellFormed(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
            return true;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return false;
        }
        return true;
    }

    /// <summary>The first character a name may not hold: what it is and where (counting characters from 1), and the rule.</summary>
    private static (string What, string Rule)? Flaw(string name)
    {
        var position = 0;
        for (var i = 0; i < name.Length; i++)
        {
            position++;
            int cp;
            if (char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
                cp = char.ConvertToUtf32(name[i], name[++i]);
            else if (char.IsSurrogate(name[i]))
                return ($"a lone surrogate U+{(int)name[i]:X4} at position {position}", "a name must be well-formed Unicode, where a surrogate is half of a pair");
            else
                cp = name[i];
            var category = CharUnicodeInfo.GetUnicodeCategory(cp);
            var code = $"U+{cp:X4}{(CharacterNames.TryGetValue(cp, out var known) ? $" ({known})" : "")}";
            switch (category)
            {
                case UnicodeCategory.Control:
                    return ($"a control character {code} at position {position}", "names may not contain control or format characters");
                case UnicodeCategory.Format:
                    return ($"an invisible character {code} at position {position}", "names may not contain control or format characters");
                case UnicodeCategory.OtherNotAssigned:
                    return ($"an unassigned code point {code} at position {position}", "names may not contain code points Unicode has not assigned");
            }
        }
        return null;
    }

    /// <summary>The Unicode names of the control and format characters most often met (.NET has no table of names).</summary>
    private static readonly Dictionary<int, string> CharacterNames = new()
    {
        [0x0000] = "NULL", [0x0007] = "BELL", [0x0008] = "BACKSPACE", [0x0009] = "CHARACTER TABULATION", [0x000A] = "LINE FEED",
        [0x000B] = "LINE TABULATION", [0x000C] = "FORM FEED", [0x000D] = "CARRIAGE RETURN", [0x001B] = "ESCAPE", [0x007F] = "DELETE",
        [0x0085] = "NEXT LINE", [0x00AD] = "SOFT HYPHEN", [0x061C] = "ARABIC LETTER MARK", [0x180E] = "MONGOLIAN VOWEL SEPARATOR",
        [0x200B] = "ZERO WIDTH SPACE", [0x200C] = "ZERO WIDTH NON-JOINER", [0x200D] = "ZERO WIDTH JOINER",
        [0x200E] = "LEFT-TO-RIGHT MARK", [0x200F] = "RIGHT-TO-LEFT MARK", [0x202A] = "LEFT-TO-RIGHT EMBEDDING",
        [0x202B] = "RIGHT-TO-LEFT EMBEDDING", [0x202C] = "POP DIRECTIONAL FORMATTING", [0x202D] = "LEFT-TO-RIGHT OVERRIDE",
        [0x202E] = "RIGHT-TO-LEFT OVERRIDE", [0x2060] = "WORD JOINER", [0x2061] = "FUNCTION APPLICATION", [0x2062] = "INVISIBLE TIMES",
        [0x2063] = "INVISIBLE SEPARATOR", [0x2064] = "INVISIBLE PLUS", [0x2066] = "LEFT-TO-RIGHT ISOLATE", [0x2067] = "RIGHT-TO-LEFT ISOLATE",
        [0x2068] = "FIRST STRONG ISOLATE", [0x2069] = "POP DIRECTIONAL ISOLATE", [0xFEFF] = "ZERO WIDTH NO-BREAK SPACE",
        [0xFFF9] = "INTERLINEAR ANNOTATION ANCHOR", [0xFFFA] = "INTERLINEAR ANNOTATION SEPARATOR", [0xFFFB] = "INTERLINEAR ANNOTATION TERMINATOR",
    };

    /// <summary>Ordinal ignoring case on NFC forms. ASCII is its own NFC, so two ASCII names (nearly all of them) skip
    /// normalising; a non-ASCII one may still fold to ASCII (U+212A KELVIN SIGN is K), so only a pair of ASCII ones does.</summary>
    private sealed class NameComparer : StringComparer
    {
        public override int Compare(string? x, string? y) =>
            ReferenceEquals(x, y) ? 0 : x is null ? -1 : y is null ? 1
            : System.Text.Ascii.IsValid(x) && System.Text.Ascii.IsValid(y) ? string.Compare(x, y, StringComparison.OrdinalIgnoreCase)
            : string.Compare(Normalize(x), Normalize(y), StringComparison.OrdinalIgnoreCase);

        public override bool Equals(string? x, string? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null
                && (string.Equals(x, y, StringComparison.OrdinalIgnoreCase)
                    || (!(System.Text.Ascii.IsValid(x) && System.Text.Ascii.IsValid(y)) && string.Equals(Normalize(x), Normalize(y), StringComparison.OrdinalIgnoreCase))));

        public override int GetHashCode(string obj) =>
            StringComparer.OrdinalIgnoreCase.GetHashCode(System.Text.Ascii.IsValid(obj) ? obj : Normalize(obj));
    }
}
