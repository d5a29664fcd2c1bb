using System.Management.Automation;
using CasDirectory.Core.ClientAccess;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Lists the EWS virtual directories (Default Web Site) with their internal and external URLs.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "WebServicesVirtualDirectory")]
[OutputType(typeof(Objects.ADWebServicesVirtualDirectory))]
public sealed class GetWebServicesVirtualDirectoryCommand : GetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.WebServices;
}
