using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// <para type="synopsis">Moves a mailbox to another database of the organisation; the directory holds no mail, so the move completes at once and the request stays, Completed, until Remove-MoveRequest.</para>
/// <para type="description">The request is written on the user as Exchange 2010 writes a finished one (msExchMailboxMove*), with
/// its flags: IntraOrg and Pull, HighPriority for -Priority High, Protected for -Protect, MoveOnlyPrimaryMailbox or
/// MoveOnlyArchiveMailbox. -SuspendWhenReadyToComplete leaves the request AutoSuspended with the mailbox where it was.
/// Moves from or to another forest (-Remote, -Outbound, -RemoteLegacy) are refused: the directory has no other forest.</para>
/// </summary>
/// <example>
/// <code>New-MoveRequest alex -TargetDatabase MDB02</code>
/// <para>Moves Alex's mailbox to MDB02 (Microsoft Learn, New-MoveRequest, Exchange 2010 example 2, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-Mailbox -Database MDB01 | New-MoveRequest -TargetDatabase MDB02 -BatchName 'DB01toDB02'</code>
/// <para>Moves every mailbox of MDB01 to MDB02 as one batch (Microsoft Learn, New-MoveRequest, Exchange 2010 example 3, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.New, "MoveRequest", SupportsShouldProcess = true, DefaultParameterSetName = Local)]
[OutputType(typeof(Objects.MoveRequest))]
public sealed class NewMoveRequestCommand : CasDirectoryCmdlet
{
    private const string Local = "MigrationLocal", Outbound_ = "MigrationOutbound", Remote_ = "MigrationRemote", RemoteLegacy_ = "MigrationRemoteLegacy";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MailboxNameCompleter))]
    public MailboxOrMailUserIdParameter Identity { get; set; } = null!;

    [Parameter(ParameterSetName = Local)] [Parameter(ParameterSetName = Remote_)] [Parameter(ParameterSetName = RemoteLegacy_)]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public DatabaseIdParameter? TargetDatabase { get; set; }

    /// <summary>Where the archive goes; without it, with the primary mailbox's (msExchArchiveDatabaseLink).</summary>
    [Parameter(ParameterSetName = Local)] [Parameter(ParameterSetName = Remote_)]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public DatabaseIdParameter? ArchiveTargetDatabase { get; set; }

    [Parameter] public string? BatchName { get; set; }

    /// <summary>How many corrupt items may be skipped (0 to 2147483647, Unlimited); above 50 needs -AcceptLargeDataLoss, as in Exchange. Nothing is copied here, so nothing is skipped.</summary>
    [Parameter, Validation.ExchangeValue(typeof(Core.Values.Unlimited<int>))] public Core.Values.Unlimited<int> BadItemLimit { get; set; }
    [Parameter] public SwitchParameter AcceptLargeDataLoss { get; set; }
    /// <summary>Accepted: items over the target's size limit would be moved; nothing is copied here.</summary>
    [Parameter] public SwitchParameter AllowLargeItems { get; set; }
    [Parameter] public SwitchParameter IgnoreRuleLimitErrors { get; set; }
    [Parameter(ParameterSetName = Local)] [Parameter(ParameterSetName = Outbound_)] [Parameter(ParameterSetName = Remote_)] public SwitchParameter PrimaryOnly { get; set; }
    [Parameter(ParameterSetName = Local)] [Parameter(ParameterSetName = Outbound_)] [Parameter(ParameterSetName = Remote_)] public SwitchParameter ArchiveOnly { get; set; }
    /// <summary>Accepted: Outlook keeps no signature to lose here (the directory holds no mailbox content).</summary>
    [Parameter(ParameterSetName = Local)] public SwitchParameter DoNotPreserveMailboxSignature { get; set; }
    /// <summary>Normal or High (HighPriority flag).</summary>
    [Parameter] public RequestPriority Priority { get; set; }
    /// <summary>Sets the Protected flag (reserved for Microsoft's use in Exchange).</summary>
    [Parameter] public SwitchParameter Protect { get; set; }
    /// <summary>The Mailbox Replication Service to run the move: must be an Exchange 2010 Client Access server of the directory; the move itself completes at once.</summary>
    [Parameter] public Objects.Fqdn? MRSServer { get; set; }
    /// <summary>Stops the request before it completes (status AutoSuspended, the mailbox not moved); Remove-MoveRequest cancels it.</summary>
    [Parameter] public SwitchParameter SuspendWhenReadyToComplete { get; set; }

    /// <summary>Refused: a suspended request waits for Resume-MoveRequest, which the directory model does not have (its moves complete at once).</summary>
    [Parameter] public SwitchParameter Suspend { get; set; }
    [Parameter] public string? SuspendComment { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = Remote_)] public SwitchParameter Remote { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = Outbound_)] public SwitchParameter Outbound { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = RemoteLegacy_)] public SwitchParameter RemoteLegacy { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = Remote_)] [Parameter(Mandatory = true, ParameterSetName = Outbound_)] public Objects.Fqdn? RemoteHostName { get; set; }
    [Parameter(ParameterSetName = Remote_)] [Parameter(ParameterSetName = Outbound_)] [Parameter(Mandatory = true, ParameterSetName = RemoteLegacy_)] public PSCredential? RemoteCredential { get; set; }
    [Parameter(ParameterSetName = Remote_)] [Parameter(ParameterSetName = Outbound_)] [Parameter(Mandatory = true, ParameterSetName = RemoteLegacy_)] public Objects.Fqdn? RemoteGlobalCatalog { get; set; }
    [Parameter(ParameterSetName = Remote_)] [Parameter(ParameterSetName = Outbound_)] [Parameter(ParameterSetName = RemoteLegacy_)] public Objects.Fqdn? TargetDeliveryDomain { get; set; }
    [Parameter(ParameterSetName = Remote_)] [Parameter(ParameterSetName = Outbound_)] public string? RemoteOrganizationName { get; set; }
    [Parameter(ParameterSetName = Remote_)] [Parameter(ParameterSetName = Outbound_)] public string? RemoteTargetDatabase { get; set; }
    [Parameter(ParameterSetName = Outbound_)] public string? RemoteArchiveTargetDatabase { get; set; }
    [Parameter(ParameterSetName = Remote_)] [Parameter(ParameterSetName = Outbound_)] public string? ArchiveDomain { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        if (ParameterSetName != Local)
            throw new DomainRuleException($"A cross-forest move ({(Remote ? "-Remote" : Outbound ? "-Outbound" : "-RemoteLegacy")}) needs another forest, and this directory is the only one: there is no {RemoteHostName?.Value ?? RemoteGlobalCatalog?.Value ?? "remote organisation"} to move from or to. Move the mailbox within the organisation with -TargetDatabase.");
        if (Suspend)
            throw new DomainRuleException("-Suspend would leave a request that nothing in the directory model resumes; run New-MoveRequest without it (the move completes at once).", isMalformedInput: true);
        if (SuspendComment is not null)
            throw new DomainRuleException("-SuspendComment goes with -Suspend, which the directory model refuses (its moves complete at once).", isMalformedInput: true);
        if (PrimaryOnly && ArchiveOnly)
            throw new DomainRuleException("-PrimaryOnly and -ArchiveOnly exclude each other; give one, or neither to move both.", isMalformedInput: true);
        if (!BadItemLimit.IsUnlimited && BadItemLimit.Value < 0)
            throw new DomainRuleException($"-BadItemLimit {BadItemLimit.Value} is not valid: use 0 to 2147483647 or Unlimited.", isMalformedInput: true);
        if ((BadItemLimit.IsUnlimited || BadItemLimit.Value > 50) && !AcceptLargeDataLoss)
            throw new DomainRuleException("Please confirm your intention to accept a large amount of data loss by specifying AcceptLargeDataLoss (-BadItemLimit above 50).", isMalformedInput: true);
        if (MRSServer is not null && !directory.ReadServersAndArrays().Servers.Any(s => (ObjectName.Same(s.Name, MRSServer.Value) || ObjectName.Same(s.Name, MRSServer.Value.Split('.')[0])) && s.HasRole(Core.Servers.ServerRoles.ClientAccess)))
            throw new ObjectNotFoundException("Client Access server", MRSServer.Value, "-MRSServer names the Client Access server whose Mailbox Replication Service runs the move.");
        var mailbox = RecipientLookup.Mailbox(directory.ReadMailboxes(), Identity.RawIdentity);
        CurrentTarget = mailbox.Name;
        if (mailbox.Move is { Status: not (RequestStatus.Completed or RequestStatus.CompletedWithWarning or RequestStatus.Failed) } pending)
            throw new DomainRuleException($"'{mailbox.Name}' already has a move request ({pending.Status}); remove it with Remove-MoveRequest first.");
        if (mailbox.Move is not null)
            throw new DomainRuleException($"'{mailbox.Name}' has a completed move request; clear it with Remove-MoveRequest '{mailbox.Name}' before moving it again (as Exchange asks).");
        if ((ArchiveOnly || ArchiveTargetDatabase is not null) && !mailbox.HasArchive)
            throw new DomainRuleException($"'{mailbox.Name}' has no archive to move; leave out -ArchiveOnly and -ArchiveTargetDatabase.");
        var databases = directory.ReadDatabases();
        var servers = directory.ReadServersAndArrays().Servers;
        var target = TargetDatabase is not null
            ? ObjectLookup.Database(databases.Where(d => !d.IsPublicFolderDatabase), TargetDatabase.RawIdentity)
            : ArchiveOnly ? databases.First(d => DistinguishedNames.AreEqual(d.DistinguishedName, mailbox.DatabaseDn))
            : MailboxProvisioning.ChooseDatabase(databases.Where(d => !DistinguishedNames.AreEqual(d.DistinguishedName, mailbox.DatabaseDn)), servers, directory.ReadMailboxes());
        if (!ArchiveOnly && DistinguishedNames.AreEqual(target.DistinguishedName, mailbox.DatabaseDn))
            throw new DomainRuleException($"'{mailbox.Name}' is already in the database '{target.Name}'.");
        var server = MailboxProvisioning.RequireMailboxDatabase(target, servers);
        string? archiveTarget = null;
        if (mailbox.HasArchive && !PrimaryOnly)
        {
            var archiveDatabase = ArchiveTargetDatabase is null ? target : ObjectLookup.Database(databases.Where(d => !d.IsPublicFolderDatabase), ArchiveTargetDatabase.RawIdentity);
            MailboxProvisioning.RequireMailboxDatabase(archiveDatabase, servers);
            archiveTarget = archiveDatabase.DistinguishedName;
        }
        if (!ShouldWrite($"move request for \"{mailbox.Name}\"", ArchiveOnly ? $"archive to {DistinguishedNames.FirstValue(archiveTarget!)}" : $"to {target.Name} on {server.Name}"))
            return;
        var flags = MoveRequestFlags.IntraOrg | MoveRequestFlags.Pull
                    | (PrimaryOnly ? MoveRequestFlags.MoveOnlyPrimaryMailbox : 0) | (ArchiveOnly ? MoveRequestFlags.MoveOnlyArchiveMailbox : 0)
                    | (Priority == RequestPriority.High ? MoveRequestFlags.HighPriority : 0) | (Protect ? MoveRequestFlags.Protected : 0)
                    | (SuspendWhenReadyToComplete ? MoveRequestFlags.SuspendWhenReadyToComplete : 0);
        var moved = directory.MoveMailbox(mailbox, ArchiveOnly ? mailbox.DatabaseDn : target.DistinguishedName, server.LegacyExchangeDN ?? directory.Partition.ServerLegacyDn(server.Name),
            MailboxProvisioning.HomeMtaFor(directory.Partition, server.Name), BatchName, flags,
            SuspendWhenReadyToComplete ? RequestStatus.AutoSuspended : RequestStatus.Completed, archiveTarget);
        WriteObject(Objects.MoveRequest.From(moved, databases));
    }
}
