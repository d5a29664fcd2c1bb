using System.Management.Automation;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Creates a mailbox (or recovery) database. Its RpcClientAccessServer is chosen once, by D1, and never rewritten (D2).</para>
/// </summary>
/// <example>
/// <code>New-MailboxDatabase -Name MDB03 -Server E2K10-MLT-01</code>
/// <para>Creates MDB03; its RpcClientAccessServer is the array of E2K10-MLT-01's site if there is one (D1).</para>
/// </example>
[Cmdlet(VerbsCommon.New, "MailboxDatabase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Objects.MailboxDatabase))]
public sealed class NewMailboxDatabaseCommand : NewDatabaseCommand
{
    /// <summary>Create a recovery database (msExchRestore TRUE, D3).</summary>
    [Parameter]
    public SwitchParameter Recovery { get; set; }

    protected override bool IsRecovery => Recovery;

    protected override bool PublicFolder => false;
}
