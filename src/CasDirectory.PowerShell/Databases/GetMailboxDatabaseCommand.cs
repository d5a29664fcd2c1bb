using System.Management.Automation;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Lists mailbox databases with their RpcClientAccessServer.</para>
/// </summary>
/// <example>
/// <code>Get-MailboxDatabase | Sort-Object Name | ft Name,RpcClientAccessServer</code>
/// <para>Shows where each database sends Outlook clients.</para>
/// </example>
/// <example>
/// <code>Get-MailboxDatabase -IncludePreExchange2010</code>
/// <para>Lists every mailbox database, those of Exchange 2007 servers included (Microsoft Learn, Get-MailboxDatabase, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-MailboxDatabase -Identity MDB01 -Status | Format-List</code>
/// <para>Shows MDB01 with all its properties; -Status asks for the store's state (Microsoft Learn, Get-MailboxDatabase, Exchange 2010 example 2, adapted to the lab).</para>
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
