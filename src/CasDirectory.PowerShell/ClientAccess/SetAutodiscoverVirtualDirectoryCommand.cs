using System.Management.Automation;
using CasDirectory.Core.ClientAccess;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Sets the internal and external URLs of a Autodiscover virtual directory.</para>
/// </summary>
/// <example>
/// <code>Set-AutodiscoverVirtualDirectory "E2K10-MLT-02\Autodiscover (Default Web Site)" -ExternalUrl https://mail.lab.local/Autodiscover</code>
/// <para>Publishes the Autodiscover virtual directory of E2K10-MLT-02 as https://mail.lab.local/Autodiscover.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "AutodiscoverVirtualDirectory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetAutodiscoverVirtualDirectoryCommand : SetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.Autodiscover;
}
