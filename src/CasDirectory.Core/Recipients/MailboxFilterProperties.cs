using CasDirectory.Core.ActiveDirectory;

namespace CasDirectory.Core.Recipients;

/// <summary>
/// Get-Mailbox -Filter: Exchange's OPATH (<c>{Alias -like 'a*'}</c>, <c>"Database -eq 'MDB01'"</c>) has the operators and
/// quoting of the ActiveDirectory module's filter, so the same translator turns it into one LDAP filter. These are the
/// filterable mailbox properties and the attributes behind them (Microsoft's "Filterable properties for the -Filter
/// parameter"); a database, server or recipient named by name is looked up as Exchange does.
/// </summary>
public static class MailboxFilterProperties
{
    public static readonly IReadOnlyDictionary<string, string> Properties = Build();

    private static Dictionary<string, string> Build()
    {
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
        ["Name"] = "cn", ["Alias"] = "mailNickname", ["DisplayName"] = "displayName", ["FirstName"] = "givenName", ["LastName"] = "sn",
        ["Initials"] = "initials", ["UserPrincipalName"] = "userPrincipalName", ["SamAccountName"] = "sAMAccountName",
        ["PrimarySmtpAddress"] = "mail", ["WindowsEmailAddress"] = "mail", ["EmailAddresses"] = "proxyAddresses", ["LegacyExchangeDN"] = "legacyExchangeDN",
        ["Database"] = "homeMDB", ["ServerLegacyDN"] = "msExchHomeServerName", ["RecipientTypeDetails"] = "msExchRecipientTypeDetails",
        ["HiddenFromAddressListsEnabled"] = "msExchHideFromAddressLists", ["DistinguishedName"] = "distinguishedName", ["Office"] = "physicalDeliveryOfficeName",
        ["Phone"] = "telephoneNumber", ["SimpleDisplayName"] = "displayNamePrintable", ["ForwardingAddress"] = "altRecipient",
        ["DeliverToMailboxAndForward"] = "deliverAndRedirect", ["ArchiveDatabase"] = "msExchArchiveDatabaseLink", ["ArchiveName"] = "msExchArchiveName",
        ["MailboxMoveStatus"] = "msExchMailboxMoveStatus", ["MailboxMoveBatchName"] = "msExchMailboxMoveBatchName", ["ResourceCapacity"] = "msExchResourceCapacity",
        ["WhenCreated"] = "whenCreated", ["WhenChanged"] = "whenChanged", ["Guid"] = "objectGUID", ["ExchangeGuid"] = "msExchMailboxGuid",
        ["UseDatabaseQuotaDefaults"] = "mDBUseDefaults", ["IssueWarningQuota"] = "mDBStorageQuota", ["ProhibitSendQuota"] = "mDBOverQuotaLimit",
        ["ProhibitSendReceiveQuota"] = "mDBOverHardQuotaLimit", ["Languages"] = "msExchUserCulture",
        };
        foreach (var i in Enumerable.Range(1, 15))
            properties[$"CustomAttribute{i}"] = $"extensionAttribute{i}";
        foreach (var i in Enumerable.Range(1, 5))
            properties[$"ExtensionCustomAttribute{i}"] = $"msExchExtensionCustomAttribute{i}";
        return properties;
    }

    /// <summary>
    /// The properties for a translator; <paramref name="reference"/> turns a name compared with a DN-valued property
    /// (Database, ForwardingAddress, ArchiveDatabase) into its DN, and RecipientTypeDetails names become their numbers.
    /// </summary>
    public static AdFilterProperties For(Func<string, bool> schemaHas, Func<string, string, string> reference) =>
        new("Mailbox", Properties, schemaHas, (attribute, value) => attribute switch
        {
            "msExchRecipientTypeDetails" when Enum.TryParse<RecipientTypeDetails>(value, ignoreCase: true, out var type) && !long.TryParse(value, out _) => ((long)type).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "homeMDB" or "altRecipient" or "msExchArchiveDatabaseLink" when !value.Contains('=') => reference(attribute, value),
            "msExchHideFromAddressLists" or "mDBUseDefaults" or "deliverAndRedirect" => value.ToUpperInvariant(),
            _ => value,
        });
}
