using System.Management.Automation;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Sites;

/// <summary>
/// <para type="synopsis">Removes a subnet.</para>
/// </summary>
/// <example>
/// <code>Remove-ADReplicationSubnet 10.3.0.0/16 -Confirm:$false</code>
/// <para>Removes the subnet.</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "ADReplicationSubnet", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
public sealed class RemoveADReplicationSubnetCommand : CasDirectoryCmdlet
{
    /// <summary>The subnet (CIDR or DN).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public SubnetIdParameter Identity { get; set; } = null!;

    protected override void InternalProcessRecord()
    {
        var directory = Directory;
        var subnet = ObjectLookup.Subnet(directory.ReadSubnets(), Identity.RawIdentity, directory.Partition);
        CurrentTarget = subnet.Name;
        if (ShouldWrite($"Subnet \"{subnet.Name}\""))
            directory.RemoveSubnet(subnet.Name);
    }
}
