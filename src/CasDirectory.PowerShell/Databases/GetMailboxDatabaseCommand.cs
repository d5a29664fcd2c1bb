using System.Management.Automation;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Lists mailbox databases with their RpcClientAccessServer.</para>
/// </summary>
/// <example>
/// <code>Get-MailboxDatabase | Sort-Object Name | ft Name,RpcClientAccessServer</code>
/// <para>Shows where each database sends Outlook clients.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "MailboxDatabase", DefaultParameterSetName = "Identity")]
[OutputType(typeof(Objects.MailboxDatabase))]
public sealed class GetMailboxDatabaseCommand : GetDatabaseCommand
{
    /// <summary>EMS adds the store's dumpster statistics; the directory holds no store, so none are added (accepted so scripts run as written).</summary>
    [Parameter]
    public SwitchParameter DumpsterStatistics { get; set; }

    protected override bool PublicFolder => false;
}
