namespace CasDirectory.PowerShell.Objects;

/// <summary>
/// What Get-ADReplicationSubnet writes: the subnet's CIDR name, its site, location and description; and what -Identity
/// and -Instance take (a CIDR, DN or GUID binds through the constructor from a string).
/// </summary>
public sealed class ADReplicationSubnet
{
    public ADReplicationSubnet(string identity)
    {
        if (string.IsNullOrWhiteSpace(identity))
            throw new ArgumentException("An identity cannot be empty.");
        Identity = identity;
        Name = identity;
        DistinguishedName = "";
    }

    private ADReplicationSubnet(string name, string distinguishedName)
    {
        Identity = name;
        Name = name;
        DistinguishedName = distinguishedName;
    }

    internal string Identity { get; }

    public string Name { get; set; }
    public ADObjectId? Site { get; set; }
    public string DistinguishedName { get; set; }
    public string? Location { get; set; }
    public string? Description { get; set; }

    internal string? ReadLocation { get; private set; }
    internal string? ReadDescription { get; private set; }
    internal string? ReadSite { get; private set; }

    public static ADReplicationSubnet From(Core.Sites.AdSubnet subnet, Core.Naming.ConfigurationPartition partition,
        string? location = null, string? description = null) => new(subnet.Name, partition.SubnetDn(subnet.Name))
    {
        Site = subnet.SiteName is null ? null : new ADObjectId(subnet.SiteName, partition.SiteDn(subnet.SiteName)),
        Location = location,
        Description = description,
        ReadLocation = location,
        ReadDescription = description,
        ReadSite = subnet.SiteName,
    };

    public override string ToString() => Name;
}
