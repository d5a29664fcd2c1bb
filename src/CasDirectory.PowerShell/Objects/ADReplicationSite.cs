namespace CasDirectory.PowerShell.Objects;

/// <summary>What Get-ADReplicationSite writes (the Active Directory module's names).</summary>
public sealed class ADReplicationSite
{
    public required string Name { get; init; }
    public required string DistinguishedName { get; init; }

    public static ADReplicationSite From(string name, Core.Naming.ConfigurationPartition partition) =>
        new() { Name = name, DistinguishedName = partition.SiteDn(name) };
}
