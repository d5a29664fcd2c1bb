using System.Management.Automation;
using CasDirectory.Core.ClientAccess;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Lists the Autodiscover virtual directories (Default Web Site) with their internal and external URLs.</para>
/// </summary>
/// <example>
/// <code>Get-AutodiscoverVirtualDirectory -Server E2K10-MLT-01 | fl Name,InternalUrl,ExternalUrl</code>
/// <para>Shows the URLs of E2K10-MLT-01's Autodiscover virtual directory.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "AutodiscoverVirtualDirectory", DefaultParameterSetName = "Identity")]
[OutputType(typeof(Objects.ADAutodiscoverVirtualDirectory))]
public sealed class GetAutodiscoverVirtualDirectoryCommand : GetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.Autodiscover;
}
