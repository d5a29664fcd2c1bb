using System.Management.Automation;
using CasDirectory.Core.ClientAccess;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Lists the OAB virtual directories (Default Web Site) with their internal and external URLs.</para>
/// </summary>
/// <example>
/// <code>Get-OabVirtualDirectory -Server E2K10-MLT-01 | fl Name,InternalUrl,ExternalUrl</code>
/// <para>Shows the URLs of E2K10-MLT-01's OAB virtual directory.</para>
/// </example>
/// <example>
/// <code>Get-OABVirtualDirectory</code>
/// <para>Lists every OAB virtual directory (Microsoft Learn, Get-OabVirtualDirectory, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-OABVirtualDirectory -Server E2K10-MLT-02</code>
/// <para>Lists the OAB virtual directories of E2K10-MLT-02 (Microsoft Learn, Get-OabVirtualDirectory, Exchange 2010 example 2, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OabVirtualDirectory", DefaultParameterSetName = "Identity")]
[OutputType(typeof(Objects.ADOabVirtualDirectory))]
public sealed class GetOabVirtualDirectoryCommand : GetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.Oab;
}
