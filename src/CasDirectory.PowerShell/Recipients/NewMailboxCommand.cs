using System.Management.Automation;
using System.Net;
using System.Security;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;
using CasDirectory.Ldap.Exchange;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// <para type="synopsis">Creates a user in the domain partition and its mailbox, as Exchange 2010 writes them (docs/recipients.md).</para>
/// <para type="description">The user is made in CN=Users or -OrganizationalUnit with homeMDB, msExchHomeServerName, mailNickname,
/// mail, proxyAddresses, legacyExchangeDN and msExchMailboxGuid, in one add. Without -Database the Exchange 2010 mailbox
/// database with the fewest mailboxes is chosen (R6). The password is stored as a salted hash and lets the user bind.</para>
/// </summary>
/// <example>
/// <code>New-Mailbox -Name 'Chris Ashton' -Alias chris -UserPrincipalName chris@lab.local -Database MDB01 -Password (ConvertTo-SecureString 'P@ssw0rd-1' -AsPlainText -Force)</code>
/// <para>Creates the user Chris Ashton with a mailbox in MDB01 and the address chris@lab.local (Microsoft Learn, New-Mailbox, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>New-Mailbox -Name 'Conference Room 1' -Alias room1 -Room</code>
/// <para>Creates a room mailbox; its user is disabled for logon and needs no password (Microsoft Learn, New-Mailbox, Exchange 2010 example 3, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.New, "Mailbox", SupportsShouldProcess = true, DefaultParameterSetName = "User")]
[OutputType(typeof(Objects.Mailbox))]
public sealed class NewMailboxCommand : CasDirectoryCmdlet
{
    /// <summary>The user's name (its cn), at most 64 characters.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string Name { get; set; } = null!;

    /// <summary>The alias (mailNickname); without it, the name without the characters an alias cannot hold.</summary>
    [Parameter]
    public string? Alias { get; set; }

    /// <summary>The password, as a SecureString (ConvertTo-SecureString or Read-Host -AsSecureString).</summary>
    [Parameter(Mandatory = true, ParameterSetName = "User")]
    [Parameter(ParameterSetName = "Room")]
    [Parameter(ParameterSetName = "Equipment")]
    [Parameter(ParameterSetName = "Shared")]
    public SecureString? Password { get; set; }

    /// <summary>The logon name user@domain.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "User")]
    [Parameter(ParameterSetName = "Room")]
    [Parameter(ParameterSetName = "Equipment")]
    [Parameter(ParameterSetName = "Shared")]
    public string? UserPrincipalName { get; set; }

    /// <summary>The mailbox database; without it, one is chosen (R6).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public DatabaseIdParameter? Database { get; set; }

    [Parameter] public string? DisplayName { get; set; }
    [Parameter] public string? FirstName { get; set; }
    [Parameter] public string? LastName { get; set; }
    [Parameter] public string? Initials { get; set; }

    /// <summary>The container or organizational unit the user is made in (DN or canonical name); CN=Users without it.</summary>
    [Parameter]
    public OrganizationalUnitIdParameter? OrganizationalUnit { get; set; }

    /// <summary>The primary SMTP address; without it, alias@domain (the default e-mail address policy, %m@domain).</summary>
    [Parameter]
    public SmtpAddress? PrimarySmtpAddress { get; set; }

    /// <summary>The pre-Windows 2000 logon name; without it, the alias's first 20 characters.</summary>
    [Parameter]
    public string? SamAccountName { get; set; }

    /// <summary>Accepted as EMS takes it; the directory has no logon policy to force a change with.</summary>
    [Parameter]
    public bool ResetPasswordOnNextLogon { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = "Room")] public SwitchParameter Room { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = "Equipment")] public SwitchParameter Equipment { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = "Shared")] public SwitchParameter Shared { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var name = ObjectName.Require(Name);
        var alias = Alias is null ? MailboxProvisioning.AliasFrom(name) : MailboxProvisioning.RequireAlias(Alias);
        var type = Room ? RecipientTypeDetails.RoomMailbox : Equipment ? RecipientTypeDetails.EquipmentMailbox : Shared ? RecipientTypeDetails.SharedMailbox : RecipientTypeDetails.UserMailbox;
        var upn = UserPrincipalName ?? $"{alias}@{directory.Partition.Domain}";
        if (!SmtpAddress.TryParse(upn, out _))
            throw new Core.DomainRuleException($"-UserPrincipalName '{ObjectName.Shown(upn)}' is not of the form user@domain.", isMalformedInput: true);
        var sam = SamAccountName ?? MailboxProvisioning.SamAccountNameFrom(alias);
        if (sam.Length > 20 || sam.Any(c => "\"/\\[]:;|=,+*?<>@".Contains(c) || char.IsControl(c)))
            throw new Core.DomainRuleException($"-SamAccountName '{ObjectName.Shown(sam)}' is not a valid logon name (at most 20 characters, none of \"/\\[]:;|=,+*?<>@).", isMalformedInput: true);
        if (type == RecipientTypeDetails.UserMailbox && (Password is null || Password.Length == 0))
            throw new Core.DomainRuleException("-Password is empty; a user mailbox's user needs a password to log on.", isMalformedInput: true);
        var container = OrganizationalUnit is null ? directory.Partition.UsersDn : RecipientContainers.Resolve(directory, OrganizationalUnit.RawIdentity);
        var dn = $"CN={LdapEscaping.DnValue(name)},{container}";
        CurrentTarget = name;
        var plan = MailboxPlacement.Plan(directory, Database?.RawIdentity, alias, PrimarySmtpAddress, null, type, null, upn, sam);
        if (!ShouldWrite($"mailbox \"{name}\"", $"user {dn}, database {Core.Naming.DistinguishedNames.FirstValue(plan.DatabaseDn)}, address {plan.PrimarySmtpAddress}"))
            return;
        var user = new NewMailboxUser
        {
            DistinguishedName = dn, Name = name, Alias = alias, DisplayName = DisplayName ?? name, FirstName = FirstName, LastName = LastName, Initials = Initials,
            UserPrincipalName = upn, SamAccountName = sam,
            Password = Password is { Length: > 0 } ? new NetworkCredential("", Password).Password : null,
        };
        var mailbox = Creating(() => directory.AddMailboxUser(user, plan), () => $"A user named '{name}' already exists in {container}.");
        WriteObject(Objects.Mailbox.From(mailbox, directory.ReadDatabases()));
    }
}
