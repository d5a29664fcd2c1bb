using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// <para type="synopsis">Moves a mailbox to another database. The directory holds no mail, so the move completes at once.</para>
/// <para type="description">homeMDB, msExchHomeServerName and homeMTA name the target, and the request is left on the user as
/// Completed (Get-MoveRequest shows it; Remove-MoveRequest clears it), in one modify. The Outlook profiles made before
/// keep the server they were made with until Autodiscover runs again: a move to a database with another
/// RpcClientAccessServer is what makes Outlook ask for a restart.</para>
/// </summary>
/// <example>
/// <code>New-MoveRequest -Identity alex -TargetDatabase MDB02</code>
/// <para>Moves Alex's mailbox to MDB02 (Microsoft Learn, New-MoveRequest, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-Mailbox -Database MDB01 | New-MoveRequest -TargetDatabase MDB02 -BatchName 'MDB01 to MDB02'</code>
/// <para>Moves every mailbox of MDB01 in one batch.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "MoveRequest", SupportsShouldProcess = true, DefaultParameterSetName = "MigrationLocal")]
[OutputType(typeof(Objects.MoveRequest))]
public sealed class NewMoveRequestCommand : CasDirectoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MailboxNameCompleter))]
    public MailboxIdParameter Identity { get; set; } = null!;

    [Parameter]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public DatabaseIdParameter? TargetDatabase { get; set; }

    [Parameter] public string? BatchName { get; set; }

    /// <summary>Accepted as EMS takes them; nothing is copied, so nothing is skipped or corrupt.</summary>
    [Parameter, Validation.ExchangeValue(typeof(Core.Values.Unlimited<int>))] public Core.Values.Unlimited<int> BadItemLimit { get; set; }
    [Parameter] public SwitchParameter AcceptLargeDataLoss { get; set; }
    [Parameter] public SwitchParameter IgnoreRuleLimitErrors { get; set; }
    [Parameter] public SwitchParameter PrimaryOnly { get; set; }
    [Parameter] public SwitchParameter ArchiveOnly { get; set; }

    /// <summary>Refused: a suspended request waits for Resume-MoveRequest, which the directory model does not have (its moves complete at once).</summary>
    [Parameter] public SwitchParameter Suspend { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        if (Suspend)
            throw new DomainRuleException("-Suspend would leave a request that nothing in the directory model resumes; run New-MoveRequest without it (the move completes at once).", isMalformedInput: true);
        var mailbox = RecipientLookup.Mailbox(directory.ReadMailboxes(), Identity.RawIdentity);
        CurrentTarget = mailbox.Name;
        if (mailbox.Move is { Status: not (MoveStatus.Completed or MoveStatus.CompletedWithWarning or MoveStatus.Failed) } pending)
            throw new DomainRuleException($"'{mailbox.Name}' already has a move request ({pending.Status}); remove it with Remove-MoveRequest first.");
        if (mailbox.Move is not null)
            throw new DomainRuleException($"'{mailbox.Name}' has a completed move request; clear it with Remove-MoveRequest '{mailbox.Name}' before moving it again (as Exchange asks).");
        var databases = directory.ReadDatabases();
        var servers = directory.ReadServersAndArrays().Servers;
        var target = TargetDatabase is null
            ? MailboxProvisioning.ChooseDatabase(databases.Where(d => !DistinguishedNames.AreEqual(d.DistinguishedName, mailbox.DatabaseDn)), servers, directory.ReadMailboxes())
            : ObjectLookup.Database(databases.Where(d => !d.IsPublicFolderDatabase), TargetDatabase.RawIdentity);
        if (DistinguishedNames.AreEqual(target.DistinguishedName, mailbox.DatabaseDn))
            throw new DomainRuleException($"'{mailbox.Name}' is already in the database '{target.Name}'.");
        var server = MailboxProvisioning.RequireMailboxDatabase(target, servers);
        if (!ShouldWrite($"move request for \"{mailbox.Name}\"", $"to {target.Name} on {server.Name}"))
            return;
        var moved = directory.MoveMailbox(mailbox, target.DistinguishedName, server.LegacyExchangeDN ?? directory.Partition.ServerLegacyDn(server.Name),
            MailboxProvisioning.HomeMtaFor(directory.Partition, server.Name), BatchName,
            MoveRequestFlags.IntraOrg | MoveRequestFlags.Pull | (PrimaryOnly ? MoveRequestFlags.MoveOnlyPrimaryMailbox : 0) | (ArchiveOnly ? MoveRequestFlags.MoveOnlyArchiveMailbox : 0));
        WriteObject(Objects.MoveRequest.From(moved, databases));
    }
}
