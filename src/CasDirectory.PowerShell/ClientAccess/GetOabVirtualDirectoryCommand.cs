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
[Cmdlet(VerbsCommon.Get, "OabVirtualDirectory", DefaultParameterSetName = "Identity")]
[OutputType(typeof(Objects.ADOabVirtualDirectory))]
public sealed class GetOabVirtualDirectoryCommand : GetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.Oab;
}
