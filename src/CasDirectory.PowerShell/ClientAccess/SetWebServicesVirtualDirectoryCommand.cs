using System.Management.Automation;
using CasDirectory.Core.ClientAccess;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Sets the internal and external URLs of a EWS virtual directory.</para>
/// </summary>
/// <example>
/// <code>Set-WebServicesVirtualDirectory "E2K10-MLT-02\EWS (Default Web Site)" -ExternalUrl https://mail.lab.local/EWS</code>
/// <para>Publishes the EWS virtual directory of E2K10-MLT-02 as https://mail.lab.local/EWS.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "WebServicesVirtualDirectory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetWebServicesVirtualDirectoryCommand : SetVirtualDirectoryCommand
{
    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.WebServices;
}
