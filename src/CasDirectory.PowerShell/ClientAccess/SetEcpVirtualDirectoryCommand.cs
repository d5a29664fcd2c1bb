using System.Management.Automation;
using CasDirectory.Core.ClientAccess;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Sets the internal and external URLs of a ecp virtual directory.</para>
/// </summary>
/// <example>
/// <code>Set-EcpVirtualDirectory "E2K10-MLT-02\ecp (Default Web Site)" -ExternalUrl https://mail.lab.local/ecp</code>
/// <para>Publishes the ecp virtual directory of E2K10-MLT-02 as https://mail.lab.local/ecp.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "EcpVirtualDirectory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetEcpVirtualDirectoryCommand : SetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.Ecp;
}
