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
/// <example>
/// <code>Get-AutodiscoverVirtualDirectory -Identity "E2K10-MLT-01\Autodiscover (Default Web Site)"</code>
/// <para>Shows the Autodiscover virtual directory of the Default Web Site on E2K10-MLT-01 (Microsoft Learn, Get-AutodiscoverVirtualDirectory, Exchange 2010 example 1, adapted to the lab: the lab's directory is under the Default Web Site).</para>
/// </example>
/// <example>
/// <code>Get-AutodiscoverVirtualDirectory -Server E2K10-MLT-02</code>
/// <para>Lists the Autodiscover virtual directories of E2K10-MLT-02 (Microsoft Learn, Get-AutodiscoverVirtualDirectory, example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-AutodiscoverVirtualDirectory</code>
/// <para>Lists the Autodiscover virtual directories of every Client Access server (Microsoft Learn, Get-AutodiscoverVirtualDirectory, example 3, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "AutodiscoverVirtualDirectory", DefaultParameterSetName = "Identity")]
[OutputType(typeof(Objects.ADAutodiscoverVirtualDirectory))]
public sealed class GetAutodiscoverVirtualDirectoryCommand : GetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.Autodiscover;
}
