using System.Management.Automation;
using CasDirectory.Core.ClientAccess;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Disables Outlook Anywhere on a server: removes its Rpc (Default Web Site) object (msExchRpcHttpVirtualDirectory).</para>
/// <para type="description">Asks first (ConfirmImpact High), as the Remove- cmdlets do; -Confirm:$false goes ahead. EMS also removes the IIS virtual directory; nothing here touches IIS.</para>
/// </summary>
/// <example>
/// <code>Disable-OutlookAnywhere -Server CAS-A5 -Confirm:$false</code>
/// <para>Turns Outlook Anywhere off on CAS-A5.</para>
/// </example>
/// <example>
/// <code>Disable-OutlookAnywhere "CAS-A5\Rpc (Default Web Site)"</code>
/// <para>The same by identity, after confirming.</para>
/// </example>
/// <example>
/// <code>Disable-OutlookAnywhere -Server:E2K10-MLT-01</code>
/// <para>Disables Outlook Anywhere on the Client Access server E2K10-MLT-01 (Microsoft Learn, Disable-OutlookAnywhere, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Disable-OutlookAnywhere -Identity: "E2K10-MLT-02\rpc (Default Web Site)" -Confirm:$false</code>
/// <para>Disables Outlook Anywhere on E2K10-MLT-02 by naming its virtual directory, without asking (Microsoft Learn, Disable-OutlookAnywhere, Exchange 2010 example 2, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsLifecycle.Disable, "OutlookAnywhere", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Identity")]
public sealed class DisableOutlookAnywhereCommand : CasDirectoryCmdlet
{
    /// <summary>SERVER\Rpc (Default Web Site), a server name or a DN; or Outlook Anywhere settings piped in.</summary>
    [Parameter(ParameterSetName = "Identity", Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public VirtualDirectoryIdParameter? Identity { get; set; }

    /// <summary>The server whose Outlook Anywhere is disabled: a name, FQDN or DN, or a server piped in (EMS defaults to the local server; here it must be given).</summary>
    [Parameter(ParameterSetName = "Server", ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter? Server { get; set; }

    protected override void InternalProcessRecord()
    {
        if (Identity is null && Server is null)
            throw new Core.DomainRuleException("Give -Identity or -Server: EMS disables Outlook Anywhere on the server it runs on, and casdir runs on none.", isMalformedInput: true);
        foreach (var target in VirtualDirectorySelection.Select(DataSession, VirtualDirectoryKind.OutlookAnywhere, Identity?.RawIdentity, Server?.RawIdentity, forWrite: true).ToList())
        {
            CurrentTarget = target.Identity;
            if (ShouldWrite($"Outlook Anywhere \"{target.Identity}\""))
                DataSession.RemoveVirtualDirectory(target);
        }
    }
}
