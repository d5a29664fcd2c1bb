using System.Management.Automation;
using CasDirectory.Core.ClientAccess;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Lists the owa virtual directories (Default Web Site) with their internal and external URLs.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "OwaVirtualDirectory")]
[OutputType(typeof(Objects.ADOwaVirtualDirectory))]
public sealed class GetOwaVirtualDirectoryCommand : GetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.Owa;
}
