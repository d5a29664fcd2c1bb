namespace CasDirectory.PowerShell.Objects;

/// <summary>
/// A reference to a directory object, as EMS's ADObjectId: its name and DN. It prints the way the shell prints
/// that property: a site as its canonical name (lab.local/Configuration/Sites/Site-A), a server as its name.
/// </summary>
public sealed class ADObjectId(string name, string distinguishedName, string? display = null) : IEquatable<ADObjectId>
{
    public string Name { get; } = name;
    public string DistinguishedName { get; } = distinguishedName;

    public static ADObjectId Site(string name, Core.Naming.ConfigurationPartition partition) =>
        new(name, partition.SiteDn(name), $"{partition.Domain}/Configuration/Sites/{name}");

    public override string ToString() => display ?? Name;

    /// <summary>The same object: the same DN (ignoring case and spaces after commas), or the same name when one has no DN.</summary>
    public bool Equals(ADObjectId? other) =>
        other is not null && (DistinguishedName.Length > 0 && other.DistinguishedName.Length > 0
            ? Core.Naming.DistinguishedNames.AreEqual(DistinguishedName, other.DistinguishedName)
            : Core.Identity.ObjectLookup.Same(Name, other.Name));

    public override bool Equals(object? obj) => obj is ADObjectId other && Equals(other);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name);
}
