using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Sites;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.Sites;

/// <summary>
/// <para type="synopsis">Creates a subnet and maps it to a site. The site-topology service then moves the servers it contains (T3).</para>
/// </summary>
/// <example>
/// <code>New-ADReplicationSubnet -Name 10.3.0.0/16 -Site Site-C</code>
/// <para>Maps 10.3.0.0/16 to Site-C.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "ADReplicationSubnet", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Objects.ADReplicationSubnet))]
public sealed class NewADReplicationSubnetCommand : CasDirectoryCmdlet
{
    /// <summary>The subnet in canonical CIDR form, such as 10.1.0.0/16.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateSubnet]
    public string Name { get; set; } = "";

    /// <summary>The site it belongs to.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SiteNameCompleter))]
    public SiteIdParameter? Site { get; set; }

    protected override void InternalProcessRecord()
    {
        var prefix = AdSubnet.ParsePrefix(Name);
        var directory = Directory;
        var site = Site is null ? null : ObjectLookup.Site(directory.ReadSites(), Site.RawIdentity, directory.Partition);
        CurrentTarget = prefix.ToString();
        if (directory.ReadSubnets().FirstOrDefault(x => x.Prefix == prefix) is { } existing)
        {
            if (!Resuming || !ObjectLookup.Same(existing.SiteName, site))
                throw new DomainRuleException($"The subnet '{prefix}' already exists{(existing.SiteName is null ? "" : $" in site '{existing.SiteName}'")}. Set-ADReplicationSubnet changes its site.");
            SkipDone($"Subnet {prefix}");
            WriteObject(Objects.ADReplicationSubnet.From(existing, directory.Partition));
            return;
        }
        if (!ShouldWrite($"Subnet \"{prefix}\"{(site is null ? "" : $" in site \"{site}\"")}"))
            return;
        Creating(() => { directory.AddSubnet(prefix.ToString(), site); return true; }, () => $"The subnet '{prefix}' already exists. Set-ADReplicationSubnet changes its site.");
        WriteObject(Objects.ADReplicationSubnet.From(new AdSubnet(prefix, site), directory.Partition));
    }
}
