using System.Buffers.Binary;
using System.Globalization;

namespace CasDirectory.Core.Security;

/// <summary>
/// A Windows security identifier (MS-DTYP 2.4.2): what objectSid holds and what a security descriptor names owners
/// and trustees by. Immutable; compares by value; text form <c>S-1-5-21-…</c>, binary form as AD stores it.
/// (.NET's own SecurityIdentifier works on Windows only.)
/// </summary>
public sealed record SecurityIdentifier
{
    /// <summary>MS-DTYP: at most 15 sub-authorities.</summary>
    public const int MaxSubAuthorities = 15;

    public long IdentifierAuthority { get; }
    public IReadOnlyList<uint> SubAuthorities => subAuthorities;
    private readonly uint[] subAuthorities;

    public SecurityIdentifier(long identifierAuthority, params uint[] subAuthorities)
    {
        if (identifierAuthority is < 0 or > 0xFFFF_FFFF_FFFF)
            throw new ArgumentOutOfRangeException(nameof(identifierAuthority), "An identifier authority is 48 bits.");
        if (subAuthorities.Length > MaxSubAuthorities)
            throw new ArgumentException($"A SID has at most {MaxSubAuthorities} sub-authorities.", nameof(subAuthorities));
        IdentifierAuthority = identifierAuthority;
        this.subAuthorities = [.. subAuthorities];
    }

    public static SecurityIdentifier Everyone { get; } = new(1, 0);
    public static SecurityIdentifier AuthenticatedUsers { get; } = new(5, 11);
    public static SecurityIdentifier LocalSystem { get; } = new(5, 18);

    /// <summary>Well-known RIDs of a domain (MS-DTYP 2.4.2.4).</summary>
    public const uint DomainAdminsRid = 512, EnterpriseAdminsRid = 519;

    /// <summary>A domain's SID: S-1-5-21 and three random sub-authorities, as a domain gets at its creation.</summary>
    public static SecurityIdentifier NewDomain(Func<uint> random) => new(5, 21, random(), random(), random());

    public bool IsDomain => IdentifierAuthority == 5 && subAuthorities is [21, _, _, _];

    /// <summary>The account <paramref name="rid"/> of this domain.</summary>
    public SecurityIdentifier Account(uint rid) =>
        IsDomain ? new SecurityIdentifier(IdentifierAuthority, [.. subAuthorities, rid])
                 : throw new InvalidOperationException($"{this} is not a domain SID (S-1-5-21-x-y-z).");

    public int BinaryLength => 8 + 4 * subAuthorities.Length;

    public byte[] ToBinary()
    {
        var bytes = new byte[BinaryLength];
        bytes[0] = 1;
        bytes[1] = (byte)subAuthorities.Length;
        for (var i = 0; i < 6; i++)
            bytes[2 + i] = (byte)(IdentifierAuthority >> (8 * (5 - i)));
        for (var i = 0; i < subAuthorities.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8 + 4 * i), subAuthorities[i]);
        return bytes;
    }

    /// <summary>Reads the SID at the start of <paramref name="bytes"/>; <paramref name="length"/> is how many bytes it took.</summary>
    public static SecurityIdentifier FromBinary(ReadOnlySpan<byte> bytes, out int length)
    {
        if (bytes.Length < 8 || bytes[0] != 1 || bytes[1] > MaxSubAuthorities || bytes.Length < 8 + 4 * bytes[1])
            throw new FormatException("Not a security identifier (revision 1, at most 15 sub-authorities, 8 + 4n bytes).");
        long authority = 0;
        for (var i = 0; i < 6; i++)
            authority = (authority << 8) | bytes[2 + i];
        var sub = new uint[bytes[1]];
        for (var i = 0; i < sub.Length; i++)
            sub[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(8 + 4 * i)..]);
        length = 8 + 4 * sub.Length;
        return new SecurityIdentifier(authority, sub);
    }

    public static SecurityIdentifier FromBinary(ReadOnlySpan<byte> bytes)
    {
        var sid = FromBinary(bytes, out var length);
        return length == bytes.Length ? sid : throw new FormatException($"A security identifier of {length} bytes followed by {bytes.Length - length} more.");
    }

    public static SecurityIdentifier Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('-');
        if (parts.Length < 3 || !parts[0].Equals("S", StringComparison.OrdinalIgnoreCase) || parts[1] != "1")
            throw new FormatException($"'{text}' is not a SID (S-1-<authority>-<sub-authority>…).");
        if (!long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var authority))
            throw new FormatException($"'{text}' is not a SID: '{parts[2]}' is not an identifier authority.");
        var sub = new uint[parts.Length - 3];
        for (var i = 0; i < sub.Length; i++)
            if (!uint.TryParse(parts[3 + i], NumberStyles.None, CultureInfo.InvariantCulture, out sub[i]))
                throw new FormatException($"'{text}' is not a SID: '{parts[3 + i]}' is not a 32-bit sub-authority.");
        try
        {
            return new SecurityIdentifier(authority, sub);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"'{text}' is not a SID: {e.Message}");
        }
    }

    public bool Equals(SecurityIdentifier? other) =>
        other is not null && IdentifierAuthority == other.IdentifierAuthority && subAuthorities.AsSpan().SequenceEqual(other.subAuthorities);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(IdentifierAuthority);
        foreach (var s in subAuthorities)
            hash.Add(s);
        return hash.ToHashCode();
    }

    public override string ToString() =>
        "S-1-" + (IdentifierAuthority < 1L << 32 ? IdentifierAuthority.ToString(CultureInfo.InvariantCulture) : "0x" + IdentifierAuthority.ToString("X12", CultureInfo.InvariantCulture))
        + string.Concat(subAuthorities.Select(s => "-" + s.ToString(CultureInfo.InvariantCulture)));
}
