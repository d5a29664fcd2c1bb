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
/// <example>
/// <code>Get-WebServicesVirtualDirectory -Identity "E2K10-MLT-01\EWS (Default Web Site)"</code>
/// <para>Shows the Exchange Web Services virtual directory of the Default Web Site on E2K10-MLT-01 (Microsoft Learn, Get-WebServicesVirtualDirectory, Exchange 2010 example 1, adapted to the lab: quoted, as the page's 2013 version is, and with the server that EMS takes from the local machine).</para>
/// </example>
/// <example>
/// <code>Get-WebServicesVirtualDirectory -Identity E2K10-MLT-01</code>
/// <para>Lists the Exchange Web Services virtual directories of E2K10-MLT-01 (Microsoft Learn, Get-WebServicesVirtualDirectory, Exchange 2010 example 2, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-WebServicesVirtualDirectory</code>
/// <para>Lists the Exchange Web Services virtual directories of every Client Access server (Microsoft Learn, Get-WebServicesVirtualDirectory, example 3, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "WebServicesVirtualDirectory", DefaultParameterSetName = "Identity")]
[OutputType(typeof(Objects.ADWebServicesVirtualDirectory))]
public sealed class GetWebServicesVirtualDirectoryCommand : GetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.WebServices;
}
