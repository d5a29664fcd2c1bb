using System.Management.Automation;
using CasDirectory.Core.ClientAccess;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Lists Outlook Anywhere settings: the Rpc (Default Web Site) virtual directories with their external host name, authentication methods, SSL offloading and Extended Protection.</para>
/// </summary>
/// <example>
/// <code>Get-OutlookAnywhere | ft ServerName,ExternalHostname,ClientAuthenticationMethod,SSLOffloading</code>
/// <para>Shows each server's Outlook Anywhere host name and how clients authenticate.</para>
/// </example>
/// <example>
/// <code>Get-OutlookAnywhere -Server E2K10-MLT-01</code>
/// <para>Shows the Outlook Anywhere settings of E2K10-MLT-01 (Microsoft Learn, Get-OutlookAnywhere, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-OutlookAnywhere -Identity "E2K10-MLT-02\rpc (Default Web Site)"</code>
/// <para>Shows the Outlook Anywhere settings of E2K10-MLT-02 by naming its virtual directory (Microsoft Learn, Get-OutlookAnywhere, Exchange 2010 example 3, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OutlookAnywhere", DefaultParameterSetName = "Identity")]
[OutputType(typeof(Objects.ADRpcHttpVirtualDirectory))]
public sealed class GetOutlookAnywhereCommand : CasDirectoryCmdlet
{
    /// <summary>SERVER\Rpc (Default Web Site), a server name or a DN.</summary>
    [Parameter(ParameterSetName = "Identity", Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public VirtualDirectoryIdParameter? Identity { get; set; }

    /// <summary>Only this server's: a name, FQDN or DN, or a server piped in.</summary>
    [Parameter(ParameterSetName = "Server", Mandatory = true, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter? Server { get; set; }

    /// <summary>Accepted as EMS takes it (EMS then skips reading IIS); every property here comes from the directory anyway.</summary>
    [Parameter]
    public SwitchParameter ADPropertiesOnly { get; set; }

    protected override void InternalProcessRecord()
    {
        foreach (var directory in VirtualDirectorySelection.Select(DataSession, VirtualDirectoryKind.OutlookAnywhere, Identity?.RawIdentity, Server?.RawIdentity).ToList())
            WriteObject(Objects.ADRpcHttpVirtualDirectory.From(directory));
    }
}
