using System.Management.Automation;
using CasDirectory.Core.ClientAccess;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Sets the internal and external URLs of a owa virtual directory.</para>
/// </summary>
/// <example>
/// <code>Set-OwaVirtualDirectory "E2K10-MLT-02\owa (Default Web Site)" -ExternalUrl https://mail.lab.local/owa</code>
/// <para>Publishes the owa virtual directory of E2K10-MLT-02 as https://mail.lab.local/owa.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "OwaVirtualDirectory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetOwaVirtualDirectoryCommand : SetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.Owa;
}
