using System.Management.Automation;
using CasDirectory.Core.ClientAccess;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Sets the internal and external URLs of a OAB virtual directory.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "OabVirtualDirectory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetOabVirtualDirectoryCommand : SetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.Oab;
}
