using System.Management.Automation;
using CasDirectory.Core.Arrays;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Naming;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.Arrays;

/// <summary>
/// <para type="synopsis">Creates the Client Access array of an AD site (A1, A2). It changes no database (A4).</para>
/// </summary>
/// <example>
/// <code>New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-A</code>
/// <para>Creates the array of site Site-A. Its members are the site's Exchange 2010 Client Access servers; no database changes until you run Set-MailboxDatabase -RpcClientAccessServer.</para>
/// </example>
/// <example>
/// <code>New-ClientAccessArray -Fqdn outlook.lab.local -Site "Site-A" -Name "outlook.lab.local"</code>
/// <para>Creates the Client Access array outlook.lab.local in the site Site-A (Microsoft Learn, New-ClientAccessArray, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>New-ClientAccessArray -Fqdn outlook-b.lab.local -Site "Site-B" -Name "outlook-b.lab.local"</code>
/// <para>Creates a Client Access array in the site Site-B (Microsoft Learn, New-ClientAccessArray, Exchange 2010 example 2, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>New-ClientAccessArray -Fqdn outlook.lab.local -Site "Site-A" -Name "outlook.lab.local" -Confirm</code>
/// <para>Creates the Client Access array outlook.lab.local after asking for confirmation (Microsoft Learn, New-ClientAccessArray, Exchange 2010 example 3, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>New-ClientAccessArray -Fqdn outlook.lab.local -Site "Site-A"</code>
/// <para>Creates a Client Access array with the FQDN outlook.lab.local in Site-A; without -Name it is named outlook (Microsoft Learn, New-ClientAccessArray, example 1, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.New, "ClientAccessArray", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Objects.ClientAccessArray))]
public sealed class NewClientAccessArrayCommand : CasDirectoryCmdlet
{
    /// <summary>The array's name; defaults to the first label of -Fqdn (at most 64 characters).</summary>
    [Parameter(Position = 0)]
    [NameTransformation]
    [ValidateObjectName]
    public string? Name { get; set; }

    /// <summary>The name MAPI clients connect to, such as outlook.lab.local: a plain FQDN (no URL or port).</summary>
    [Parameter(Mandatory = true)]
    [ValidateFqdn]
    public Objects.Fqdn Fqdn { get; set; } = null!;

    /// <summary>The AD site of the array (name or DN). A site has at most one array.</summary>
    [Parameter(Mandatory = true)]
    [ArgumentCompleter(typeof(SiteNameCompleter))]
    public AdSiteIdParameter Site { get; set; } = null!;

    protected override void InternalProcessRecord()
    {
        var fqdn = Fqdn.Value;
        var name = Name ?? ObjectName.Require(Core.Naming.Fqdn.FirstLabel(fqdn));
        var directory = DataSession;
        var site = ObjectLookup.Site(directory.ReadSites(), Site.RawIdentity, directory.Partition);
        var topology = directory.ReadServersAndArrays();
        CurrentTarget = name;
        if (Resuming && topology.Arrays.FirstOrDefault(a => ObjectLookup.Same(a.Name, name)) is { } existing
            && ObjectLookup.Same(existing.Fqdn, fqdn) && ObjectLookup.Same(existing.SiteName, site))
        {
            SkipDone($"Client Access array {name}");
            WriteObject(Objects.ClientAccessArray.From(existing, topology.Servers, directory.Partition));
            return;
        }
        ClientAccessArrayUniqueness.Check(topology.Arrays, topology.Servers, name, fqdn, site, except: null);
        if (!ShouldWrite($"Client Access array \"{name}\" ({fqdn}) in site \"{site}\""))
            return;
        var created = ArrayWrites.Guarded(directory, () => directory.AddArray(name, fqdn, site), name, fqdn, site, null);
        WriteObject(Objects.ClientAccessArray.From(created, directory.ReadServersAndArrays().Servers, directory.Partition));
    }
}
