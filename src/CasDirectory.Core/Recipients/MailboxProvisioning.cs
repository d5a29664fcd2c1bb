using CasDirectory.Core.Databases;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Servers;

namespace CasDirectory.Core.Recipients;

/// <summary>
/// The rules by which Exchange 2010 makes a user a mailbox (docs/recipients.md, rules R1–R6): the alias, the addresses,
/// the legacyExchangeDN, the database a mailbox may live in and the one chosen when none is named. Pure: the shells
/// read what exists and the directory layer writes what this returns.
/// </summary>
public static class MailboxProvisioning
{
    /// <summary>msExchVersion Exchange 2010 stamps on the recipients it makes.</summary>
    public const string Exchange2010ObjectVersion = "44220983382016";

    /// <summary>The longest alias (mailNickname) Exchange accepts.</summary>
    public const int MaximumAliasLength = 64;

    /// <summary>R1: the alias EMS derives from a name when -Alias is not given: the name without the characters an alias may not hold.</summary>
    public static string AliasFrom(string name)
    {
        var kept = new string(name.Where(c => c < 128 && (char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".Contains(c))).ToArray()).Trim('.');
        while (kept.Contains(".."))
            kept = kept.Replace("..", ".");
        if (kept.Length == 0)
            throw new DomainRuleException($"No alias can be made from the name '{ObjectName.Shown(name)}' (it holds no letter or digit an alias may use); give -Alias.", isMalformedInput: true);
        return kept.Length > MaximumAliasLength ? kept[..MaximumAliasLength].TrimEnd('.') : kept;
    }

    /// <summary>R1: an alias is what an e-mail address's local part may be (RFC 5322 atoms and single dots), at most 64 characters.</summary>
    public static string RequireAlias(string alias)
    {
        if (!SmtpAddress.IsValidLocalPart(alias))
            throw new DomainRuleException(
                $"-Alias '{ObjectName.Shown(alias)}' is not a valid alias: use at most {MaximumAliasLength} letters, digits and !#$%&'*+-/=?^_`{{|}}~, with single dots between them.", isMalformedInput: true);
        return alias;
    }

    /// <summary>R2: a sAMAccountName holds at most 20 characters and none of "/\[]:;|=,+*?&lt;&gt;@.</summary>
    public static string RequireSamAccountName(string sam) =>
        sam.Length is > 0 and <= 20 && !sam.Any(c => "\"/\\[]:;|=,+*?<>@".Contains(c) || char.IsControl(c)) ? sam
            : throw new DomainRuleException($"-SamAccountName '{ObjectName.Shown(sam)}' is not a valid logon name (at most 20 characters, none of \"/\\[]:;|=,+*?<>@).", isMalformedInput: true);

    /// <summary>R2: sAMAccountName defaults to the alias's first 20 characters (AD's limit for a user).</summary>
    public static string SamAccountNameFrom(string alias) => alias.Length > 20 ? alias[..20].TrimEnd('.') : alias;

    /// <summary>
    /// R3: <c>/o=Org/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=alias</c>; when another recipient
    /// holds that one, Exchange appends a hex suffix, here the first eight hex digits of the mailbox's GUID.
    /// </summary>
    public static string LegacyExchangeDnFor(ConfigurationPartition partition, string alias, Guid mailboxGuid, Func<string, bool> taken)
    {
        var plain = $"{partition.AdministrativeGroupLegacyDn}/cn=Recipients/cn={alias}";
        return taken(plain) ? plain + mailboxGuid.ToString("N")[..8] : plain;
    }

    /// <summary>
    /// R4: proxyAddresses with exactly one primary SMTP address (<c>SMTP:</c>) first, every other address kept as given and
    /// made secondary where it is SMTP, no address twice (whatever the case).
    /// </summary>
    public static IReadOnlyList<ProxyAddress> Addresses(SmtpAddress primary, IEnumerable<ProxyAddress> others)
    {
        var result = new List<ProxyAddress> { ProxyAddress.Smtp(primary, primary: true) };
        foreach (var address in others)
        {
            var value = address.IsSmtp ? address.AsPrimary(false) : address;
            if (!result.Any(r => r.SameAddress(value)))
                result.Add(value);
        }
        return result;
    }

    /// <summary>
    /// R4: the primary SMTP address of a list as the user gives it to -EmailAddresses: the one <c>SMTP:</c> value, else the
    /// current primary when it is still in the list. Two <c>SMTP:</c> values are refused, as EMS refuses them.
    /// </summary>
    public static SmtpAddress PrimaryOf(IReadOnlyList<ProxyAddress> addresses, SmtpAddress? current)
    {
        var primaries = addresses.Where(a => a.IsSmtp && a.IsPrimaryAddress).ToList();
        if (primaries.Count > 1)
            throw new DomainRuleException($"-EmailAddresses holds {primaries.Count} primary SMTP addresses ({string.Join(", ", primaries)}); exactly one is written SMTP: in capitals.", isMalformedInput: true);
        if (primaries.Count == 1)
            return SmtpAddress.Parse(primaries[0].AddressString);
        if (current is { } kept && addresses.Any(a => a.IsSmtp && SmtpAddress.Parse(a.AddressString).Equals(kept)))
            return kept;
        return addresses.FirstOrDefault(a => a.IsSmtp) is { } first
            ? SmtpAddress.Parse(first.AddressString)
            : throw new DomainRuleException("-EmailAddresses holds no SMTP address; a mailbox needs a primary SMTP address.", isMalformedInput: true);
    }

    /// <summary>
    /// R5: a mailbox lives in a mailbox database (not a recovery or public folder database) whose server exists, is an
    /// Exchange 2007 or 2010 Mailbox server and is fully written.
    /// </summary>
    public static ExchangeServer RequireMailboxDatabase(MailboxDatabase database, IEnumerable<ExchangeServer> servers)
    {
        if (database.IsPublicFolderDatabase)
            throw new DomainRuleException($"'{database.Name}' is a public folder database; a mailbox lives in a mailbox database.");
        if (database.Recovery)
            throw new DomainRuleException($"'{database.Name}' is a recovery database; no mailbox can live in one (rule D3). Name a mailbox database.");
        var server = database.ServerName is { } name ? servers.FirstOrDefault(s => ObjectName.Same(s.Name, name)) : null;
        if (server is null)
            throw new DomainRuleException($"The mailbox database '{database.Name}' has no server in the directory, so no mailbox can be placed in it.");
        if (!server.IsComplete || !server.HasRole(ServerRoles.Mailbox) || server.Version is not { Major: 8 or 14 })
            throw new DomainRuleException($"The mailbox database '{database.Name}' is on '{server.Name}', which is not an Exchange 2007 or 2010 Mailbox server.");
        return server;
    }

    /// <summary>
    /// R6, automatic mailbox distribution: without -Database, the Exchange 2010 mailbox database that holds the fewest
    /// mailboxes, ties broken by name (Exchange picks at random among the eligible ones; ours is repeatable).
    /// </summary>
    public static MailboxDatabase ChooseDatabase(IEnumerable<MailboxDatabase> databases, IEnumerable<ExchangeServer> servers, IEnumerable<Mailbox> mailboxes)
    {
        var serverList = servers.ToList();
        var counts = mailboxes.GroupBy(m => DistinguishedNames.Normalize(m.DatabaseDn)).ToDictionary(g => g.Key, g => g.Count());
        return databases
            .Where(d => !d.IsPublicFolderDatabase && !d.Recovery && d.IsComplete)
            .Where(d => serverList.FirstOrDefault(s => ObjectName.Same(s.Name, d.ServerName)) is { IsExchange2010: true, IsComplete: true } s && s.HasRole(ServerRoles.Mailbox))
            .OrderBy(d => counts.GetValueOrDefault(DistinguishedNames.Normalize(d.DistinguishedName)))
            .ThenBy(d => d.Name, ObjectName.Comparer)
            .FirstOrDefault()
            ?? throw new DomainRuleException("No Exchange 2010 mailbox database can take a mailbox (none exists, or each is a recovery database); create one with New-MailboxDatabase or name one with -Database.");
    }

    /// <summary>homeMTA: the Microsoft MTA of the database's server, as Exchange stamps it.</summary>
    public static string HomeMtaFor(ConfigurationPartition partition, string serverName) => "CN=Microsoft MTA," + partition.ServerDn(serverName);
}
