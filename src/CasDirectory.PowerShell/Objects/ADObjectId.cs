namespace CasDirectory.PowerShell.Objects;

/// <summary>
/// A reference to a directory object, as EMS's ADObjectId: its name and DN. It prints the way the shell prints
/// that property: a site as its canonical name (lab.local/Configuration/Sites/Site-A), a server as its name.
/// </summary>
public sealed class ADObjectId(string name, string distinguishedName, string? display = null)
{
    public string Name { get; } = name;
    public string DistinguishedName { get; } = distinguishedName;

    public static ADObjectId Site(string name, Core.Naming.ConfigurationPartition partition) =>
        new(name, partition.SiteDn(name), $"{partition.Domain}/Configuration/Sites/{name}");

    public override string ToString() => display ?? Name;
}
