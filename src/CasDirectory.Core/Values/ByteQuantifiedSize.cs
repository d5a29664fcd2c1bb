using System.Globalization;
using System.Text.RegularExpressions;

namespace CasDirectory.Core.Values;

/// <summary>
/// A size in bytes as Exchange writes and reads it: <c>2GB</c>, <c>500 MB</c>, <c>1.5GB</c>, <c>2048KB</c> or
/// <c>123</c> (bytes) in; <c>2 GB (2,147,483,648 bytes)</c> out, as Get-MailboxDatabase shows quotas. It compares and
/// sorts by size, so <c>Sort-Object ProhibitSendQuota</c> orders by bytes, not by text.
/// </summary>
public readonly partial record struct ByteQuantifiedSize(ulong Bytes) : IComparable<ByteQuantifiedSize>, IComparable
{
    private static readonly (string Unit, ulong Factor)[] Units =
        [("TB", 1UL << 40), ("GB", 1UL << 30), ("MB", 1UL << 20), ("KB", 1UL << 10), ("B", 1)];

    public static ByteQuantifiedSize FromKilobytes(ulong kilobytes) => new(checked(kilobytes * 1024));

    /// <summary>Whole kilobytes: the unit AD stores quotas in (mDBStorageQuota and the others).</summary>
    public ulong ToKilobytes() => Bytes / 1024;

    public static ByteQuantifiedSize Parse(string text) =>
        TryParse(text, out var size) ? size
            : throw new DomainRuleException($"'{text}' is not a size: use a number with B, KB, MB, GB or TB, such as 2GB or 500MB.", isMalformedInput: true);

    public static bool TryParse(string? text, out ByteQuantifiedSize size)
    {
        size = default;
        var match = SizePattern().Match(text ?? "");
        if (!match.Success)
            return false;
        if (match.Groups["bytes"].Success)
        {
            // The form Exchange prints, "2 GB (2,147,483,648 bytes)", read back by its exact byte count.
            if (!ulong.TryParse(match.Groups["bytes"].Value.Replace(",", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var exact))
                return false;
            size = new ByteQuantifiedSize(exact);
            return true;
        }
        if (!decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return false;
        var unit = match.Groups["unit"].Value.ToUpperInvariant();
        var factor = unit is "" ? 1UL : Units.First(u => u.Unit == unit).Factor;
        var bytes = number * factor;
        if (bytes > ulong.MaxValue)
            return false;
        size = new ByteQuantifiedSize((ulong)decimal.Truncate(bytes)); // "2.3 GB" is 2,469,606,195 whole bytes
        return true;
    }

    public int CompareTo(ByteQuantifiedSize other) => Bytes.CompareTo(other.Bytes);

    public int CompareTo(object? other) => other switch
    {
        null => 1,
        ByteQuantifiedSize size => CompareTo(size),
        _ => throw new ArgumentException($"A ByteQuantifiedSize compares only with another, not with {other.GetType().Name}."),
    };

    public static bool operator <(ByteQuantifiedSize left, ByteQuantifiedSize right) => left.Bytes < right.Bytes;
    public static bool operator >(ByteQuantifiedSize left, ByteQuantifiedSize right) => left.Bytes > right.Bytes;
    public static bool operator <=(ByteQuantifiedSize left, ByteQuantifiedSize right) => left.Bytes <= right.Bytes;
    public static bool operator >=(ByteQuantifiedSize left, ByteQuantifiedSize right) => left.Bytes >= right.Bytes;

    public double ToKB() => Bytes / 1024.0;
    public double ToMB() => Bytes / (double)(1UL << 20);
    public double ToGB() => Bytes / (double)(1UL << 30);
    public double ToTB() => Bytes / (double)(1UL << 40);
    public ulong ToBytes() => Bytes;

    /// <summary>"2 GB (2,147,483,648 bytes)": the largest unit that is at least 1, up to three decimals, then the exact count.</summary>
    public override string ToString()
    {
        var bytes = Bytes;
        var (unit, factor) = Units.First(u => bytes >= u.Factor || u.Factor == 1);
        var amount = Math.Truncate((decimal)bytes / factor * 1000) / 1000;
        return string.Create(CultureInfo.InvariantCulture, $"{amount:0.###} {unit} ({bytes:N0} bytes)");
    }

    [GeneratedRegex(@"^\s*(?:(?<number>\d+(?:\.\d+)?)\s*(?<unit>TB|GB|MB|KB|B)?(?:\s*\((?<bytes>[\d,]+)\s*bytes\))?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();
}
