using System.Management.Automation;
using System.Net;
using System.Security;
using CasDirectory.Core;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;
using CasDirectory.Core.Settings;
using CasDirectory.Core.Values;
using CasDirectory.Ldap.Exchange;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// <para type="synopsis">Creates a user in the domain partition and its mailbox, as Exchange 2010 writes them (docs/recipients.md): a user, room, equipment, shared, linked, arbitration or discovery mailbox, or one whose user is disabled.</para>
/// <para type="description">The user is made in CN=Users or -OrganizationalUnit with homeMDB, msExchHomeServerName, mailNickname,
/// mail, proxyAddresses, legacyExchangeDN and msExchMailboxGuid, in one add. Without -Database the Exchange 2010 mailbox
/// database with the fewest mailboxes is chosen (R6). The password is stored as a salted hash and lets the user bind.
/// Rooms, equipment, shared, linked, arbitration and discovery mailboxes and -AccountDisabled make a disabled user
/// (userAccountControl 514) that needs no password. -Archive gives the mailbox an archive in the same add. A remote
/// archive (-RemoteArchive) and policies are refused: the directory has no Exchange Online organisation and no policies.</para>
/// </summary>
/// <example>
/// <code>New-Mailbox -Name 'Chris Ashton' -Alias chris -UserPrincipalName chris@lab.local -Database MDB01 -Password (ConvertTo-SecureString 'P@ssw0rd-1' -AsPlainText -Force)</code>
/// <para>Creates the user Chris Ashton with a mailbox in MDB01 and the address chris@lab.local (Microsoft Learn, New-Mailbox, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>New-Mailbox -Name 'Conference Room 1' -Alias room1 -Room -ResourceCapacity 12 -Office 'Building 2'</code>
/// <para>Creates a room mailbox for twelve people; its user is disabled for logon and needs no password (Microsoft Learn, New-Mailbox, Exchange 2010 example 3, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>New-Mailbox -Name 'Dana Lee' -Alias dana -AccountDisabled -Archive</code>
/// <para>Creates a mailbox whose user cannot log on yet, with an archive in the same database.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "Mailbox", SupportsShouldProcess = true, DefaultParameterSetName = "User")]
[OutputType(typeof(Objects.Mailbox))]
public sealed class NewMailboxCommand : CasDirectoryCmdlet
{
    private const string User = "User", Arbitration_ = "Arbitration", DisabledUser = "DisabledUser", Discovery_ = "Discovery", Equipment_ = "Equipment",
        Linked = "Linked", RemoteArchive_ = "RemoteArchive", Room_ = "Room", Shared_ = "Shared";

    /// <summary>The user's name (its cn), at most 64 characters.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public string Name { get; set; } = null!;

    /// <summary>The alias (mailNickname); without it, the name without the characters an alias cannot hold.</summary>
    [Parameter] public string? Alias { get; set; }

    /// <summary>The password, as a SecureString (ConvertTo-SecureString or Read-Host -AsSecureString); needed for a user mailbox.</summary>
    [Parameter(Mandatory = true, ParameterSetName = User)]
    [Parameter(Mandatory = true, ParameterSetName = RemoteArchive_)]
    [Parameter(ParameterSetName = Arbitration_)] [Parameter(ParameterSetName = DisabledUser)] [Parameter(ParameterSetName = Discovery_)]
    [Parameter(ParameterSetName = Equipment_)] [Parameter(ParameterSetName = Linked)] [Parameter(ParameterSetName = Room_)] [Parameter(ParameterSetName = Shared_)]
    public SecureString? Password { get; set; }

    /// <summary>The logon name user@domain; without it (where optional), alias@domain.</summary>
    [Parameter(Mandatory = true, ParameterSetName = User)]
    [Parameter(Mandatory = true, ParameterSetName = RemoteArchive_)]
    [Parameter(ParameterSetName = Arbitration_)] [Parameter(ParameterSetName = DisabledUser)] [Parameter(ParameterSetName = Discovery_)]
    [Parameter(ParameterSetName = Equipment_)] [Parameter(ParameterSetName = Linked)] [Parameter(ParameterSetName = Room_)] [Parameter(ParameterSetName = Shared_)]
    public string? UserPrincipalName { get; set; }

    /// <summary>The mailbox database; without it, one is chosen (R6).</summary>
    [Parameter] [ArgumentCompleter(typeof(DatabaseNameCompleter))] public DatabaseIdParameter? Database { get; set; }
    [Parameter] public string? DisplayName { get; set; }
    [Parameter] public string? FirstName { get; set; }
    [Parameter] public string? LastName { get; set; }
    [Parameter] public string? Initials { get; set; }
    /// <summary>The container or organizational unit the user is made in (DN or canonical name); CN=Users without it.</summary>
    [Parameter] public OrganizationalUnitIdParameter? OrganizationalUnit { get; set; }
    /// <summary>The primary SMTP address; without it, alias@domain (the default e-mail address policy, %m@domain). Giving it turns the policy off for the mailbox.</summary>
    [Parameter] public SmtpAddress PrimarySmtpAddress { get; set; }
    private SmtpAddress? Primary => Given(nameof(PrimarySmtpAddress)) ? PrimarySmtpAddress : null;
    /// <summary>The pre-Windows 2000 logon name; without it, the alias's first 20 characters.</summary>
    [Parameter] public string? SamAccountName { get; set; }
    /// <summary>The user must change the password at the next logon (pwdLastSet 0).</summary>
    [Parameter] public bool ResetPasswordOnNextLogon { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = Room_)] public SwitchParameter Room { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = Equipment_)] public SwitchParameter Equipment { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = Shared_)] public SwitchParameter Shared { get; set; }
    /// <summary>An arbitration mailbox (msExchRecipientTypeDetails 8388608): it holds moderation requests.</summary>
    [Parameter(Mandatory = true, ParameterSetName = Arbitration_)] public SwitchParameter Arbitration { get; set; }
    /// <summary>A discovery search mailbox (msExchRecipientTypeDetails 536870912).</summary>
    [Parameter(Mandatory = true, ParameterSetName = Discovery_)] public SwitchParameter Discovery { get; set; }
    /// <summary>A mailbox whose user cannot log on (userAccountControl 514); no password needed.</summary>
    [Parameter(Mandatory = true, ParameterSetName = DisabledUser)] public SwitchParameter AccountDisabled { get; set; }
    /// <summary>The owner of a linked mailbox, in another forest: give its SID (S-1-5-21-…), stored in msExchMasterAccountSid.</summary>
    [Parameter(Mandatory = true, ParameterSetName = Linked)] public UserIdParameter? LinkedMasterAccount { get; set; }
    /// <summary>A domain controller of the master account's forest: checked as a host name; the SID needs no lookup.</summary>
    [Parameter(Mandatory = true, ParameterSetName = Linked)] public string? LinkedDomainController { get; set; }
    [Parameter(ParameterSetName = Linked)] public PSCredential? LinkedCredential { get; set; }
    /// <summary>Refused: a remote archive lives in Exchange Online.</summary>
    [Parameter(ParameterSetName = RemoteArchive_)] public SwitchParameter RemoteArchive { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = RemoteArchive_)] public SmtpDomain? ArchiveDomain { get; set; }

    /// <summary>Gives the mailbox an archive (msExchArchiveGUID, msExchArchiveName, msExchArchiveDatabaseLink) in the same add.</summary>
    [Parameter] public SwitchParameter Archive { get; set; }
    /// <summary>The archive's database; without it, the mailbox's.</summary>
    [Parameter] [ArgumentCompleter(typeof(DatabaseNameCompleter))] public DatabaseIdParameter? ArchiveDatabase { get; set; }

    [Parameter(ParameterSetName = Room_)] public string? Office { get; set; }
    [Parameter(ParameterSetName = Room_)] public string? Phone { get; set; }
    [Parameter(ParameterSetName = Room_)] public int ResourceCapacity { get; set; }

    [Parameter(ParameterSetName = User)] [Parameter(ParameterSetName = DisabledUser)] [Parameter(ParameterSetName = Equipment_)] [Parameter(ParameterSetName = Linked)]
    [Parameter(ParameterSetName = RemoteArchive_)] [Parameter(ParameterSetName = Room_)] [Parameter(ParameterSetName = Shared_)]
    public MailboxIdParameter? ArbitrationMailbox { get; set; }

    [Parameter(ParameterSetName = User)] [Parameter(ParameterSetName = DisabledUser)] [Parameter(ParameterSetName = Equipment_)] [Parameter(ParameterSetName = Linked)]
    [Parameter(ParameterSetName = RemoteArchive_)] [Parameter(ParameterSetName = Room_)] [Parameter(ParameterSetName = Shared_)] [Parameter(ParameterSetName = Arbitration_)]
    [ExchangeValue(typeof(MultiValuedProperty<RecipientIdParameter>))]
    public MultiValuedProperty<RecipientIdParameter>? ModeratedBy { get; set; }

    [Parameter(ParameterSetName = User)] [Parameter(ParameterSetName = DisabledUser)] [Parameter(ParameterSetName = Equipment_)] [Parameter(ParameterSetName = Linked)]
    [Parameter(ParameterSetName = RemoteArchive_)] [Parameter(ParameterSetName = Room_)] [Parameter(ParameterSetName = Shared_)] [Parameter(ParameterSetName = Arbitration_)]
    public bool ModerationEnabled { get; set; }

    [Parameter(ParameterSetName = User)] [Parameter(ParameterSetName = DisabledUser)] [Parameter(ParameterSetName = Equipment_)] [Parameter(ParameterSetName = Linked)]
    [Parameter(ParameterSetName = RemoteArchive_)] [Parameter(ParameterSetName = Room_)] [Parameter(ParameterSetName = Shared_)] [Parameter(ParameterSetName = Arbitration_)]
    public TransportModerationNotificationFlags SendModerationNotifications { get; set; }

    [Parameter(ParameterSetName = User)] [Parameter(ParameterSetName = DisabledUser)] [Parameter(ParameterSetName = RemoteArchive_)]
    public MailboxPlanIdParameter? MailboxPlan { get; set; }

    [Parameter] public MailboxPolicyIdParameter? ActiveSyncMailboxPolicy { get; set; }
    [Parameter] public AddressBookMailboxPolicyIdParameter? AddressBookPolicy { get; set; }
    [Parameter] public MailboxPolicyIdParameter? ManagedFolderMailboxPolicy { get; set; }
    /// <summary>Accepted: it only silences EMS's warning about older Outlook clients and managed folder policies.</summary>
    [Parameter] public SwitchParameter ManagedFolderMailboxPolicyAllowed { get; set; }
    [Parameter] public MailboxPolicyIdParameter? RetentionPolicy { get; set; }
    [Parameter] public MailboxPolicyIdParameter? RoleAssignmentPolicy { get; set; }
    [Parameter] public SharingPolicyIdParameter? SharingPolicy { get; set; }
    [Parameter] public ThrottlingPolicyIdParameter? ThrottlingPolicy { get; set; }

    /// <summary>The one organisation of this directory (Exchange 2010 hosting names a tenant); another is refused.</summary>
    [Parameter] public OrganizationIdParameter? Organization { get; set; }
    /// <summary>Accepted: the directory keeps no per-organisation recipient quotas for it to override.</summary>
    [Parameter] public SwitchParameter OverrideRecipientQuotas { get; set; }
    [Parameter] public bool QueryBaseDNRestrictionEnabled { get; set; }
    [Parameter] public bool RemotePowerShellEnabled { get; set; }
    [Parameter] public string? ImmutableId { get; set; }
    [Parameter] public SwitchParameter Force { get; set; }

    private bool Given(string name) => MyInvocation.BoundParameters.ContainsKey(name);

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        UnmodelledObjects.RefuseValue(nameof(ActiveSyncMailboxPolicy), ActiveSyncMailboxPolicy, "Exchange ActiveSync mailbox policies");
        UnmodelledObjects.RefuseValue(nameof(AddressBookPolicy), AddressBookPolicy, "address book policies");
        UnmodelledObjects.RefuseValue(nameof(ManagedFolderMailboxPolicy), ManagedFolderMailboxPolicy, "managed folder mailbox policies");
        UnmodelledObjects.RefuseValue(nameof(RetentionPolicy), RetentionPolicy, "retention policies");
        UnmodelledObjects.RefuseValue(nameof(RoleAssignmentPolicy), RoleAssignmentPolicy, "role assignment policies");
        UnmodelledObjects.RefuseValue(nameof(SharingPolicy), SharingPolicy, "sharing policies");
        UnmodelledObjects.RefuseValue(nameof(ThrottlingPolicy), ThrottlingPolicy, "throttling policies");
        UnmodelledObjects.RefuseValue(nameof(MailboxPlan), MailboxPlan, "mailbox plans (Exchange 2010 hosting)");
        Organization?.RequireIn(directory);
        if (ParameterSetName == RemoteArchive_)
            throw UnmodelledObjects.Hosting(nameof(RemoteArchive), "a remote archive lives in an Exchange Online organisation, which this directory has no connection to. Use -Archive for an archive in a database of the organisation.");
        if (QueryBaseDNRestrictionEnabled)
            throw UnmodelledObjects.Hosting(nameof(QueryBaseDNRestrictionEnabled), "it restricts searches to a hosted organisation's base DN, and this directory is not multi-tenant; only $false is taken.");
        if (Given(nameof(RemotePowerShellEnabled)) && !RemotePowerShellEnabled)
            throw UnmodelledObjects.Hosting(nameof(RemotePowerShellEnabled), "the directory does not model who may use remote PowerShell; every mailbox user may (Exchange 2010's default), so only $true is taken.");
        if (!string.IsNullOrEmpty(ImmutableId))
            throw UnmodelledObjects.Hosting(nameof(ImmutableId), "an immutable ID links the mailbox to an Exchange Online identity, which this directory has no connection to.");
        if (ArchiveDatabase is not null && !Archive)
            throw new DomainRuleException("-ArchiveDatabase places an archive: add -Archive.", isMalformedInput: true);

        var name = ObjectName.Require(Name);
        var alias = Alias is null ? MailboxProvisioning.AliasFrom(name) : MailboxProvisioning.RequireAlias(Alias);
        var type = Room ? RecipientTypeDetails.RoomMailbox : Equipment ? RecipientTypeDetails.EquipmentMailbox : Shared ? RecipientTypeDetails.SharedMailbox
            : Arbitration ? RecipientTypeDetails.ArbitrationMailbox : Discovery ? RecipientTypeDetails.DiscoveryMailbox
            : ParameterSetName == Linked ? RecipientTypeDetails.LinkedMailbox : RecipientTypeDetails.UserMailbox;
        var upn = UserPrincipalName ?? $"{alias}@{directory.Partition.Domain}";
        if (!SmtpAddress.TryParse(upn, out _))
            throw new DomainRuleException($"-UserPrincipalName '{ObjectName.Shown(upn)}' is not of the form user@domain.", isMalformedInput: true);
        var sam = MailboxProvisioning.RequireSamAccountName(SamAccountName ?? MailboxProvisioning.SamAccountNameFrom(alias));
        if (ParameterSetName == User && (Password is null || Password.Length == 0))
            throw new DomainRuleException("-Password is empty; a user mailbox's user needs a password to log on (or use -AccountDisabled).", isMalformedInput: true);
        if (ParameterSetName == Linked && !Core.Naming.Fqdn.IsValid(LinkedDomainController ?? ""))
            throw new DomainRuleException($"-LinkedDomainController '{LinkedDomainController}' is not a host name such as dc1.fabrikam.com.", isMalformedInput: true);
        var masterSid = LinkedMasterAccount is null ? null : RecipientReferences.MasterAccountSid(LinkedMasterAccount.RawIdentity);
        if (ModerationEnabled && ModeratedBy is not { Count: > 0 })
            throw new DomainRuleException("-ModerationEnabled $true needs -ModeratedBy: a mailbox's messages are moderated by the recipients named there.", isMalformedInput: true);

        var settings = SettingsGiven([MailboxSettings.ModerationEnabled, MailboxSettings.SendModerationNotifications, MailboxSettings.ResourceCapacity,
            MailboxSettings.ResetPasswordOnNextLogon, MailboxSettings.Office, MailboxSettings.Phone, MailboxSettings.ModeratedBy, MailboxSettings.ArbitrationMailbox]).ToList();
        Resolve(settings, MailboxSettings.ArbitrationMailbox, ArbitrationMailbox?.RawIdentity, identity => RecipientReferences.Arbitration(directory, identity));
        var moderators = settings.FindIndex(c => c.Definition == MailboxSettings.ModeratedBy);
        if (moderators >= 0)
            settings[moderators] = settings[moderators] with { Value = RecipientReferences.Recipients(directory, ModeratedBy) ?? [] };
        if (Primary is not null)
            settings.Add(new SettingChange(MailboxSettings.EmailAddressPolicyEnabled, false));
        var extra = MailboxSettings.InitialValues(settings).ToDictionary(p => p.Key, p => (IReadOnlyList<object>)p.Value.Cast<object>().ToList(), StringComparer.OrdinalIgnoreCase);
        if (masterSid is not null)
            extra["msExchMasterAccountSid"] = [masterSid];

        var container = OrganizationalUnit is null ? directory.Partition.UsersDn : RecipientContainers.Resolve(directory, OrganizationalUnit.RawIdentity);
        var dn = $"CN={LdapEscaping.DnValue(name)},{container}";
        CurrentTarget = name;
        var plan = MailboxPlacement.Plan(directory, Database?.RawIdentity, alias, Primary, null, type, null, upn, sam);
        if (Archive)
            foreach (var (attribute, values) in MailboxPlacement.ArchiveValues(directory, ArchiveDatabase?.RawIdentity ?? plan.DatabaseDn, DisplayName ?? name))
                extra[attribute] = values;
        plan = plan with { Extra = extra };
        if (!ShouldWrite($"mailbox \"{name}\"", $"user {dn}, database {DistinguishedNames.FirstValue(plan.DatabaseDn)}, address {plan.PrimarySmtpAddress}"))
            return;
        var user = new NewMailboxUser
        {
            DistinguishedName = dn, Name = name, Alias = alias, DisplayName = DisplayName ?? name, FirstName = FirstName, LastName = LastName, Initials = Initials,
            UserPrincipalName = upn, SamAccountName = sam,
            Password = Password is { Length: > 0 } ? new NetworkCredential("", Password).Password : null,
            Disabled = MailboxTypes.DisabledAccount(type) || AccountDisabled,
        };
        var mailbox = Creating(() => directory.AddMailboxUser(user, plan), () => $"A user named '{name}' already exists in {container}.");
        WriteObject(Objects.Mailbox.From(mailbox, directory.ReadDatabases()));
    }
}
