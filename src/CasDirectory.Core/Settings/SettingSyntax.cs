using System.Globalization;
using CasDirectory.Core.Values;

namespace CasDirectory.Core.Settings;

/// <summary>
/// How one Exchange property is held in its AD attribute: the value the shell shows, the strings LDAP stores, and
/// the check Exchange makes before writing (docs/settings.md). A value that fails the check is refused with the
/// property's name and the range, and nothing is written.
/// </summary>
public abstract record SettingSyntax
{
    /// <summary>The value the property has when the attribute is unset (Exchange's default).</summary>
    public abstract object? Read(IReadOnlyList<string> stored);

    /// <summary>The values to store; an empty list clears the attribute.</summary>
    public abstract IReadOnlyList<string> Write(string property, object? value);

    protected static DomainRuleException Refused(string property, object? value, string expected) =>
        new($"{property} '{value}' is not valid: {expected}.", isMalformedInput: true);

    protected static long Integer(IReadOnlyList<string> stored, long unset) =>
        stored.Count > 0 && long.TryParse(stored[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : unset;

    protected static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>An AD Boolean (TRUE/FALSE).</summary>
public sealed record BooleanSyntax(bool Unset = false) : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) =>
        stored.Count == 0 ? Unset : string.Equals(stored[0], "TRUE", StringComparison.OrdinalIgnoreCase);

    public override IReadOnlyList<string> Write(string property, object? value) =>
        value is bool b ? [b ? "TRUE" : "FALSE"] : throw Refused(property, value, "use $true or $false");
}

/// <summary>A Boolean AD keeps negated: MountAtStartup is msExchEDBOffline FALSE.</summary>
public sealed record NegatedBooleanSyntax : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) =>
        stored.Count == 0 || !string.Equals(stored[0], "TRUE", StringComparison.OrdinalIgnoreCase);

    public override IReadOnlyList<string> Write(string property, object? value) =>
        value is bool b ? [b ? "FALSE" : "TRUE"] : throw Refused(property, value, "use $true or $false");
}

/// <summary>A Boolean Exchange keeps as an integer, non-zero for true (msExchESEParamCircularLog).</summary>
public sealed record IntegerBooleanSyntax : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) => Integer(stored, 0) != 0;

    public override IReadOnlyList<string> Write(string property, object? value) =>
        value is bool b ? [b ? "1" : "0"] : throw Refused(property, value, "use $true or $false");
}

/// <summary>An integer within Exchange's range for the property.</summary>
public sealed record IntegerSyntax(long Minimum, long Maximum, long? Unset = null) : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) =>
        stored.Count == 0 ? (Unset is { } u ? (int)u : null) : (int)Integer(stored, Unset ?? 0);

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        null => [],
        int or long or uint when Convert.ToInt64(value, CultureInfo.InvariantCulture) is var n && n >= Minimum && n <= Maximum => [Text(n)],
        _ => throw Refused(property, value, $"use a whole number from {Minimum} to {Maximum}"),
    };
}

/// <summary>Text of at most <paramref name="MaximumLength"/> characters; $null or '' clears it.</summary>
public sealed record TextSyntax(int MaximumLength = 1024) : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) => stored.Count == 0 ? null : stored[0];

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        null or "" => [],
        string s when s.Length <= MaximumLength && !s.Any(char.IsControl) => [s],
        _ => throw Refused(property, value, $"use text of at most {MaximumLength} characters without control characters"),
    };
}

/// <summary>Several text values (MultiValuedProperty&lt;string&gt;); an empty list clears them.</summary>
public sealed record MultiTextSyntax(int MaximumLength = 1024) : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) => stored.ToArray();

    public override IReadOnlyList<string> Write(string property, object? value)
    {
        var values = value switch
        {
            null => [],
            string s => [s],
            IEnumerable<string> many => many.ToList(),
            _ => throw Refused(property, value, "use text values"),
        };
        foreach (var v in values)
            if (v.Length == 0 || v.Length > MaximumLength || v.Any(char.IsControl))
                throw Refused(property, v, $"each value must be 1 to {MaximumLength} characters without control characters");
        return values.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}

/// <summary>
/// A quota, Unlimited&lt;ByteQuantifiedSize&gt;, which AD keeps in kilobytes (mDBStorageQuota and the others); an
/// unset attribute is Unlimited. A size is kept in whole kilobytes (rounded down, as Exchange does); Exchange
/// refuses values above <paramref name="MaximumKilobytes"/>.
/// </summary>
public sealed record QuotaSyntax(ulong MaximumKilobytes = 2147483647) : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) =>
        stored.Count == 0 || Integer(stored, -1) < 0
            ? Unlimited<ByteQuantifiedSize>.UnlimitedValue
            : new Unlimited<ByteQuantifiedSize>(ByteQuantifiedSize.FromKilobytes((ulong)Integer(stored, 0)));

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        Unlimited<ByteQuantifiedSize> { IsUnlimited: true } => [],
        Unlimited<ByteQuantifiedSize> limited => Write(property, limited.Value),
        // 1 to 1023 bytes would be kept as 0 KB, a quota of nothing: refused rather than rounded to it.
        ByteQuantifiedSize size when size.ToKilobytes() <= MaximumKilobytes && (size.Bytes == 0 || size.Bytes >= 1024) => [Text((long)size.ToKilobytes())],
        _ => throw Refused(property, value, $"use Unlimited, 0, or a size from 1KB up to {ByteQuantifiedSize.FromKilobytes(MaximumKilobytes)} (AD keeps quotas in whole kilobytes)"),
    };
}

/// <summary>A duration, EnhancedTimeSpan, kept in whole seconds (garbageCollPeriod, msExchMailboxRetentionPeriod).</summary>
public sealed record SecondsSyntax(TimeSpan Maximum, TimeSpan Unset) : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) =>
        stored.Count == 0 ? new EnhancedTimeSpan(Unset) : EnhancedTimeSpan.FromSeconds(Integer(stored, (long)Unset.TotalSeconds));

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        EnhancedTimeSpan span when span.Value <= Maximum && span.Value.Ticks % TimeSpan.TicksPerSecond == 0 => [Text(span.TotalSeconds)],
        _ => throw Refused(property, value, $"use a duration from 00:00:00 to {new EnhancedTimeSpan(Maximum)} in whole seconds"),
    };
}

/// <summary>An enumeration Exchange stores as its integer value.</summary>
public sealed record EnumSyntax<TEnum>(TEnum Unset) : SettingSyntax where TEnum : struct, Enum
{
    public override object? Read(IReadOnlyList<string> stored) =>
        stored.Count == 0 ? Unset : (TEnum)Enum.ToObject(typeof(TEnum), Integer(stored, Convert.ToInt64(Unset, CultureInfo.InvariantCulture)));

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        TEnum e when Enum.IsDefined(e) => [Text(Convert.ToInt64(e, CultureInfo.InvariantCulture))],
        _ => throw Refused(property, value, $"use one of {string.Join(", ", Enum.GetNames<TEnum>())}"),
    };
}

/// <summary>A set of flags (MultiValuedProperty of a [Flags] enumeration) kept as one integer: authentication methods.</summary>
public sealed record FlagsSyntax<TEnum>(TEnum Unset) : SettingSyntax where TEnum : struct, Enum
{
    public override object? Read(IReadOnlyList<string> stored)
    {
        var bits = Integer(stored, Convert.ToInt64(Unset, CultureInfo.InvariantCulture));
        return Enum.GetValues<TEnum>().Where(f => Convert.ToInt64(f, CultureInfo.InvariantCulture) is var b && b != 0 && (bits & b) == b).ToArray();
    }

    public override IReadOnlyList<string> Write(string property, object? value)
    {
        var flags = value switch
        {
            null => [],
            TEnum one => [one],
            IEnumerable<TEnum> many => many.ToList(),
            _ => throw Refused(property, value, $"use one or more of {string.Join(", ", Enum.GetNames<TEnum>())}"),
        };
        return [Text(flags.Aggregate(0L, (bits, f) => bits | Convert.ToInt64(f, CultureInfo.InvariantCulture)))];
    }
}

/// <summary>
/// One bit of an integer attribute that several Boolean properties share (msExchRpcHttpFlags and the like): written by
/// reading the attribute and changing only that bit, under an assertion that nobody changed the entry meanwhile.
/// </summary>
public sealed record FlagBitSyntax(long Bit, bool SetMeansTrue = true) : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) => ((Integer(stored, 0) & Bit) != 0) == SetMeansTrue;

    public override IReadOnlyList<string> Write(string property, object? value) =>
        throw new InvalidOperationException("A flag bit is written through Apply, with the attribute's current value.");

    public long Apply(long current, string property, object? value) => value switch
    {
        bool b when b == SetMeansTrue => current | Bit,
        bool => current & ~Bit,
        _ => throw Refused(property, value, "use $true or $false"),
    };
}

/// <summary>A reference to another object, stored as its DN; the shell resolves what the user typed to that DN.</summary>
public sealed record ReferenceSyntax : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) => stored.Count == 0 ? null : stored[0];

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        null => [],
        string dn when dn.Length > 0 => [dn],
        _ => throw Refused(property, value, "name an existing object"),
    };
}

/// <summary>A retention period that may be Unlimited (unset in AD), else whole seconds (ItemRetentionPeriod).</summary>
public sealed record UnlimitedSecondsSyntax(TimeSpan Maximum) : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) =>
        stored.Count == 0 ? Unlimited<EnhancedTimeSpan>.UnlimitedValue : new Unlimited<EnhancedTimeSpan>(EnhancedTimeSpan.FromSeconds(Integer(stored, 0)));

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        Unlimited<EnhancedTimeSpan> { IsUnlimited: true } => [],
        Unlimited<EnhancedTimeSpan> limited => Write(property, limited.Value),
        EnhancedTimeSpan span when span.Value <= Maximum && span.Value.Ticks % TimeSpan.TicksPerSecond == 0 => [Text(span.TotalSeconds)],
        _ => throw Refused(property, value, $"use Unlimited or a duration up to {new EnhancedTimeSpan(Maximum)} in whole seconds"),
    };
}

/// <summary>A weekly Schedule kept as AD's 84-byte schedule (base64 here, as LDAP carries binary values to the directory layer).</summary>
public sealed record ScheduleSyntax(bool UnsetIsAlways = false) : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored)
    {
        if (stored.Count == 0)
            return UnsetIsAlways ? Schedule.Always : Schedule.Never;
        // A value someone else wrote that is not AD's 84 bytes is no schedule: it reads as the default, not as bits.
        try
        {
            var bytes = Convert.FromBase64String(stored[0]);
            if (bytes.Length == Schedule.QuarterHours / 8)
                return Schedule.FromBytes(bytes);
        }
        catch (FormatException)
        {
        }
        return UnsetIsAlways ? Schedule.Always : Schedule.Never;
    }

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        null => [],
        Schedule schedule when schedule.Equals(UnsetIsAlways ? Schedule.Always : Schedule.Never) => [],
        Schedule schedule => [Convert.ToBase64String(schedule.ToBytes())],
        _ => throw Refused(property, value, "use schedule intervals such as \"Sun.1:00 AM-Sun.5:00 AM\""),
    };
}

/// <summary>An absolute http(s) URL with a host name (virtual directory URLs); $null clears it. Kept as typed.</summary>
public sealed record UriSyntax : SettingSyntax
{
    /// <summary>A stored value that is not an absolute http(s) URL (written by someone else) reads as none, never raw.</summary>
    public override object? Read(IReadOnlyList<string> stored) =>
        stored.Count > 0 && !stored[0].Any(char.IsControl) && Uri.TryCreate(stored[0], UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? stored[0]
            : null;

    public override IReadOnlyList<string> Write(string property, object? value)
    {
        var text = value switch
        {
            null => null,
            Uri u => u.OriginalString,
            string s => s,
            _ => throw Refused(property, value, "use an absolute http(s) URL such as https://mail.lab.local/owa"),
        };
        if (string.IsNullOrEmpty(text))
            return [];
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && Naming.Fqdn.IsValid(uri.Host) && !text.Any(char.IsControl)
            ? [text]
            : throw Refused(property, text, "use an absolute http(s) URL with a host name, such as https://mail.lab.local/owa");
    }
}

/// <summary>A count that may be Unlimited (the attribute unset), else a whole number in Exchange's range (MRSProxyMaxConnections).</summary>
public sealed record UnlimitedIntegerSyntax(int Minimum, int Maximum) : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) =>
        stored.Count == 0 ? Unlimited<int>.UnlimitedValue : new Unlimited<int>((int)Integer(stored, 0));

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        Unlimited<int> { IsUnlimited: true } => [],
        Unlimited<int> limited => Write(property, limited.Value),
        int n when n >= Minimum && n <= Maximum => [Text(n)],
        _ => throw Refused(property, value, $"use Unlimited or a whole number from {Minimum} to {Maximum}"),
    };
}

/// <summary>A size that cannot be Unlimited (ByteQuantifiedSize), kept in whole kilobytes, within a range.</summary>
public sealed record SizeSyntax(ulong MinimumKilobytes, ulong MaximumKilobytes, ulong UnsetKilobytes) : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) =>
        ByteQuantifiedSize.FromKilobytes(stored.Count == 0 || Integer(stored, -1) < 0 ? UnsetKilobytes : (ulong)Integer(stored, 0));

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        ByteQuantifiedSize size when size.ToKilobytes() >= MinimumKilobytes && size.ToKilobytes() <= MaximumKilobytes => [Text((long)size.ToKilobytes())],
        _ => throw Refused(property, value, $"use a size from {ByteQuantifiedSize.FromKilobytes(MinimumKilobytes)} to {ByteQuantifiedSize.FromKilobytes(MaximumKilobytes)}"),
    };
}

/// <summary>Public folder referral servers, "SERVER:cost" each, cost 1 to 100 (CustomReferralServerList).</summary>
public sealed record ServerCostListSyntax : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) => new MultiValuedProperty<string>(stored);

    public override IReadOnlyList<string> Write(string property, object? value)
    {
        var values = value switch
        {
            null => [],
            string one => [one],
            IEnumerable<string> many => many.ToList(),
            _ => throw Refused(property, value, "use SERVER:cost pairs such as E2K10-MLT-01:10"),
        };
        if (values.GroupBy(v => v.Split(':')[0], StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw Refused(property, twice.Key, "name each server once");
        foreach (var pair in values)
        {
            var parts = pair.Split(':');
            if (parts.Length != 2 || Naming.ObjectName.ReadFlaw(parts[0]) is not null || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var cost) || cost is < 1 or > 100)
                throw Refused(property, pair, "use SERVER:cost pairs with a cost from 1 to 100, such as E2K10-MLT-01:10");
        }
        return values.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
