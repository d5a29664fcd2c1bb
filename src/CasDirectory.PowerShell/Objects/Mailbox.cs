using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;
using CasDirectory.Core.Values;

namespace CasDirectory.PowerShell.Objects;

/// <summary>
/// What Get-Mailbox writes, with the names and value types of Exchange 2010's Mailbox: the directory's view of the user and
/// its mailbox. Identity is the user's canonical name (lab.local/Users/John Doe), as EMS shows it.
/// </summary>
public sealed class Mailbox
{
    private readonly Core.Recipients.Mailbox _stored;

    private Mailbox(Core.Recipients.Mailbox mailbox, string? databaseName)
    {
        _stored = mailbox;
        Name = mailbox.Name;
        Alias = mailbox.Alias;
        DisplayName = mailbox.DisplayName;
        ServerName = mailbox.ServerName?.ToLowerInvariant(); // EMS shows ServerName in lower case
        Database = new ADObjectId(databaseName ?? DistinguishedNames.FirstValue(mailbox.DatabaseDn), mailbox.DatabaseDn);
        PrimarySmtpAddress = mailbox.PrimarySmtpAddress;
        EmailAddresses = [.. mailbox.EmailAddresses];
        LegacyExchangeDN = mailbox.LegacyExchangeDN;
        ExchangeGuid = mailbox.ExchangeGuid ?? System.Guid.Empty;
        RecipientTypeDetails = mailbox.RecipientTypeDetails.ToString();
        UserPrincipalName = mailbox.UserPrincipalName;
        SamAccountName = mailbox.SamAccountName;
        OrganizationalUnit = RecipientNames.CanonicalName(mailbox.OrganizationalUnitDn);
        AddressListMembership = mailbox.AddressListMembership.Select(dn => new ADObjectId(DistinguishedNames.FirstValue(dn), dn)).ToArray();
        HiddenFromAddressListsEnabled = mailbox.HiddenFromAddressListsEnabled;
        Identity = new ADObjectId(mailbox.Name, mailbox.DistinguishedName, RecipientNames.CanonicalName(mailbox.DistinguishedName));
        DistinguishedName = mailbox.DistinguishedName;
        Guid = ExchangeServer.ParseGuid(mailbox.Guid);
        WhenCreated = mailbox.Created?.LocalDateTime;
    }

    public static Mailbox From(Core.Recipients.Mailbox mailbox, IEnumerable<Core.Databases.MailboxDatabase> databases) =>
        new(mailbox, databases.FirstOrDefault(d => DistinguishedNames.AreEqual(d.DistinguishedName, mailbox.DatabaseDn))?.Name);

    public string Name { get; }
    public string Alias { get; }
    public string? DisplayName { get; }
    public string? ServerName { get; }
    public ADObjectId Database { get; }
    public string? PrimarySmtpAddress { get; }
    public string[] EmailAddresses { get; }
    public string? LegacyExchangeDN { get; }
    public Guid ExchangeGuid { get; }
    public string RecipientType => "UserMailbox";
    public string RecipientTypeDetails { get; }
    public string? UserPrincipalName { get; }
    public string? SamAccountName { get; }
    public string OrganizationalUnit { get; }
    public ADObjectId[] AddressListMembership { get; }
    public bool HiddenFromAddressListsEnabled { get; }
    public bool UseDatabaseQuotaDefaults => (bool)_stored.Setting(MailboxSettings.UseDatabaseQuotaDefaults)!;
    public Unlimited<ByteQuantifiedSize> IssueWarningQuota => (Unlimited<ByteQuantifiedSize>)_stored.Setting(MailboxSettings.IssueWarningQuota)!;
    public Unlimited<ByteQuantifiedSize> ProhibitSendQuota => (Unlimited<ByteQuantifiedSize>)_stored.Setting(MailboxSettings.ProhibitSendQuota)!;
    public Unlimited<ByteQuantifiedSize> ProhibitSendReceiveQuota => (Unlimited<ByteQuantifiedSize>)_stored.Setting(MailboxSettings.ProhibitSendReceiveQuota)!;
    /// <summary>Exchange 2010's object version, as EMS shows it for mailboxes it made.</summary>
    public string ExchangeVersion => "0.10 (14.0.100.0)";
    public ADObjectId Identity { get; }
    public string DistinguishedName { get; }
    public Guid? Guid { get; }
    public DateTime? WhenCreated { get; }

    public override string ToString() => Name;
}
