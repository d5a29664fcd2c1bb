using System.Management.Automation;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Sites;

/// <summary>
/// <para type="synopsis">Changes a subnet's site, location or description. Server sites are recomputed by the site-topology service (T3).</para>
/// </summary>
/// <example>
/// <code>Set-ADReplicationSubnet 10.3.0.0/16 -Site Site-B</code>
/// <para>Maps the subnet to Site-B; casdir serve then moves the servers it contains.</para>
/// </example>
/// <example>
/// <code>Set-ADReplicationSubnet -Identity "10.1.0.0/16" -Site Site-A -Location "Oslo,Norway"</code>
/// <para>The ActiveDirectory module's example 1, adapted to the lab: the site and the location in one write.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "ADReplicationSubnet", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Objects.ADReplicationSubnet))]
public sealed class SetADReplicationSubnetCommand : CasDirectoryCmdlet
{
    /// <summary>The subnet (CIDR or DN).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public SubnetIdParameter Identity { get; set; } = null!;

    /// <summary>The site it now belongs to.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SiteNameCompleter))]
    public SiteIdParameter? Site { get; set; }

    /// <summary>Where the subnet is (free text, such as "Tokyo,Japan"); $null or an empty string clears it.</summary>
    [Parameter]
    [AllowNull]
    [AllowEmptyString]
    public string? Location { get; set; }

    /// <summary>A description; $null or an empty string clears it.</summary>
    [Parameter]
    [AllowNull]
    [AllowEmptyString]
    public string? Description { get; set; }

    /// <summary>AD's range-upper of location and description.</summary>
    private const int MaxLength = 1024;

    /// <summary>Write the changed subnet to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void InternalProcessRecord()
    {
        // -Location $null clears, as the ActiveDirectory module's does: given, even as $null, is not left out
        if (MyInvocation.BoundParameters.ContainsKey(nameof(Location)))
            Location ??= "";
        if (MyInvocation.BoundParameters.ContainsKey(nameof(Description)))
            Description ??= "";
        foreach (var (name, text) in new[] { (nameof(Location), Location), (nameof(Description), Description) })
            if (text?.Length > MaxLength)
                throw new Core.DomainRuleException($"-{name} is {text.Length} characters long; the maximum is {MaxLength}.", isMalformedInput: true);
        if (Site is null && Location is null && Description is null)
            throw new Core.DomainRuleException("Set-ADReplicationSubnet changes -Site, -Location or -Description: give at least one.", isMalformedInput: true);
        var directory = Directory;
        var site = Site is null ? null : ObjectLookup.Site(directory.ReadSites(), Site.RawIdentity, directory.Partition);
        var subnet = ObjectLookup.Subnet(directory.ReadSubnets(), Identity.RawIdentity, directory.Partition);
        CurrentTarget = subnet.Name;
        var changes = string.Join(" ", new[] { site is null ? null : $"-Site {site}", Location is null ? null : $"-Location '{Location}'", Description is null ? null : $"-Description '{Description}'" }.OfType<string>());
        if (!ShouldWrite($"Subnet \"{subnet.Name}\"", changes))
            return;
        directory.SetSubnet(subnet.Name, site, Location, Description);
        if (PassThru)
            WriteObject(Objects.ADReplicationSubnet.From(new Core.Sites.AdSubnet(subnet.Prefix, site ?? subnet.SiteName), directory.Partition));
    }
}
