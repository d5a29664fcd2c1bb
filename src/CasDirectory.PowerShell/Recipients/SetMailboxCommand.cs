using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;
using CasDirectory.Core.Values;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// <para type="synopsis">Changes a mailbox's names, addresses, quotas and address-list visibility, in one modify.</para>
/// <para type="description">-EmailAddresses replaces the list (SMTP: marks the primary) or edits it with @{Add=…; Remove=…};
/// -PrimarySmtpAddress makes an address primary and keeps the old one as secondary. A change of alias does not change
/// the legacyExchangeDN, as in Exchange: it names the mailbox in every Outlook profile and message already sent.</para>
/// </summary>
/// <example>
/// <code>Set-Mailbox alex -ProhibitSendQuota 2GB -UseDatabaseQuotaDefaults $false</code>
/// <para>Gives Alex a quota of his own (Microsoft Learn, Set-Mailbox, Exchange 2010 example, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Set-Mailbox alex -EmailAddresses @{Add='a.darrow@lab.local'}</code>
/// <para>Adds a secondary address.</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "Mailbox", SupportsShouldProcess = true, DefaultParameterSetName = "Identity")]
[OutputType(typeof(Objects.Mailbox))]
public sealed class SetMailboxCommand : CasDirectoryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MailboxNameCompleter))]
    public MailboxIdParameter Identity { get; set; } = null!;

    [Parameter] public string? Name { get; set; }
    [Parameter] public string? Alias { get; set; }
    [Parameter] public string? DisplayName { get; set; }
    [Parameter] public string? UserPrincipalName { get; set; }
    [Parameter] public SmtpAddress? PrimarySmtpAddress { get; set; }
    [Parameter, ExchangeValue(typeof(Objects.ProxyAddressCollection))] public Objects.ProxyAddressCollection? EmailAddresses { get; set; }
    [Parameter] public bool UseDatabaseQuotaDefaults { get; set; }
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> IssueWarningQuota { get; set; }
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> ProhibitSendQuota { get; set; }
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> ProhibitSendReceiveQuota { get; set; }
    [Parameter] public bool HiddenFromAddressListsEnabled { get; set; }

    /// <summary>A new password for the mailbox's user (stored as a salted hash; the user binds with it).</summary>
    [Parameter] public System.Security.SecureString? Password { get; set; }

    /// <summary>Write the changed mailbox to the pipeline (EMS's Set- cmdlets write nothing by default).</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var mailbox = RecipientLookup.Mailbox(directory.ReadMailboxes(), Identity.RawIdentity);
        CurrentTarget = mailbox.Name;
        var replace = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (Alias is not null)
            replace["mailNickname"] = [MailboxProvisioning.RequireAlias(Alias)];
        if (DisplayName is not null)
            replace["displayName"] = DisplayName.Length == 0 ? [] : [DisplayName];
        if (UserPrincipalName is not null)
        {
            if (!SmtpAddress.TryParse(UserPrincipalName, out _))
                throw new DomainRuleException($"-UserPrincipalName '{ObjectName.Shown(UserPrincipalName)}' is not of the form user@domain.", isMalformedInput: true);
            replace["userPrincipalName"] = [UserPrincipalName];
        }
        if (EmailAddresses is not null || PrimarySmtpAddress is not null)
        {
            var current = mailbox.EmailAddresses.Select(ProxyAddress.Parse).ToList();
            var list = EmailAddresses?.ApplyTo(current) ?? current;
            SmtpAddress? oldPrimary = mailbox.PrimarySmtpAddress is { } p && SmtpAddress.TryParse(p, out var parsed) ? parsed : null;
            var primary = PrimarySmtpAddress ?? MailboxProvisioning.PrimaryOf(list, oldPrimary);
            var addresses = MailboxProvisioning.Addresses(primary, list);
            RecipientUniqueness.Check(directory.ReadMailboxes(), mailbox.DistinguishedName, addresses, UserPrincipalName, null);
            replace["mail"] = [primary.Address];
            replace["proxyAddresses"] = addresses.Select(a => a.ToString()).ToList();
        }
        else if (UserPrincipalName is not null)
            RecipientUniqueness.Check(directory.ReadMailboxes(), mailbox.DistinguishedName, [], UserPrincipalName, null);
        var settings = SettingsGiven(MailboxSettings.All).ToList();
        var newName = Name is null ? null : ObjectName.Require(Name);
        var password = Password is null ? null : new System.Net.NetworkCredential("", Password).Password;
        if (password is { Length: 0 })
            throw new DomainRuleException("-Password is empty.", isMalformedInput: true);
        if (replace.Count == 0 && settings.Count == 0 && password is null && (newName is null || newName == mailbox.Name))
        {
            WriteWarning($"The command completed successfully but no settings of '{mailbox.Name}' have been modified.");
            return;
        }
        if (!ShouldWrite($"mailbox \"{mailbox.Name}\""))
            return;
        if (replace.Count > 0 || settings.Count > 0 || password is not null)
            mailbox = directory.SetMailbox(mailbox, replace, settings, password);
        if (newName is not null && newName != mailbox.Name)
            mailbox = directory.RenameMailbox(mailbox, newName);
        if (PassThru)
            WriteObject(Objects.Mailbox.From(mailbox, directory.ReadDatabases()));
    }
}
