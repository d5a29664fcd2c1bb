using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CasDirectory.Core.Values;

/// <summary>
/// A weekly schedule in quarter hours, as Exchange's Schedule: given as intervals such as
/// <c>"Sun.1:00 AM-Sun.5:00 AM"</c> (or <c>Sunday.01:00-Sunday.05:00</c>, <c>Never</c>, <c>Always</c>) and printed the
/// same way. AD keeps it as 84 bytes, one bit per quarter hour from Sunday 00:00 (activationSchedule,
/// quotaNotificationSchedule). Times are taken as written: no time zone is applied.
/// </summary>
public sealed partial class Schedule : IEquatable<Schedule>
{
    public const int QuarterHours = 7 * 24 * 4;
    private static readonly string[] Days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private readonly BitArray _bits;

    private Schedule(BitArray bits) => _bits = bits;

    public static Schedule Never { get; } = new(new BitArray(QuarterHours));
    public static Schedule Always { get; } = new(new BitArray(QuarterHours, true));

    public bool IsNever => Intervals.Count == 0;

    /// <summary>The runs of set quarter hours as (start, end) quarter-hour indexes, end exclusive.</summary>
    public IReadOnlyList<(int Start, int End)> Intervals
    {
        get
        {
            var runs = new List<(int, int)>();
            for (var i = 0; i < QuarterHours; i++)
            {
                if (!_bits[i]) continue;
                var start = i;
                while (i < QuarterHours && _bits[i]) i++;
                runs.Add((start, i));
            }
            return runs;
        }
    }

    public static Schedule Parse(IEnumerable<string> intervals)
    {
        var bits = new BitArray(QuarterHours);
        // One string may hold several intervals, comma-separated, as Exchange's examples write them.
        foreach (var text in intervals.SelectMany(i => i.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var trimmed = text.Trim();
            if (trimmed.Equals("Never", StringComparison.OrdinalIgnoreCase))
                continue;
            if (trimmed.Equals("Always", StringComparison.OrdinalIgnoreCase))
                return Always;
            var match = IntervalPattern().Match(trimmed);
            if (!match.Success || !TryQuarter(match, "start", out var start) || !TryQuarter(match, "end", out var end) || start == end)
                throw new DomainRuleException(
                    $"'{text}' is not a schedule interval: use Day.h:mm AM-Day.h:mm PM in quarter hours, such as \"Sun.1:00 AM-Sun.5:00 AM\", or Never.",
                    isMalformedInput: true);
            // An interval may run over Saturday midnight into Sunday, as Exchange allows.
            for (var q = start; q != end; q = (q + 1) % QuarterHours)
                bits[q] = true;
        }
        return new Schedule(bits);
    }

    public static Schedule FromBytes(byte[] stored)
    {
        var bits = new BitArray(QuarterHours);
        for (var q = 0; q < QuarterHours && q / 8 < stored.Length; q++)
            bits[q] = (stored[q / 8] & (0x80 >> (q % 8))) != 0;
        return new Schedule(bits);
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[QuarterHours / 8];
        for (var q = 0; q < QuarterHours; q++)
            if (_bits[q])
                bytes[q / 8] |= (byte)(0x80 >> (q % 8));
        return bytes;
    }

    private static bool TryQuarter(Match match, string which, out int quarter)
    {
        quarter = 0;
        var day = Array.FindIndex(Days, d => match.Groups[which + "Day"].Value.StartsWith(d, StringComparison.OrdinalIgnoreCase));
        var hour = int.Parse(match.Groups[which + "Hour"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups[which + "Minute"].Value, CultureInfo.InvariantCulture);
        var meridiem = match.Groups[which + "Meridiem"].Value.ToUpperInvariant();
        if (day < 0 || minute % 15 != 0 || minute > 45)
            return false;
        if (meridiem.Length > 0)
        {
            if (hour is < 1 or > 12) return false;
            hour = hour % 12 + (meridiem == "PM" ? 12 : 0);
        }
        else if (hour > 23)
            return false;
        quarter = ((day * 24) + hour) * 4 + minute / 15;
        return true;
    }

    private static string Format(int quarter)
    {
        quarter %= QuarterHours;
        var time = new DateTime(2000, 1, 1).AddMinutes(quarter % (24 * 4) * 15);
        return $"{Days[quarter / (24 * 4)]}.{time.ToString("h:mm tt", CultureInfo.InvariantCulture)}";
    }

    public override string ToString() =>
        IsNever ? "Never" : Equals(Always) ? "Always" : string.Join(", ", Intervals.Select(i => $"{Format(i.Start)}-{Format(i.End)}"));

    public bool Equals(Schedule? other) => other is not null && ToBytes().AsSpan().SequenceEqual(other.ToBytes());
    public override bool Equals(object? obj) => Equals(obj as Schedule);
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    [GeneratedRegex(@"^(?<startDay>[A-Za-z]{3,9})\.(?<startHour>\d{1,2}):(?<startMinute>\d{2})\s*(?<startMeridiem>AM|PM)?\s*-\s*(?<endDay>[A-Za-z]{3,9})\.(?<endHour>\d{1,2}):(?<endMinute>\d{2})\s*(?<endMeridiem>AM|PM)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IntervalPattern();
}
