using System.Management.Automation;
using CasDirectory.Core.ClientAccess;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Changes the Outlook Anywhere external host name (stored as https://host/rpc).</para>
/// </summary>
/// <example>
/// <code>Set-OutlookAnywhere "E2K10-MLT-01\Rpc (Default Web Site)" -ExternalHostname mail.lab.local</code>
/// <para>Changes the Outlook Anywhere host name of E2K10-MLT-01.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "OutlookAnywhere", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetOutlookAnywhereCommand : CasDirectoryCmdlet
{
    /// <summary>SERVER\Rpc (Default Web Site), a server name or a DN; or settings piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public VirtualDirectoryIdParameter Identity { get; set; } = null!;

    /// <summary>The host name Outlook Anywhere clients use.</summary>
    [Parameter(Mandatory = true)]
    [ValidateFqdn("ExternalHostname")]
    public string ExternalHostname { get; set; } = "";

    protected override void InternalProcessRecord()
    {
        foreach (var target in VirtualDirectorySelection.Select(Directory, VirtualDirectoryKind.OutlookAnywhere, Identity.RawIdentity, null))
        {
            CurrentTarget = target.Identity;
            if (ShouldWrite(target.Identity, $"-ExternalHostname {ExternalHostname}"))
                Directory.SetVirtualDirectoryUrls(target, null, $"https://{ExternalHostname}/rpc");
        }
    }
}
