using System.Globalization;

namespace CasDirectory.Ldap.Connection;

/// <summary>
/// An OpenLDAP change sequence number, <c>20261207133143.209375Z#000000#001#000000</c>: when, a counter, the serverID of
/// the provider that made the change (hex), and a modifier. CSNs of one server compare as text (fixed width); a
/// provider's contextCSN holds the newest CSN it has of each server, one value per serverID.
/// </summary>
public readonly record struct ChangeSequenceNumber(string Text) : IComparable<ChangeSequenceNumber>
{
    /// <summary>The serverID of the provider that made the change.</summary>
    public int ServerId => int.Parse(Text.Split('#')[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public static ChangeSequenceNumber? TryParse(string? text)
    {
        var parts = text?.Split('#');
        return parts is { Length: 4 } && parts[0].EndsWith('Z') && parts[2].Length > 0 && parts[2].All(Uri.IsHexDigit)
            ? new ChangeSequenceNumber(text!)
            : null;
    }

    public int CompareTo(ChangeSequenceNumber other) => string.CompareOrdinal(Text, other.Text);

    public static bool operator >=(ChangeSequenceNumber a, ChangeSequenceNumber b) => a.CompareTo(b) >= 0;

    public static bool operator <=(ChangeSequenceNumber a, ChangeSequenceNumber b) => a.CompareTo(b) <= 0;

    public override string ToString() => Text;

    /// <summary>A contextCSN's values by serverID (the newest of each, should a server list one twice).</summary>
    public static IReadOnlyDictionary<int, ChangeSequenceNumber> ByServer(IEnumerable<string> values) =>
        values.Select(TryParse).OfType<ChangeSequenceNumber>()
            .GroupBy(c => c.ServerId).ToDictionary(g => g.Key, g => g.Max());

    /// <summary>Whether a server whose contextCSN is <paramref name="held"/> has every change <paramref name="wanted"/> names
    /// (for each serverID in wanted, a CSN at least as new).</summary>
    public static bool Covers(IReadOnlyDictionary<int, ChangeSequenceNumber> held, IReadOnlyDictionary<int, ChangeSequenceNumber> wanted) =>
        wanted.All(w => held.TryGetValue(w.Key, out var h) && h >= w.Value);
}
