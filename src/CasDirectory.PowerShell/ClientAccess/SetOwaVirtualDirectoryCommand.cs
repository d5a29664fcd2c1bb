using System.Management.Automation;
using CasDirectory.Core.ClientAccess;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Sets the internal and external URLs of a owa virtual directory.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "OwaVirtualDirectory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetOwaVirtualDirectoryCommand : SetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.Owa;
}
