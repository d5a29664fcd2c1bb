using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Recipients;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// <para type="synopsis">Removes a mailbox and its user account, as Exchange 2010's Remove-Mailbox does; asks unless -Confirm:$false.</para>
/// <para type="description">A mailbox on litigation hold is removed only with -IgnoreLegalHold, and the last arbitration
/// mailbox only with -RemoveLastArbitrationMailboxAllowed, as in Exchange. -StoreMailboxIdentity purges a disconnected
/// mailbox from a database's store, which the directory does not model: it is refused.</para>
/// </summary>
/// <example>
/// <code>Remove-Mailbox ben -Confirm:$false</code>
/// <para>Deletes Ben's user and mailbox (Microsoft Learn, Remove-Mailbox, Exchange 2010 example, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "Mailbox", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Identity")]
public sealed class RemoveMailboxCommand : CasDirectoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "Identity")]
    [ArgumentCompleter(typeof(MailboxNameCompleter))]
    public MailboxIdParameter Identity { get; set; } = null!;

    /// <summary>Accepted as EMS takes it: the store holds no disconnected mailbox here, so the removal is already permanent.</summary>
    [Parameter(ParameterSetName = "Identity")]
    public bool Permanent { get; set; }

    /// <summary>Refused: disconnected mailboxes live in a database's store, which the directory does not model.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "StoreMailboxIdentity")]
    public StoreMailboxIdParameter? StoreMailboxIdentity { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = "StoreMailboxIdentity")]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public DatabaseIdParameter? Database { get; set; }

    /// <summary>Removes an arbitration mailbox (they are hidden without it).</summary>
    [Parameter] public SwitchParameter Arbitration { get; set; }
    /// <summary>Removes a mailbox on litigation hold.</summary>
    [Parameter] public SwitchParameter IgnoreLegalHold { get; set; }
    /// <summary>Removes the organisation's last arbitration mailbox.</summary>
    [Parameter] public SwitchParameter RemoveLastArbitrationMailboxAllowed { get; set; }
    /// <summary>The directory has no recipient scopes: every mailbox of the domain is in scope already.</summary>
    [Parameter] public SwitchParameter IgnoreDefaultScope { get; set; }
    /// <summary>Refused: Windows Live IDs belong to Exchange 2010's hosted deployments.</summary>
    [Parameter(ParameterSetName = "Identity")] public SwitchParameter KeepWindowsLiveID { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        if (ParameterSetName == "StoreMailboxIdentity")
            throw new DomainRuleException("-StoreMailboxIdentity purges a disconnected mailbox from a database's store; this directory models no store, so no disconnected mailbox exists to purge (Remove-Mailbox -Identity already removes the user and its mailbox at once).");
        if (KeepWindowsLiveID)
            throw UnmodelledObjects.Hosting(nameof(KeepWindowsLiveID), "Windows Live IDs belong to Exchange 2010's hosted (Live@edu) deployments, which this directory does not model.");
        var mailbox = MailboxTargets.Find(directory, Identity.RawIdentity, Arbitration);
        CurrentTarget = mailbox.Name;
        RemovalChecks.Require(directory, mailbox, IgnoreLegalHold, RemoveLastArbitrationMailboxAllowed, "remove", "-RemoveLastArbitrationMailboxAllowed");
        if (ShouldWrite($"mailbox \"{mailbox.Name}\"", $"the user {mailbox.DistinguishedName} is deleted with it"))
            directory.RemoveMailboxUser(mailbox);
    }
}
