using System.Management.Automation;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Values;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Changes a mailbox database: its RpcClientAccessServer (the only way it changes, D2), quotas, retention, schedules and the other settings Exchange keeps on the database object.</para>
/// <para type="description">Every setting given is written in one LDAP modify, so they all apply or none does. Quotas are kept in kilobytes and retention periods in seconds, in the attributes Exchange 2010 uses (docs/settings.md). Settings about the running store (mounting, indexing, maintenance) are stored as Exchange stores them; nothing here mounts or runs anything.</para>
/// </summary>
/// <example>
/// <code>Get-MailboxDatabase | Set-MailboxDatabase -RpcClientAccessServer outlook.lab.local</code>
/// <para>Points every mailbox database at the array outlook.lab.local: the step people forget after creating an array.</para>
/// </example>
/// <example>
/// <code>Set-MailboxDatabase MDB01 -IssueWarningQuota 1.9GB -ProhibitSendQuota 2GB -ProhibitSendReceiveQuota 2.3GB</code>
/// <para>Sets the three mailbox quotas of MDB01 (Microsoft Learn, Set-MailboxDatabase, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Set-MailboxDatabase MDB01 -DeletedItemRetention 30.00:00:00 -RetainDeletedItemsUntilBackup $true</code>
/// <para>Keeps deleted items for 30 days, and until the database has been backed up.</para>
/// </example>
/// <example>
/// <code>Set-MailboxDatabase "MDB01" -DeletedItemRetention 7.00:00:00</code>
/// <para>Keeps the deleted items of MDB01's mailboxes 7 days; a mailbox's own retention overrides it (Microsoft Learn, Set-MailboxDatabase, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Set-MailboxDatabase MDB02 -RpcClientAccessServer CASArray-A</code>
/// <para>Makes the clients of MDB02's mailboxes connect through the Client Access array CASArray-A (Microsoft Learn, Set-MailboxDatabase, Exchange 2010 example 2, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "MailboxDatabase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetMailboxDatabaseCommand : CasDirectoryCmdlet
{
    /// <summary>The database: name, DN or GUID; or databases piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public DatabaseIdParameter Identity { get; set; } = null!;

    /// <summary>An existing Exchange 2010 Client Access server or array: name, FQDN, DN or legacyExchangeDN.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RpcClientAccessServerCompleter))]
    public ClientAccessServerOrArrayIdParameter? RpcClientAccessServer { get; set; }

    /// <summary>Whether a restore may overwrite the database (msExchPatchMDB).</summary>
    [Parameter] public bool AllowFileRestore { get; set; }

    /// <summary>Whether the store runs ESE's background maintenance on the database (msExchESEParamBackgroundDatabaseMaintenance; default $true).</summary>
    [Parameter] public bool BackgroundDatabaseMaintenance { get; set; }

    /// <summary>Circular logging (msExchESEParamCircularLog).</summary>
    [Parameter] public bool CircularLoggingEnabled { get; set; }

    /// <summary>None, SecondCopy, SecondDatacenter, AllDatacenters or AllCopies (msExchDataMoveReplicationConstraint).</summary>
    [Parameter] public DataMoveReplicationConstraintParameter DataMoveReplicationConstraint { get; set; }

    /// <summary>How long deleted items are kept, dd.hh:mm:ss up to 24855 days (garbageCollPeriod, seconds; default 14.00:00:00).</summary>
    [Parameter, ExchangeValue(typeof(EnhancedTimeSpan))] public EnhancedTimeSpan DeletedItemRetention { get; set; }

    /// <summary>How long events stay in the event history table, up to 30 days (default 7.00:00:00).</summary>
    [Parameter, ExchangeValue(typeof(EnhancedTimeSpan))] public EnhancedTimeSpan EventHistoryRetentionPeriod { get; set; }

    /// <summary>Whether Exchange Search indexes the database (msExchCIAvailable; default $true).</summary>
    [Parameter] public bool IndexEnabled { get; set; }

    /// <summary>Leaves the database out of automatic mailbox distribution (msExchProvisioningFlags bit 1).</summary>
    [Parameter] public bool IsExcludedFromProvisioning { get; set; }

    /// <summary>Suspends the database from automatic mailbox distribution (msExchProvisioningFlags bit 2).</summary>
    [Parameter] public bool IsSuspendedFromProvisioning { get; set; }

    /// <summary>The size at which a mailbox owner is warned: 2GB, "500 MB" or Unlimited (mDBStorageQuota, KB).</summary>
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> IssueWarningQuota { get; set; }

    /// <summary>The recipient that journals the database's mail: a recipient in the domain by name, mail or DN; $null clears it.</summary>
    [Parameter, AllowNull] public RecipientIdParameter? JournalRecipient { get; set; }

    /// <summary>How long a disconnected mailbox is kept (msExchMailboxRetentionPeriod, seconds; default 30.00:00:00).</summary>
    [Parameter, ExchangeValue(typeof(EnhancedTimeSpan))] public EnhancedTimeSpan MailboxRetention { get; set; }

    /// <summary>When online maintenance runs: intervals such as "Sun.1:00 AM-Sun.5:00 AM" (activationSchedule).</summary>
    [Parameter, ExchangeValue(typeof(Schedule)), AllowNull] public Schedule? MaintenanceSchedule { get; set; }

    /// <summary>Whether the store mounts the database when it starts (msExchEDBOffline, negated).</summary>
    [Parameter] public bool MountAtStartup { get; set; }

    /// <summary>The default offline address book of the database's mailboxes, by name or DN; $null clears it.</summary>
    [Parameter, AllowNull] public OfflineAddressBookIdParameter? OfflineAddressBook { get; set; }

    /// <summary>The size at which a mailbox can no longer send (mDBOverQuotaLimit, KB).</summary>
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> ProhibitSendQuota { get; set; }

    /// <summary>The size at which a mailbox can neither send nor receive (mDBOverHardQuotaLimit, KB).</summary>
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> ProhibitSendReceiveQuota { get; set; }

    /// <summary>The database's default public folder database (msExchHomePublicMDB); $null clears it.</summary>
    [Parameter, AllowNull] public DatabaseIdParameter? PublicFolderDatabase { get; set; }

    /// <summary>When quota warnings are sent: intervals such as "Sun.1:00 AM-Sun.1:15 AM" (quotaNotificationSchedule).</summary>
    [Parameter, ExchangeValue(typeof(Schedule)), AllowNull] public Schedule? QuotaNotificationSchedule { get; set; }

    /// <summary>The Recoverable Items quota (msExchRecoverableItemsQuota, KB).</summary>
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> RecoverableItemsQuota { get; set; }

    /// <summary>The Recoverable Items warning quota (msExchRecoverableItemsWarningQuota, KB).</summary>
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> RecoverableItemsWarningQuota { get; set; }

    /// <summary>Keep deleted items until the database has been backed up (deletedItemFlags).</summary>
    [Parameter] public bool RetainDeletedItemsUntilBackup { get; set; }

    /// <summary>A new name for the database, unique in the organisation (its .edb file keeps its path, as in Exchange).</summary>
    [Parameter]
    [NameTransformation]
    [ValidateObjectName]
    public string? Name { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var database = ObjectLookup.Database(directory.ReadDatabases().Where(d => !d.IsPublicFolderDatabase), Identity.RawIdentity);
        CurrentTarget = database.Name;
        var changes = SettingsGiven(DatabaseSettings.Mailbox).ToList();
        var alsoReplace = new Dictionary<string, IReadOnlyList<string>>();
        string? rpcTarget = null;
        if (RpcClientAccessServer is not null)
        {
            var topology = directory.ReadServersAndArrays();
            var target = RpcClientAccessTargets.Resolve(topology.Arrays, topology.Servers, RpcClientAccessServer.RawIdentity);
            alsoReplace["legacyExchangeDN"] = [Core.Databases.MailboxDatabase.LegacyDnFor(target.LegacyExchangeDN)];
            rpcTarget = target.Fqdn;
        }
        Resolve(changes, DatabaseSettings.PublicFolderDatabase, PublicFolderDatabase?.RawIdentity, identity =>
            ObjectLookup.Database(directory.ReadDatabases().Where(d => d.IsPublicFolderDatabase), identity, "public folder database").DistinguishedName);
        Resolve(changes, DatabaseSettings.OfflineAddressBook, OfflineAddressBook?.RawIdentity, identity =>
            directory.FindReference(identity, directory.Partition.OrganizationDn, ["msExchOAB"])
            ?? throw new Core.ObjectNotFoundException("offline address book", identity, $"No msExchOAB object under {directory.Partition.OrganizationDn} has that name or DN."));
        Resolve(changes, DatabaseSettings.JournalRecipient, JournalRecipient?.RawIdentity, identity =>
            directory.FindReference(identity, directory.Partition.DomainDn, ["user", "group", "contact"], byMail: true)
            ?? throw new Core.ObjectNotFoundException("recipient", identity, $"No user, group or contact in {directory.Partition.DomainDn} has that name, e-mail address or DN."));
        var rename = Name is not null && !Core.Identity.ObjectLookup.Same(Name, database.Name) ? Name : null;
        if (rename is not null && directory.DatabaseNamed(rename) is { } taken)
            throw new Core.DomainRuleException($"A database named '{taken.Name}' already exists. Database names are unique in the organisation.");
        if (changes.Count == 0 && alsoReplace.Count == 0 && rename is null)
            throw new Core.DomainRuleException("Give at least one setting to change, such as -RpcClientAccessServer or -ProhibitSendQuota.", isMalformedInput: true);

        var detail = string.Join(", ", changes.Select(c => $"-{c.Definition.Name} {c.Value ?? "$null"}").Prepend(rpcTarget is null ? null : $"-RpcClientAccessServer {rpcTarget}").OfType<string>().Concat(rename is null ? [] : [$"-Name {rename}"]));
        if (ShouldWrite($"Mailbox database \"{database.Name}\"", detail))
        {
            // The settings first, in one modify; the rename is a second operation (an LDAP modify cannot change the RDN).
            directory.WriteSettings(database.DistinguishedName, changes, alsoReplace);
            if (rename is not null)
                directory.RenameDatabase(database, rename);
        }
    }
}
