using System.Collections;
using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Sites;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.Objects;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.Sites;

/// <summary>
/// <para type="synopsis">Creates a subnet and maps it to a site. The site-topology service then moves the servers it contains (T3).</para>
/// </summary>
/// <example>
/// <code>New-ADReplicationSubnet -Name 10.3.0.0/16 -Site Site-C</code>
/// <para>Maps 10.3.0.0/16 to Site-C.</para>
/// </example>
/// <example>
/// <code>New-ADReplicationSubnet 10.3.0.0/16 Site-C -Location "Oslo,Norway" -Description "lab LAN"</code>
/// <para>The site is the second positional parameter, as in the ActiveDirectory module; everything in one add.</para>
/// </example>
/// <example>
/// <code>New-ADReplicationSubnet -Name "10.3.0.0/16"</code>
/// <para>Creates the subnet 10.3.0.0/16, in no site (Microsoft Learn, New-ADReplicationSubnet, example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>New-ADReplicationSubnet -Name "10.3.0.0/16" -Site Site-C -Location "Oslo,Norway"</code>
/// <para>Creates the subnet 10.3.0.0/16 in the site Site-C, located in Oslo,Norway (Microsoft Learn, New-ADReplicationSubnet, example 2, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.New, "ADReplicationSubnet", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ADReplicationSubnet))]
public sealed class NewADReplicationSubnetCommand : ActiveDirectory.ActiveDirectoryWriteCmdlet
{
    /// <summary>The subnet in canonical CIDR form, such as 10.1.0.0/16.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateSubnet]
    public string Name { get; set; } = "";

    /// <summary>The site it belongs to.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SiteNameCompleter))]
    public ADReplicationSite? Site { get; set; }

    /// <summary>Where the subnet is (free text, such as "Tokyo,Japan").</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Location { get; set; }

    /// <summary>A description.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    /// <summary>A subnet to copy the site, location and description of.</summary>
    [Parameter]
    public ADReplicationSubnet? Instance { get; set; }

    /// <summary>More attributes: @{attribute = value or values} (LDAP display names of the directory's schema).</summary>
    [Parameter]
    public Hashtable? OtherAttributes { get; set; }

    /// <summary>Write the new subnet to the pipeline (it is written either way, as before).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void InternalProcessRecord()
    {
        var prefix = AdSubnet.ParsePrefix(Name);
        var directory = DataSession;
        var siteIdentity = Site is not null ? (Site.FromDirectory ? Site.DistinguishedName : Site.Identity) : Instance?.Site?.DistinguishedName;
        var site = siteIdentity is null ? null : SiteWrites.Site(directory, siteIdentity);
        var location = Location ?? Instance?.Location;
        var description = Description ?? Instance?.Description;
        var text = new Core.Settings.TextSyntax(1024);
        var more = new List<(string, IReadOnlyList<string>)>
        {
            ("location", text.Write("Location", location)),
            ("description", text.Write("Description", description)),
        };
        foreach (var change in SiteWrites.Generic(directory, null, OtherAttributes, null, null))
        {
            if (change.Values.Any(v => v is byte[]))
                throw new DomainRuleException("-OtherAttributes takes text values here; set bytes with Set-ADReplicationSubnet -Replace.", isMalformedInput: true);
            more.Add((change.Attribute, change.Values.Cast<string>().ToList()));
        }
        CurrentTarget = prefix.ToString();
        if (directory.ReadSubnets().FirstOrDefault(x => x.Prefix == prefix) is { } existing)
        {
            if (!Resuming || !ObjectLookup.Same(existing.SiteName, site))
                throw new DomainRuleException($"The subnet '{prefix}' already exists{(existing.SiteName is null ? "" : $" in site '{existing.SiteName}'")}. Set-ADReplicationSubnet changes its site.");
            SkipDone($"Subnet {prefix}");
            WriteObject(ADReplicationSubnet.From(existing, directory.Partition));
            return;
        }
        if (!ShouldWrite($"Subnet \"{prefix}\"{(site is null ? "" : $" in site \"{site}\"")}"))
            return;
        if (more.All(m => m.Item2.Count == 0))
            Creating(() => { directory.AddSubnet(prefix.ToString(), site); return true; }, () => $"The subnet '{prefix}' already exists. Set-ADReplicationSubnet changes its site.");
        else
            Creating(() => { directory.AddSubnet(prefix.ToString(), site, more); return true; }, () => $"The subnet '{prefix}' already exists. Set-ADReplicationSubnet changes its site.");
        WriteObject(ADReplicationSubnet.From(new AdSubnet(prefix, site), directory.Partition, location is { Length: > 0 } ? location : null, description is { Length: > 0 } ? description : null));
    }
}
