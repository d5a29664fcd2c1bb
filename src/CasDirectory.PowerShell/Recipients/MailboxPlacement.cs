using CasDirectory.Core.Identity;
using CasDirectory.Core.Recipients;
using CasDirectory.Ldap.Exchange;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// What New-Mailbox and Enable-Mailbox share: the database (named, or chosen by R6), its server, the alias, the
/// addresses and the legacyExchangeDN of a new mailbox, each by the rules of Core's MailboxProvisioning, and checked
/// against the mailboxes that exist (R7) before anything is written.
/// </summary>
internal static class MailboxPlacement
{
    public static MailboxAttributes Plan(ExchangeDirectory directory, string? databaseIdentity, string alias, SmtpAddress? primary,
        IReadOnlyList<ProxyAddress>? extraAddresses, RecipientTypeDetails type, string? userDnBeingEnabled, string? userPrincipalName, string? samAccountName)
    {
        var databases = directory.ReadDatabases();
        var servers = directory.ReadServersAndArrays().Servers;
        var mailboxes = directory.ReadMailboxes();
        var database = databaseIdentity is null
            ? MailboxProvisioning.ChooseDatabase(databases, servers, mailboxes)
            : ObjectLookup.Database(databases.Where(d => !d.IsPublicFolderDatabase), databaseIdentity);
        var server = MailboxProvisioning.RequireMailboxDatabase(database, servers);
        var primaryAddress = primary ?? SmtpAddress.Parse($"{alias}@{directory.Partition.Domain}");
        var addresses = MailboxProvisioning.Addresses(primaryAddress, extraAddresses ?? []);
        RecipientUniqueness.Check(mailboxes, userDnBeingEnabled, addresses, userPrincipalName, samAccountName);
        var exchangeGuid = Guid.NewGuid();
        var legacyDn = MailboxProvisioning.LegacyExchangeDnFor(directory.Partition, alias, exchangeGuid,
            taken => RecipientUniqueness.LegacyDnTaken(mailboxes, taken));
        return new MailboxAttributes
        {
            DatabaseDn = database.DistinguishedName,
            ServerLegacyDN = server.LegacyExchangeDN ?? directory.Partition.ServerLegacyDn(server.Name),
            HomeMta = MailboxProvisioning.HomeMtaFor(directory.Partition, server.Name),
            Alias = alias,
            LegacyExchangeDN = legacyDn,
            PrimarySmtpAddress = primaryAddress.Address,
            EmailAddresses = addresses,
            ExchangeGuid = exchangeGuid,
            Type = type,
            AddressLists = directory.DefaultAddressLists,
        };
    }

    /// <summary>
    /// An archive as Exchange 2010 SP1 stamps it: a new msExchArchiveGUID, msExchArchiveName "Online Archive - display name"
    /// and msExchArchiveDatabaseLink, the database (by name or DN) checked as a mailbox's (R5).
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<object>> ArchiveValues(ExchangeDirectory directory, string databaseIdentity, string displayName, IReadOnlyList<string>? names = null)
    {
        var database = ObjectLookup.Database(directory.ReadDatabases().Where(d => !d.IsPublicFolderDatabase), databaseIdentity);
        MailboxProvisioning.RequireMailboxDatabase(database, directory.ReadServersAndArrays().Servers);
        return new Dictionary<string, IReadOnlyList<object>>(StringComparer.OrdinalIgnoreCase)
        {
            ["msExchArchiveGUID"] = [Guid.NewGuid().ToByteArray()],
            ["msExchArchiveName"] = names is { Count: > 0 } ? names.Cast<object>().ToList() : [$"Online Archive - {displayName}"],
            ["msExchArchiveDatabaseLink"] = [database.DistinguishedName],
        };
    }
}
