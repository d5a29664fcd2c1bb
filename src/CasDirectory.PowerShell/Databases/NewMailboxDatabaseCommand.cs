using System.Management.Automation;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Creates a mailbox (or recovery) database. Its RpcClientAccessServer is chosen once, by D1, and never rewritten (D2).</para>
/// </summary>
/// <example>
/// <code>New-MailboxDatabase -Name MDB03 -Server E2K10-MLT-01</code>
/// <para>Creates MDB03; its RpcClientAccessServer is the array of E2K10-MLT-01's site if there is one (D1).</para>
/// </example>
/// <example>
/// <code>New-MailboxDatabase -Name MDB03 -Server E2K10-MLT-01 -IsExcludedFromProvisioning $true -PublicFolderDatabase PFDB01</code>
/// <para>Creates MDB03 left out of automatic mailbox distribution, with PFDB01 as its default public folder database: one entry, written once.</para>
/// </example>
/// <example>
/// <code>New-MailboxDatabase -Server E2K10-MLT-01 -Name "MDB03" -EdbFilePath D:\ExchangeDatabases\MDB03\MDB03.edb</code>
/// <para>Creates MDB03 on E2K10-MLT-01 with its .edb file outside the default folder (Microsoft Learn, New-MailboxDatabase, example 1, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.New, "MailboxDatabase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "NonRecovery")]
[OutputType(typeof(Objects.MailboxDatabase))]
public sealed class NewMailboxDatabaseCommand : NewDatabaseCommand
{
    /// <summary>Create a recovery database (msExchRestore TRUE, D3).</summary>
    [Parameter(ParameterSetName = "Recovery", Mandatory = true)]
    public SwitchParameter Recovery { get; set; }

    /// <summary>Leave the database out of automatic mailbox distribution (msExchProvisioningFlags bit 1).</summary>
    [Parameter(ParameterSetName = "NonRecovery")]
    public bool IsExcludedFromProvisioning { get; set; }

    /// <summary>Suspend the database from automatic mailbox distribution (msExchProvisioningFlags bit 2).</summary>
    [Parameter(ParameterSetName = "NonRecovery")]
    public bool IsSuspendedFromProvisioning { get; set; }

    /// <summary>The default offline address book of its mailboxes, by name or DN.</summary>
    [Parameter(ParameterSetName = "NonRecovery")]
    public IdParameters.OfflineAddressBookIdParameter? OfflineAddressBook { get; set; }

    /// <summary>Its default public folder database (msExchHomePublicMDB).</summary>
    [Parameter(ParameterSetName = "NonRecovery")]
    [ArgumentCompleter(typeof(Completion.DatabaseNameCompleter))]
    public IdParameters.DatabaseIdParameter? PublicFolderDatabase { get; set; }

    protected override bool IsRecovery => Recovery;

    protected override IReadOnlyList<Core.Settings.SettingChange> InitialSettings(Ldap.Exchange.ExchangeDirectory directory)
    {
        var changes = SettingsGiven(Core.Databases.DatabaseSettings.Mailbox).ToList();
        Resolve(changes, Core.Databases.DatabaseSettings.PublicFolderDatabase, PublicFolderDatabase?.RawIdentity, identity =>
            Core.Identity.ObjectLookup.Database(directory.ReadDatabases().Where(d => d.IsPublicFolderDatabase), identity, "public folder database").DistinguishedName);
        Resolve(changes, Core.Databases.DatabaseSettings.OfflineAddressBook, OfflineAddressBook?.RawIdentity, identity =>
            directory.FindReference(identity, directory.Partition.OrganizationDn, ["msExchOAB"])
            ?? throw new Core.ObjectNotFoundException("offline address book", identity, $"No msExchOAB object under {directory.Partition.OrganizationDn} has that name or DN."));
        return changes;
    }

    protected override bool PublicFolder => false;
}
