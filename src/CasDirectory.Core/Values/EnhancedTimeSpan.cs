using System.Globalization;

namespace CasDirectory.Core.Values;

/// <summary>
/// A duration as Exchange takes it, <c>dd.hh:mm:ss</c> (<c>14.00:00:00</c> is fourteen days), and prints it the
/// same way. Exchange stores retention periods in AD as whole seconds.
/// </summary>
public readonly record struct EnhancedTimeSpan(TimeSpan Value) : IComparable<EnhancedTimeSpan>, IComparable
{
    public static EnhancedTimeSpan FromSeconds(long seconds) => new(TimeSpan.FromSeconds(seconds));

    public long TotalSeconds => (long)Value.TotalSeconds;

    public static EnhancedTimeSpan Parse(string text) =>
        TryParse(text, out var span) ? span
            : throw new DomainRuleException($"'{text}' is not a time span: use dd.hh:mm:ss, such as 14.00:00:00 for fourteen days.", isMalformedInput: true);

    public static bool TryParse(string? text, out EnhancedTimeSpan span)
    {
        span = default;
        // Exchange reads "dd.hh:mm:ss", "hh:mm:ss" or a bare number of days ("-MailboxRetention 45", as its 2010 help writes).
        if (string.IsNullOrWhiteSpace(text))
            return false;
        if (text.Trim().All(char.IsAsciiDigit))
        {
            if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days > 24855)
                return false;
            span = new EnhancedTimeSpan(TimeSpan.FromDays(days));
            return true;
        }
        if (!TimeSpan.TryParseExact(text.Trim(), ["c", @"d\.hh\:mm\:ss", @"hh\:mm\:ss", @"h\:mm\:ss"], CultureInfo.InvariantCulture, out var value) || value < TimeSpan.Zero)
            return false;
        span = new EnhancedTimeSpan(value);
        return true;
    }

    public int CompareTo(EnhancedTimeSpan other) => Value.CompareTo(other.Value);

    public int CompareTo(object? other) => other switch
    {
        null => 1,
        EnhancedTimeSpan span => CompareTo(span),
        TimeSpan span => Value.CompareTo(span),
        _ => throw new ArgumentException($"An EnhancedTimeSpan compares only with another or a TimeSpan, not with {other.GetType().Name}."),
    };

    public static bool operator <(EnhancedTimeSpan left, EnhancedTimeSpan right) => left.Value < right.Value;
    public static bool operator >(EnhancedTimeSpan left, EnhancedTimeSpan right) => left.Value > right.Value;
    public static bool operator <=(EnhancedTimeSpan left, EnhancedTimeSpan right) => left.Value <= right.Value;
    public static bool operator >=(EnhancedTimeSpan left, EnhancedTimeSpan right) => left.Value >= right.Value;

    public override string ToString() => Value.ToString("c", CultureInfo.InvariantCulture);
}
