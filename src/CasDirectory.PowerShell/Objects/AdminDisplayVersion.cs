namespace CasDirectory.PowerShell.Objects;

/// <summary>
/// An Exchange server's AdminDisplayVersion: Major, Minor, Build, Revision; prints "Version 14.2 (Build 247.5)". It
/// compares and sorts by version, as Exchange's ServerVersion does, so <c>Sort-Object AdminDisplayVersion</c> puts
/// 6.5 before 8.3 before 14.2, and <c>$_.AdminDisplayVersion -ge "14.1"</c> compares versions, not text.
/// </summary>
public sealed class AdminDisplayVersion(Core.Servers.ServerVersion version) : IComparable<AdminDisplayVersion>, IComparable, IEquatable<AdminDisplayVersion>
{
    public int Major => version.Major;
    public int Minor => version.Minor;
    public int Build => version.Build;
    public int Revision => version.Revision;

    /// <summary>
    /// Reads "14.2.247.5", "14.2" (build and revision 0) or the printed "Version 14.2 (Build 247.5)": PowerShell uses it
    /// to convert the right-hand side of a comparison.
    /// </summary>
    public static AdminDisplayVersion Parse(string text)
    {
        var trimmed = text.Trim();
        if (Core.Servers.ServerVersion.TryParseSerialNumber(trimmed, out var printed))
            return new AdminDisplayVersion(printed);
        var parts = trimmed.Split('.');
        if (parts.Length == 2)
            trimmed += ".0.0";
        return new AdminDisplayVersion(Core.Servers.ServerVersion.Parse(trimmed));
    }

    public int CompareTo(AdminDisplayVersion? other) => other is null ? 1 : version.CompareTo(other.Version);

    public int CompareTo(object? other) => other switch
    {
        null => 1,
        AdminDisplayVersion v => CompareTo(v),
        string s => CompareTo(Parse(s)),
        _ => throw new ArgumentException($"An AdminDisplayVersion compares with another or with a version such as 14.2.247.5, not with {other.GetType().Name}."),
    };

    public bool Equals(AdminDisplayVersion? other) => other is not null && CompareTo(other) == 0;
    public override bool Equals(object? obj) => obj is AdminDisplayVersion other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Major, Minor, Build, Revision);

    internal Core.Servers.ServerVersion Version => version;

    public override string ToString() => version.ToAdminDisplayVersion();
}
