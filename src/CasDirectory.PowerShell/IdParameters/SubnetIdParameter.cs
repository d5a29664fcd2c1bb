using CasDirectory.PowerShell.Objects;

namespace CasDirectory.PowerShell.IdParameters;

/// <summary>A subnet by its CIDR name or DN, or a subnet piped in.</summary>
public sealed class SubnetIdParameter : IdParameter
{
    public SubnetIdParameter(string identity) : base(identity) { }
    public SubnetIdParameter(ADObjectId id) : base(id) { }
    public SubnetIdParameter(ADReplicationSubnet subnet) : base(subnet.Name) { }
}
