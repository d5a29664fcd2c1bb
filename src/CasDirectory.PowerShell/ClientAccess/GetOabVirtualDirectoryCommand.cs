using System.Management.Automation;
using CasDirectory.Core.ClientAccess;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Lists the OAB virtual directories (Default Web Site) with their internal and external URLs.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "OabVirtualDirectory")]
[OutputType(typeof(Objects.ADOabVirtualDirectory))]
public sealed class GetOabVirtualDirectoryCommand : GetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.Oab;
}
