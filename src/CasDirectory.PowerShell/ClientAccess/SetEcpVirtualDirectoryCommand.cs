using System.Management.Automation;
using CasDirectory.Core.ClientAccess;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Sets the internal and external URLs of a ecp virtual directory.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "EcpVirtualDirectory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetEcpVirtualDirectoryCommand : SetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.Ecp;
}
