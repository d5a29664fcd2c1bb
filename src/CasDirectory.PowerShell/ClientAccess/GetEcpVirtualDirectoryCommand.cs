using System.Management.Automation;
using CasDirectory.Core.ClientAccess;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Lists the ecp virtual directories (Default Web Site) with their internal and external URLs.</para>
/// </summary>
/// <example>
/// <code>Get-EcpVirtualDirectory -Server E2K10-MLT-01 | fl Name,InternalUrl,ExternalUrl</code>
/// <para>Shows the URLs of E2K10-MLT-01's ecp virtual directory.</para>
/// </example>
/// <example>
/// <code>Get-EcpVirtualDirectory -Server E2K10-MLT-02</code>
/// <para>Shows the Exchange Control Panel virtual directory of E2K10-MLT-02 (Microsoft Learn, Get-EcpVirtualDirectory, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-EcpVirtualDirectory</code>
/// <para>Lists the Exchange Control Panel virtual directories of every Client Access server (Microsoft Learn, Get-EcpVirtualDirectory, example 3, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "EcpVirtualDirectory", DefaultParameterSetName = "Identity")]
[OutputType(typeof(Objects.ADEcpVirtualDirectory))]
public sealed class GetEcpVirtualDirectoryCommand : GetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.Ecp;
}
