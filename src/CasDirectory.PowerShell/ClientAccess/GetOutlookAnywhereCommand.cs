using System.Management.Automation;
using CasDirectory.Core.ClientAccess;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Lists Outlook Anywhere settings: the Rpc (Default Web Site) virtual directories and their external host names.</para>
/// </summary>
/// <example>
/// <code>Get-OutlookAnywhere | ft ServerName,ExternalHostname</code>
/// <para>Shows each server's Outlook Anywhere host name.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OutlookAnywhere")]
[OutputType(typeof(Objects.ADRpcHttpVirtualDirectory))]
public sealed class GetOutlookAnywhereCommand : CasDirectoryCmdlet
{
    /// <summary>SERVER\Rpc (Default Web Site), a server name or a DN.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public VirtualDirectoryIdParameter? Identity { get; set; }

    /// <summary>Only this server's.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter? Server { get; set; }

    protected override void InternalProcessRecord()
    {
        foreach (var directory in VirtualDirectorySelection.Select(Directory, VirtualDirectoryKind.OutlookAnywhere, Identity?.RawIdentity, Server?.RawIdentity).ToList())
            WriteObject(Objects.ADRpcHttpVirtualDirectory.From(directory));
    }
}
