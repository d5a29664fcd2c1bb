using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;
using CasDirectory.Core.Settings;
using CasDirectory.Core.Values;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// <para type="synopsis">Gives an existing user of the domain a mailbox (user, room, equipment, shared, linked, arbitration or discovery), or gives a mailbox an archive, in one modify of the user.</para>
/// <para type="description">Rooms, equipment, shared, linked, arbitration and discovery mailboxes disable the user's logon
/// (userAccountControl 514), as Exchange does. -Archive adds an archive to a mailbox (msExchArchiveGUID,
/// msExchArchiveName, msExchArchiveDatabaseLink). A remote archive and policies are refused (docs/recipients.md).</para>
/// </summary>
/// <example>
/// <code>Enable-Mailbox 'Jan Kotas' -Database MDB01</code>
/// <para>Makes the existing user Jan Kotas a mailbox in MDB01 (Microsoft Learn, Enable-Mailbox, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Enable-Mailbox alex -Archive -ArchiveDatabase MDB02</code>
/// <para>Gives Alex an archive in MDB02 (Microsoft Learn, Enable-Mailbox, Exchange 2010, adapted to the lab: an archive in the organisation rather than a remote one).</para>
/// </example>
[Cmdlet(VerbsLifecycle.Enable, "Mailbox", SupportsShouldProcess = true, DefaultParameterSetName = User)]
[OutputType(typeof(Objects.Mailbox))]
public sealed class EnableMailboxCommand : CasDirectoryCmdlet
{
    private const string User = "User", Arbitration_ = "Arbitration", Archive_ = "Archive", Discovery_ = "Discovery", Equipment_ = "Equipment",
        Linked = "Linked", RemoteArchive_ = "RemoteArchive", Room_ = "Room", Shared_ = "Shared";

    /// <summary>The user: its name, UPN, DN, GUID or DOMAIN\sAMAccountName (with -Archive, the mailbox).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public UserIdParameter Identity { get; set; } = null!;

    [Parameter] public string? Alias { get; set; }
    [Parameter] public string? DisplayName { get; set; }
    [Parameter] public SmtpAddress PrimarySmtpAddress { get; set; }
    private SmtpAddress? Primary => MyInvocation.BoundParameters.ContainsKey(nameof(PrimarySmtpAddress)) ? PrimarySmtpAddress : null;

    [Parameter(ParameterSetName = User)] [Parameter(ParameterSetName = Arbitration_)] [Parameter(ParameterSetName = Discovery_)] [Parameter(ParameterSetName = Equipment_)]
    [Parameter(ParameterSetName = Linked)] [Parameter(ParameterSetName = Room_)] [Parameter(ParameterSetName = Shared_)]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public DatabaseIdParameter? Database { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = Room_)] public SwitchParameter Room { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = Equipment_)] public SwitchParameter Equipment { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = Shared_)] public SwitchParameter Shared { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = Arbitration_)] public SwitchParameter Arbitration { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = Discovery_)] public SwitchParameter Discovery { get; set; }
    /// <summary>The owner in another forest, by SID (S-1-5-21-…): stored in msExchMasterAccountSid.</summary>
    [Parameter(Mandatory = true, ParameterSetName = Linked)] public UserIdParameter? LinkedMasterAccount { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = Linked)] public string? LinkedDomainController { get; set; }
    [Parameter(ParameterSetName = Linked)] public PSCredential? LinkedCredential { get; set; }

    /// <summary>Adds an archive to the mailbox -Identity names.</summary>
    [Parameter(ParameterSetName = Archive_)] public SwitchParameter Archive { get; set; }
    [Parameter(ParameterSetName = Archive_)] [ArgumentCompleter(typeof(DatabaseNameCompleter))] public DatabaseIdParameter? ArchiveDatabase { get; set; }
    [Parameter(ParameterSetName = Archive_)] public Guid ArchiveGuid { get; set; }
    [Parameter(ParameterSetName = Archive_), ExchangeValue(typeof(MultiValuedProperty<string>))] public MultiValuedProperty<string>? ArchiveName { get; set; }
    /// <summary>Refused: a remote archive lives in Exchange Online.</summary>
    [Parameter(ParameterSetName = RemoteArchive_)] public SwitchParameter RemoteArchive { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = RemoteArchive_)] public SmtpDomain? ArchiveDomain { get; set; }

    [Parameter] public MailboxPolicyIdParameter? ActiveSyncMailboxPolicy { get; set; }
    [Parameter(ParameterSetName = User)] public AddressBookMailboxPolicyIdParameter? AddressBookPolicy { get; set; }
    [Parameter(ParameterSetName = User)] public MailboxPlanIdParameter? MailboxPlan { get; set; }
    [Parameter(ParameterSetName = User)] [Parameter(ParameterSetName = Arbitration_)] [Parameter(ParameterSetName = Discovery_)] [Parameter(ParameterSetName = Equipment_)]
    [Parameter(ParameterSetName = Linked)] [Parameter(ParameterSetName = Room_)] [Parameter(ParameterSetName = Shared_)] [Parameter(ParameterSetName = RemoteArchive_)]
    public MailboxPolicyIdParameter? ManagedFolderMailboxPolicy { get; set; }
    [Parameter(ParameterSetName = User)] [Parameter(ParameterSetName = Arbitration_)] [Parameter(ParameterSetName = Discovery_)] [Parameter(ParameterSetName = Equipment_)]
    [Parameter(ParameterSetName = Linked)] [Parameter(ParameterSetName = Room_)] [Parameter(ParameterSetName = Shared_)] [Parameter(ParameterSetName = RemoteArchive_)]
    public SwitchParameter ManagedFolderMailboxPolicyAllowed { get; set; }
    [Parameter] public MailboxPolicyIdParameter? RetentionPolicy { get; set; }
    [Parameter] public MailboxPolicyIdParameter? RoleAssignmentPolicy { get; set; }
    [Parameter] public SwitchParameter Force { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        UnmodelledObjects.RefuseValue(nameof(ActiveSyncMailboxPolicy), ActiveSyncMailboxPolicy, "Exchange ActiveSync mailbox policies");
        UnmodelledObjects.RefuseValue(nameof(AddressBookPolicy), AddressBookPolicy, "address book policies");
        UnmodelledObjects.RefuseValue(nameof(MailboxPlan), MailboxPlan, "mailbox plans (Exchange 2010 hosting)");
        UnmodelledObjects.RefuseValue(nameof(ManagedFolderMailboxPolicy), ManagedFolderMailboxPolicy, "managed folder mailbox policies");
        UnmodelledObjects.RefuseValue(nameof(RetentionPolicy), RetentionPolicy, "retention policies");
        UnmodelledObjects.RefuseValue(nameof(RoleAssignmentPolicy), RoleAssignmentPolicy, "role assignment policies");
        if (ParameterSetName == RemoteArchive_)
            throw UnmodelledObjects.Hosting(nameof(RemoteArchive), "a remote archive lives in an Exchange Online organisation, which this directory has no connection to. Use -Archive for an archive in a database of the organisation.");
        if (ParameterSetName == Archive_)
        {
            EnableArchive(directory);
            return;
        }
        var identity = Identity.RawIdentity;
        if (RecipientLookup.TryMailbox(directory.ReadMailboxes(), identity) is { } existing)
            throw new DomainRuleException($"'{existing.Name}' already has a mailbox (in {DistinguishedNames.FirstValue(existing.DatabaseDn)}).");
        var users = directory.ReadUsersWithoutMailbox();
        var slash = identity.IndexOf('\\');
        var matches = users.Where(u => ObjectName.Same(u.Name, identity) || DistinguishedNames.AreEqual(u.DistinguishedName, identity)
                                       || string.Equals(u.UserPrincipalName, identity, StringComparison.OrdinalIgnoreCase)
                                       || (slash > 0 && string.Equals(u.SamAccountName, identity[(slash + 1)..], StringComparison.OrdinalIgnoreCase))).ToList();
        if (matches.Count == 0)
            throw new ObjectNotFoundException("user", identity);
        if (matches.Count > 1)
            throw new DomainRuleException($"The identity '{ObjectName.Shown(identity)}' matches more than one user ({string.Join(", ", matches.Select(m => m.DistinguishedName))}); use the DN.");
        var user = matches[0];
        CurrentTarget = user.Name;
        if (ParameterSetName == Linked && !Core.Naming.Fqdn.IsValid(LinkedDomainController ?? ""))
            throw new DomainRuleException($"-LinkedDomainController '{LinkedDomainController}' is not a host name such as dc1.fabrikam.com.", isMalformedInput: true);
        var type = Room ? RecipientTypeDetails.RoomMailbox : Equipment ? RecipientTypeDetails.EquipmentMailbox : Shared ? RecipientTypeDetails.SharedMailbox
            : Arbitration ? RecipientTypeDetails.ArbitrationMailbox : Discovery ? RecipientTypeDetails.DiscoveryMailbox
            : ParameterSetName == Linked ? RecipientTypeDetails.LinkedMailbox : RecipientTypeDetails.UserMailbox;
        var extra = new Dictionary<string, IReadOnlyList<object>>(StringComparer.OrdinalIgnoreCase);
        if (LinkedMasterAccount is not null)
            extra["msExchMasterAccountSid"] = [RecipientReferences.MasterAccountSid(LinkedMasterAccount.RawIdentity)];
        if (MailboxTypes.DisabledAccount(type))
        {
            extra["userAccountControl"] = ["514"];
            extra["msExchUserAccountControl"] = ["2"];
        }
        if (Primary is not null)
            extra[MailboxSettings.EmailAddressPolicyEnabled.Attribute] = [EmailAddressPolicySyntax.Excluded];
        var alias = Alias is null ? MailboxProvisioning.AliasFrom(user.Name) : MailboxProvisioning.RequireAlias(Alias);
        var plan = MailboxPlacement.Plan(directory, Database?.RawIdentity, alias, Primary, null, type, user.DistinguishedName, null, null) with { Extra = extra };
        if (!ShouldWrite($"mailbox for \"{user.Name}\"", $"database {DistinguishedNames.FirstValue(plan.DatabaseDn)}, address {plan.PrimarySmtpAddress}"))
            return;
        var mailbox = directory.EnableMailbox(user.DistinguishedName, plan, DisplayName);
        WriteObject(Objects.Mailbox.From(mailbox, directory.ReadDatabases()));
    }

    /// <summary>-Archive: the archive's attributes added to the mailbox in one modify; a mailbox has one archive at most.</summary>
    private void EnableArchive(Ldap.Exchange.ExchangeDirectory directory)
    {
        var mailbox = RecipientLookup.Mailbox(directory.ReadMailboxes(), Identity.RawIdentity);
        CurrentTarget = mailbox.Name;
        if (mailbox.HasArchive)
            throw new DomainRuleException($"'{mailbox.Name}' already has an archive (in {DistinguishedNames.FirstValue(mailbox.Setting(MailboxSettings.ArchiveDatabase) as string ?? mailbox.DatabaseDn)}).");
        var values = MailboxPlacement.ArchiveValues(directory, ArchiveDatabase?.RawIdentity ?? mailbox.DatabaseDn, DisplayName ?? mailbox.DisplayName ?? mailbox.Name, ArchiveName);
        var replace = values.Where(v => v.Key != "msExchArchiveGUID").ToDictionary(v => v.Key, v => (IReadOnlyList<string>)v.Value.Cast<string>().ToList(), StringComparer.OrdinalIgnoreCase);
        var guid = MyInvocation.BoundParameters.ContainsKey(nameof(ArchiveGuid)) ? ArchiveGuid : new Guid((byte[])values["msExchArchiveGUID"][0]);
        if (guid == Guid.Empty)
            throw new DomainRuleException("-ArchiveGuid cannot be the empty GUID.", isMalformedInput: true);
        if (!ShouldWrite($"archive for \"{mailbox.Name}\"", $"database {DistinguishedNames.FirstValue(replace["msExchArchiveDatabaseLink"][0])}"))
            return;
        var changed = directory.SetMailbox(mailbox, replace, [], null, new Dictionary<string, byte[]?> { ["msExchArchiveGUID"] = guid.ToByteArray() });
        WriteObject(Objects.Mailbox.From(changed, directory.ReadDatabases()));
    }
}
