namespace CasDirectory.PowerShell.Objects;

/// <summary>What Get-ADReplicationSubnet writes: the subnet's CIDR name and its site.</summary>
public sealed class ADReplicationSubnet
{
    public required string Name { get; init; }
    public ADObjectId? Site { get; init; }
    public required string DistinguishedName { get; init; }

    public static ADReplicationSubnet From(Core.Sites.AdSubnet subnet, Core.Naming.ConfigurationPartition partition) => new()
    {
        Name = subnet.Name,
        Site = subnet.SiteName is null ? null : new ADObjectId(subnet.SiteName, partition.SiteDn(subnet.SiteName)),
        DistinguishedName = partition.SubnetDn(subnet.Name),
    };
}
