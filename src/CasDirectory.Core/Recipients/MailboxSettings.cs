using CasDirectory.Core.Settings;

namespace CasDirectory.Core.Recipients;

/// <summary>
/// The properties of a mailbox that Set-Mailbox (and New-Mailbox where it takes them) writes, each in the attribute
/// Exchange 2010 keeps it in on the user, with Exchange's default when unset (docs/settings.md). Quotas are kilobytes;
/// they apply only while UseDatabaseQuotaDefaults is $false, as in Exchange.
/// </summary>
public static class MailboxSettings
{
    public static readonly SettingDefinition UseDatabaseQuotaDefaults = new("UseDatabaseQuotaDefaults", "mDBUseDefaults", new BooleanSyntax(Unset: true));
    public static readonly SettingDefinition IssueWarningQuota = new("IssueWarningQuota", "mDBStorageQuota", new QuotaSyntax());
    public static readonly SettingDefinition ProhibitSendQuota = new("ProhibitSendQuota", "mDBOverQuotaLimit", new QuotaSyntax());
    public static readonly SettingDefinition ProhibitSendReceiveQuota = new("ProhibitSendReceiveQuota", "mDBOverHardQuotaLimit", new QuotaSyntax());
    public static readonly SettingDefinition HiddenFromAddressListsEnabled = new("HiddenFromAddressListsEnabled", "msExchHideFromAddressLists", new BooleanSyntax());

    /// <summary>What Set-Mailbox writes besides names and addresses.</summary>
    public static IReadOnlyList<SettingDefinition> All { get; } =
        [UseDatabaseQuotaDefaults, IssueWarningQuota, ProhibitSendQuota, ProhibitSendReceiveQuota, HiddenFromAddressListsEnabled];

    public static IReadOnlyList<string> Attributes { get; } = All.Select(d => d.Attribute).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
