using System.Management.Automation;
using CasDirectory.Core.ClientAccess;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Sets the internal and external URLs of a OAB virtual directory.</para>
/// </summary>
/// <example>
/// <code>Set-OabVirtualDirectory "E2K10-MLT-02\OAB (Default Web Site)" -ExternalUrl https://mail.lab.local/OAB</code>
/// <para>Publishes the OAB virtual directory of E2K10-MLT-02 as https://mail.lab.local/OAB.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "OabVirtualDirectory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetOabVirtualDirectoryCommand : SetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.Oab;
}
