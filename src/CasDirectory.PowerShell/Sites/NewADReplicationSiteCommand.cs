using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.Sites;

/// <summary>
/// <para type="synopsis">Creates an AD site, with its Servers and NTDS Site Settings children.</para>
/// </summary>
/// <example>
/// <code>New-ADReplicationSite -Name Site-C</code>
/// <para>Creates site Site-C with its Servers and NTDS Site Settings containers.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "ADReplicationSite", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Objects.ADReplicationSite))]
public sealed class NewADReplicationSiteCommand : CasDirectoryCmdlet
{
    /// <summary>The site's name.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [NameTransformation]
    [ValidateObjectName]
    public string Name { get; set; } = "";

    protected override void InternalProcessRecord()
    {
        var directory = Directory;
        CurrentTarget = Name;
        if (directory.ReadSites().FirstOrDefault(s => ObjectLookup.Same(s, Name)) is { } existing)
        {
            // A site is three entries: one left without its containers by an interrupted run is finished, not refused.
            var whole = directory.SiteIsComplete(existing);
            if (whole && !Resuming)
                throw new DomainRuleException($"The site '{existing}' already exists.");
            if (whole)
                SkipDone($"Site {existing}");
            else if (ShouldWrite($"Site \"{existing}\"", "finishing what an interrupted run left"))
                directory.AddSite(existing, finishing: true);
            WriteObject(Objects.ADReplicationSite.From(existing, directory.Partition));
            return;
        }
        if (!ShouldWrite($"Site \"{Name}\""))
            return;
        Creating(() => { directory.AddSite(Name); return true; }, () => $"The site '{Name}' already exists.");
        WriteObject(Objects.ADReplicationSite.From(Name, directory.Partition));
    }
}
