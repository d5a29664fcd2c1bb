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
/// <example>
/// <code>Get-OwaVirtualDirectory -Server E2K10-MLT-02</code>
/// <para>Lists the Outlook Web App virtual directories of E2K10-MLT-02 (Microsoft Learn, Get-OwaVirtualDirectory, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-OwaVirtualDirectory -Identity "E2K10-MLT-02\owa (default Web site)"</code>
/// <para>Shows the Outlook Web App virtual directory owa (Default Web Site) of E2K10-MLT-02 (Microsoft Learn, Get-OwaVirtualDirectory, Exchange 2010 example 2, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-OwaVirtualDirectory</code>
/// <para>Lists the Outlook Web App virtual directories of every Client Access server (Microsoft Learn, Get-OwaVirtualDirectory, example 3, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "OwaVirtualDirectory", DefaultParameterSetName = "Identity")]
[OutputType(typeof(Objects.ADOwaVirtualDirectory))]
public sealed class GetOwaVirtualDirectoryCommand : GetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.Owa;
}
