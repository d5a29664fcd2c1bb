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
/// <example>
/// <code>Remove-ADReplicationSubnet -Identity "10.3.0.0/16"</code>
/// <para>Removes the subnet 10.3.0.0/16 (Microsoft Learn, Remove-ADReplicationSubnet, example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-ADReplicationSubnet -Filter "Location -like '*Norway'" | Remove-ADReplicationSubnet</code>
/// <para>Removes every subnet whose location ends in Norway (Microsoft Learn, Remove-ADReplicationSubnet, example 3, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "ADReplicationSubnet", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
public sealed class RemoveADReplicationSubnetCommand : ActiveDirectory.ActiveDirectoryWriteCmdlet
{
    /// <summary>The subnet (CIDR or DN).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public Objects.ADReplicationSubnet Identity { get; set; } = null!;

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var subnet = SiteWrites.Subnet(directory, Identity.DistinguishedName.Length > 0 ? Identity.DistinguishedName : Identity.Identity);
        CurrentTarget = subnet.Name;
        if (ShouldWrite($"Subnet \"{subnet.Name}\""))
            directory.RemoveSubnet(subnet.Name);
    }
}
