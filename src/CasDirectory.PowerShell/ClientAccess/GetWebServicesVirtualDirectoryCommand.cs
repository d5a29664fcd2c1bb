using System.Management.Automation;
using CasDirectory.Core.ClientAccess;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Lists the EWS virtual directories (Default Web Site) with their internal and external URLs.</para>
/// </summary>
/// <example>
/// <code>Get-WebServicesVirtualDirectory -Server E2K10-MLT-01 | fl Name,InternalUrl,ExternalUrl</code>
/// <para>Shows the URLs of E2K10-MLT-01's EWS virtual directory.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "WebServicesVirtualDirectory", DefaultParameterSetName = "Identity")]
[OutputType(typeof(Objects.ADWebServicesVirtualDirectory))]
public sealed class GetWebServicesVirtualDirectoryCommand : GetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.WebServices;
}
