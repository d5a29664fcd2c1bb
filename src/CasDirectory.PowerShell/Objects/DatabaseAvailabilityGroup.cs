namespace CasDirectory.PowerShell.Objects;

/// <summary>What Get-DatabaseAvailabilityGroup writes.</summary>
public sealed class DatabaseAvailabilityGroup
{
    public required string Name { get; init; }
    public ADObjectId[] Servers { get; init; } = [];
    public string[] DatabaseAvailabilityGroupIpAddresses { get; init; } = [];
    public required ADObjectId Identity { get; init; }
    public required string DistinguishedName { get; init; }

    public static DatabaseAvailabilityGroup From(Core.Databases.DatabaseAvailabilityGroup dag) => new()
    {
        Name = dag.Name,
        Servers = dag.ServerNames.Select(n => new ADObjectId(n, "")).ToArray(),
        DatabaseAvailabilityGroupIpAddresses = dag.IPv4Addresses.ToArray(),
        Identity = new ADObjectId(dag.Name, dag.DistinguishedName),
        DistinguishedName = dag.DistinguishedName,
    };
}
