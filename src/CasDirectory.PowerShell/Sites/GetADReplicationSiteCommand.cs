using System.Management.Automation;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Sites;

/// <summary>
/// <para type="synopsis">Lists AD sites.</para>
/// </summary>
/// <example>
/// <code>Get-ADReplicationSite</code>
/// <para>Lists the AD sites.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "ADReplicationSite")]
[OutputType(typeof(Objects.ADReplicationSite))]
public sealed class GetADReplicationSiteCommand : CasDirectoryCmdlet
{
    /// <summary>The site: name or DN.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SiteNameCompleter))]
    public SiteIdParameter? Identity { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = Directory;
        var sites = directory.ReadSites();
        var selected = Identity is null ? sites : [ObjectLookup.Site(sites, Identity.RawIdentity, directory.Partition)];
        foreach (var site in selected.ToList()) // a snapshot: a Remove- downstream changes the cached list
            WriteObject(Objects.ADReplicationSite.From(site, directory.Partition));
    }
}
