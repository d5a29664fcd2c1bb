using System.Management.Automation;
using CasDirectory.Core.Arrays;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.Arrays;

/// <summary>
/// <para type="synopsis">Changes an array's name, FQDN or site. Databases are not changed (A4).</para>
/// </summary>
/// <example>
/// <code>Set-ClientAccessArray CASArray-A -Fqdn mapi.lab.local</code>
/// <para>Changes the array's FQDN; databases that point at the array show the new name, since they point at the array object.</para>
/// </example>
/// <example>
/// <code>Set-ClientAccessArray -Identity "CASArray-A" -Name "CASArray"</code>
/// <para>Renames the Client Access array CASArray-A to CASArray (Microsoft Learn, Set-ClientAccessArray, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Set-ClientAccessArray -Identity "CASArray-A" -FQDN "mail.lab.local"</code>
/// <para>Gives the Client Access array CASArray-A the FQDN mail.lab.local (Microsoft Learn, Set-ClientAccessArray, Exchange 2010 example 2, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Set-ClientAccessArray -Identity "CASArray-A" -Site "Site-B"</code>
/// <para>Moves the Client Access array CASArray-A to the site Site-B (Microsoft Learn, Set-ClientAccessArray, Exchange 2010 example 3, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "ClientAccessArray", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetClientAccessArrayCommand : CasDirectoryCmdlet
{
    /// <summary>The array to change.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ArrayNameCompleter))]
    public ClientAccessArrayIdParameter Identity { get; set; } = null!;

    /// <summary>A new name (at most 64 characters).</summary>
    [Parameter]
    [NameTransformation]
    [ValidateObjectName]
    public string? Name { get; set; }

    /// <summary>A new FQDN.</summary>
    [Parameter]
    [ValidateFqdn]
    public Objects.Fqdn? Fqdn { get; set; }

    /// <summary>Move the array to another site, which must have no array.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SiteNameCompleter))]
    public AdSiteIdParameter? Site { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var fqdn = Fqdn?.Value;
        var site = Site is null ? null : ObjectLookup.Site(directory.ReadSites(), Site.RawIdentity, directory.Partition);
        var topology = directory.ReadServersAndArrays();
        var array = ObjectLookup.Array(topology.Arrays, Identity.RawIdentity);
        CurrentTarget = array.Name;
        ClientAccessArrayUniqueness.Check(topology.Arrays, topology.Servers, Name, fqdn, site, except: array);
        if (!ShouldWrite($"Client Access array \"{array.Name}\""))
            return;
        ArrayWrites.Guarded(directory, () => { directory.SetArray(array, Name, fqdn, site); return array; }, Name, fqdn, site, array);
        if (site is not null && !ObjectLookup.Same(site, array.SiteName)
            && ArrayWrites.PointingDatabases(directory, array, $"now lies in site '{site}'; databases in site '{array.SiteName}' that point at it cross sites") is { } warning)
            WriteWarning(warning);
    }
}
