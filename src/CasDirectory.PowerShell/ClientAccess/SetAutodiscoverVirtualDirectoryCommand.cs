using System.Management.Automation;
using CasDirectory.Core.ClientAccess;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Sets the internal and external URLs of a Autodiscover virtual directory.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "AutodiscoverVirtualDirectory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetAutodiscoverVirtualDirectoryCommand : SetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.Autodiscover;
}
