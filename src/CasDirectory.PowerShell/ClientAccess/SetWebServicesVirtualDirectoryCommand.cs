using System.Management.Automation;
using CasDirectory.Core.ClientAccess;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Sets the internal and external URLs of a EWS virtual directory.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "WebServicesVirtualDirectory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetWebServicesVirtualDirectoryCommand : SetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.WebServices;
}
