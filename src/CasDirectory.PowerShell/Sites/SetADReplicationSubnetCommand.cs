using System.Collections;
using System.DirectoryServices.Protocols;
using System.Management.Automation;
using CasDirectory.Ldap.Exchange;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.Objects;

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
/// <example>
/// <code>Get-ADReplicationSubnet -Filter "Location -like '*Norway'" -Properties Site | % {Set-ADReplicationSubnet $_ -Site Site-B}</code>
/// <para>Moves every subnet whose location ends in Norway to the site Site-B (Microsoft Learn, Set-ADReplicationSubnet, example 2, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "ADReplicationSubnet", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = IdentitySet)]
[OutputType(typeof(ADReplicationSubnet))]
public sealed class SetADReplicationSubnetCommand : ActiveDirectory.ActiveDirectoryWriteCmdlet
{
    private const string IdentitySet = "Identity";
    private const string InstanceSet = "Instance";

    /// <summary>The subnet (CIDR, DN or GUID).</summary>
    [Parameter(ParameterSetName = IdentitySet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public ADReplicationSubnet Identity { get; set; } = null!;

    /// <summary>A subnet read with Get-ADReplicationSubnet and changed: what differs from what was read is written.</summary>
    [Parameter(ParameterSetName = InstanceSet)]
    public ADReplicationSubnet? Instance { get; set; }

    /// <summary>The site it now belongs to.</summary>
    [Parameter(ParameterSetName = IdentitySet)]
    [ArgumentCompleter(typeof(SiteNameCompleter))]
    public ADReplicationSite? Site { get; set; }

    /// <summary>Where the subnet is (free text, such as "Tokyo,Japan"); $null or an empty string clears it.</summary>
    [Parameter(ParameterSetName = IdentitySet)]
    [AllowNull]
    [AllowEmptyString]
    public string? Location { get; set; }

    /// <summary>A description; $null or an empty string clears it.</summary>
    [Parameter(ParameterSetName = IdentitySet)]
    [AllowNull]
    [AllowEmptyString]
    public string? Description { get; set; }

    /// <summary>Values to add: @{attribute = value or values} (LDAP display names).</summary>
    [Parameter(ParameterSetName = IdentitySet)] public Hashtable? Add { get; set; }
    /// <summary>Values to remove: @{attribute = value or values}.</summary>
    [Parameter(ParameterSetName = IdentitySet)] public Hashtable? Remove { get; set; }
    /// <summary>Values to put in place of all an attribute has.</summary>
    [Parameter(ParameterSetName = IdentitySet)] public Hashtable? Replace { get; set; }
    /// <summary>Attributes to clear.</summary>
    [Parameter(ParameterSetName = IdentitySet)] public string[]? Clear { get; set; }

    /// <summary>AD's range-upper of location and description.</summary>
    private const int MaxLength = 1024;

    /// <summary>Write the changed subnet to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        List<AttributeChange> generic = [];
        if (ParameterSetName == InstanceSet)
        {
            if (Instance is null || Instance.DistinguishedName.Length == 0)
                throw new Core.DomainRuleException("-Instance takes a subnet read with Get-ADReplicationSubnet.", isMalformedInput: true);
            if (!Equals(Instance.Location, Instance.ReadLocation)) Location = Instance.Location ?? "";
            if (!Equals(Instance.Description, Instance.ReadDescription)) Description = Instance.Description ?? "";
            if (Instance.Site?.Name is { } s && !Core.Identity.ObjectLookup.Same(s, Instance.ReadSite)) Site = new ADReplicationSite(Instance.Site.DistinguishedName);
        }
        else
            generic = SiteWrites.Generic(directory, Remove, Add, Replace, Clear);
        // -Location $null clears, as the ActiveDirectory module's does: given, even as $null, is not left out
        if (MyInvocation.BoundParameters.ContainsKey(nameof(Location)))
            Location ??= "";
        if (MyInvocation.BoundParameters.ContainsKey(nameof(Description)))
            Description ??= "";
        foreach (var (name, text) in new[] { (nameof(Location), Location), (nameof(Description), Description) })
        {
            if (text?.Length > MaxLength)
                throw new Core.DomainRuleException($"-{name} is {text.Length} characters long; the maximum is {MaxLength}.", isMalformedInput: true);
            if (text is not null && text.Any(char.IsControl))
                throw new Core.DomainRuleException($"-{name} contains a control character.", isMalformedInput: true);
        }
        if (Site is null && Location is null && Description is null && generic.Count == 0)
            throw new Core.DomainRuleException("Set-ADReplicationSubnet changes -Site, -Location or -Description: give at least one.", isMalformedInput: true);
        var site = Site is null ? null : SiteWrites.Site(directory, Site);
        var subnet = SiteWrites.Subnet(directory, ParameterSetName == InstanceSet ? Instance!.DistinguishedName : Identity.Identity);
        CurrentTarget = subnet.Name;
        var changes = string.Join(" ", new[] { site is null ? null : $"-Site {site}", Location is null ? null : $"-Location '{Location}'", Description is null ? null : $"-Description '{Description}'",
            generic.Count == 0 ? null : string.Join(" ", generic.Select(g => $"{g.Operation} {g.Attribute}")) }.OfType<string>());
        if (!ShouldWrite($"Subnet \"{subnet.Name}\"", changes))
            return;
        if (generic.Count == 0)
            directory.SetSubnet(subnet.Name, site, Location, Description);
        else
        {
            if (site is not null)
                generic.Add(new AttributeChange(DirectoryAttributeOperation.Replace, "siteObject", [directory.Partition.SiteDn(site)]));
            if (Location is not null)
                generic.Add(new AttributeChange(DirectoryAttributeOperation.Replace, "location", Location.Length == 0 ? [] : [Location]));
            if (Description is not null)
                generic.Add(new AttributeChange(DirectoryAttributeOperation.Replace, "description", Description.Length == 0 ? [] : [Description]));
            directory.ModifyEntry(directory.Partition.SubnetDn(subnet.Name), [], generic);
        }
        if (PassThru)
            WriteObject(ADReplicationSubnet.From(new Core.Sites.AdSubnet(subnet.Prefix, site ?? subnet.SiteName), directory.Partition));
    }
}
