using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// <para type="synopsis">Takes the mailbox (or, with -Archive, only its archive) away from a user and keeps the user (Remove-Mailbox deletes both); asks unless -Confirm:$false.</para>
/// <para type="description">A mailbox on litigation hold is disabled only with -IgnoreLegalHold, the last arbitration mailbox only
/// with -DisableLastArbitrationMailboxAllowed. -RemoteArchive: the directory holds no remote archives, so there is none to take away.</para>
/// </summary>
/// <example>
/// <code>Disable-Mailbox ben -Confirm:$false</code>
/// <para>Removes the Exchange attributes from Ben Andrews; the user stays and Enable-Mailbox can give it a mailbox again (Microsoft Learn, Disable-Mailbox, Exchange 2010 example, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsLifecycle.Disable, "Mailbox", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Identity")]
public sealed class DisableMailboxCommand : CasDirectoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "Identity")]
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "Arbitration")]
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "Archive")]
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "RemoteArchive")]
    [ArgumentCompleter(typeof(MailboxNameCompleter))]
    public MailboxIdParameter Identity { get; set; } = null!;

    [Parameter(ParameterSetName = "Arbitration")] public SwitchParameter Arbitration { get; set; }
    [Parameter(ParameterSetName = "Arbitration")] public SwitchParameter DisableLastArbitrationMailboxAllowed { get; set; }
    /// <summary>Takes away only the archive (msExchArchive* attributes); the mailbox stays.</summary>
    [Parameter(ParameterSetName = "Archive")] public SwitchParameter Archive { get; set; }
    [Parameter(ParameterSetName = "RemoteArchive")] public SwitchParameter RemoteArchive { get; set; }
    [Parameter] public SwitchParameter IgnoreLegalHold { get; set; }
    /// <summary>The directory has no recipient scopes: every mailbox of the domain is in scope already.</summary>
    [Parameter] public SwitchParameter IgnoreDefaultScope { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var mailbox = MailboxTargets.Find(directory, Identity.RawIdentity, Arbitration);
        CurrentTarget = mailbox.Name;
        if (RemoteArchive)
            throw new DomainRuleException($"'{mailbox.Name}' has no remote archive: this directory has no Exchange Online organisation to hold one. Disable-Mailbox -Archive takes away an archive in the organisation.");
        if (Archive)
        {
            if (!mailbox.HasArchive)
                throw new DomainRuleException($"'{mailbox.Name}' has no archive to disable.");
            if (ShouldWrite($"archive of \"{mailbox.Name}\"", "the mailbox stays"))
                directory.DisableArchive(mailbox);
            return;
        }
        RemovalChecks.Require(directory, mailbox, IgnoreLegalHold, DisableLastArbitrationMailboxAllowed, "disable", "-DisableLastArbitrationMailboxAllowed");
        if (ShouldWrite($"mailbox \"{mailbox.Name}\"", $"the user {mailbox.DistinguishedName} stays, without its Exchange attributes"))
            directory.DisableMailbox(mailbox);
    }
}
