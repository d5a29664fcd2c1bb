using System.Management.Automation;
using CasDirectory.Core.ClientAccess;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Lists the owa virtual directories (Default Web Site) with their internal and external URLs.</para>
/// </summary>
/// <example>
/// <code>Get-OwaVirtualDirectory -Server E2K10-MLT-01 | fl Name,InternalUrl,ExternalUrl</code>
/// <para>Shows the URLs of E2K10-MLT-01's owa virtual directory.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OwaVirtualDirectory", DefaultParameterSetName = "Identity")]
[OutputType(typeof(Objects.ADOwaVirtualDirectory))]
public sealed class GetOwaVirtualDirectoryCommand : GetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.Owa;
}
