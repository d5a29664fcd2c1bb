using CasDirectory.PowerShell.Errors;
using CasDirectory.PowerShell.Sessions;
using System.Management.Automation;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Arrays;

/// <summary>
/// <para type="synopsis">Lists Client Access arrays; Members are computed when read (A3).</para>
/// </summary>
/// <example>
/// <code>Get-ClientAccessArray | ft Name,Site,Fqdn,Members -AutoSize</code>
/// <para>Lists every array with the members computed from its site.</para>
/// </example>
/// <example>
/// <code>Get-ClientAccessArray -Identity "CASArray-A"</code>
/// <para>Shows the Client Access array CASArray-A (Microsoft Learn, Get-ClientAccessArray, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-ClientAccessArray -Identity "CASArray-A" -Site "Site-A"</code>
/// <para>Shows the Client Access array CASArray-A of the site Site-A (Microsoft Learn, Get-ClientAccessArray, Exchange 2010 example 2, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-ClientAccessArray</code>
/// <para>Lists the Client Access arrays (Microsoft Learn, Get-ClientAccessArray, example 1, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "ClientAccessArray")]
[OutputType(typeof(Objects.ClientAccessArray))]
public sealed class GetClientAccessArrayCommand : CasDirectoryCmdlet
{
    /// <summary>The array: name, DN, FQDN, legacyExchangeDN or GUID.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ArrayNameCompleter))]
    public ClientAccessArrayIdParameter? Identity { get; set; }

    /// <summary>Only the array of this site.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SiteNameCompleter))]
    public AdSiteIdParameter? Site { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var topology = directory.ReadServersAndArrays();
        IEnumerable<Core.Arrays.ClientAccessArray> arrays = topology.Arrays;
        if (Identity is not null)
            arrays = [ObjectLookup.Array(arrays, Identity.RawIdentity)];
        if (Site is not null)
        {
            var site = ObjectLookup.Site(directory.ReadSites(), Site.RawIdentity, directory.Partition);
            arrays = arrays.Where(a => ObjectLookup.Same(a.SiteName, site));
        }
        foreach (var array in arrays.ToList()) // a snapshot: a Remove- downstream changes the cached list
        {
            foreach (var server in topology.Servers.Where(s => !s.IsComplete && Core.Identity.ObjectLookup.Same(s.SiteName, array.SiteName)))
                WriteWarning($"{IncompleteObjects.Server(server)} It is not counted among {array.Name}'s members until then.");
            WriteObject(Objects.ClientAccessArray.From(array, topology.Servers, directory.Partition));
        }
    }
}
