using System.DirectoryServices.Protocols;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;
using CasDirectory.Ldap.Local;

namespace CasDirectory.Ldap.Exchange;

/// <summary>A new mailbox user, every value decided (Core's MailboxProvisioning); the password in clear, hashed here and never logged.</summary>
public sealed record NewMailboxUser
{
    public required string DistinguishedName { get; init; }
    public required string Name { get; init; }
    public required string Alias { get; init; }
    public string? DisplayName { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Initials { get; init; }
    public required string UserPrincipalName { get; init; }
    public required string SamAccountName { get; init; }
    public string? Password { get; init; }
    /// <summary>A user that cannot log on (userAccountControl ACCOUNTDISABLE, msExchUserAccountControl 2): rooms, equipment, shared, linked, arbitration and discovery mailboxes, and -AccountDisabled.</summary>
    public bool Disabled { get; init; }
}

/// <summary>What makes a user a mailbox (docs/recipients.md): the same values for New-Mailbox and Enable-Mailbox.</summary>
public sealed record MailboxAttributes
{
    public required string DatabaseDn { get; init; }
    public required string ServerLegacyDN { get; init; }
    public required string HomeMta { get; init; }
    public required string Alias { get; init; }
    public required string LegacyExchangeDN { get; init; }
    public required string PrimarySmtpAddress { get; init; }
    public required IReadOnlyList<ProxyAddress> EmailAddresses { get; init; }
    public required Guid ExchangeGuid { get; init; }
    public required RecipientTypeDetails Type { get; init; }
    public IReadOnlyList<string> AddressLists { get; init; } = [];
    /// <summary>Further attributes the same add or modify writes (settings given to New-Mailbox or Enable-Mailbox, an archive, a linked master account): strings, or bytes for binary ones.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<object>> Extra { get; init; } = new Dictionary<string, IReadOnlyList<object>>();
}

/// <summary>Recipients: mailbox users in the domain partition (docs/recipients.md). Each write is one LDAP operation on one entry.</summary>
public sealed partial class ExchangeDirectory
{
    private List<Mailbox>? _mailboxes;

    private static readonly string[] MailboxAttributeNames =
    [
        "cn", "objectClass", "mailNickname", "displayName", "givenName", "sn", "initials", "userPrincipalName", "sAMAccountName",
        "homeMDB", "msExchHomeServerName", "homeMTA", "legacyExchangeDN", "mail", "proxyAddresses", "msExchMailboxGuid",
        "msExchRecipientTypeDetails", "showInAddressBook", "entryUUID", "createTimestamp",
        "msExchMailboxMoveStatus", "msExchMailboxMoveFlags", "msExchMailboxMoveSourceMDBLink", "msExchMailboxMoveTargetMDBLink", "msExchMailboxMoveBatchName",
        .. MailboxSettings.Attributes,
    ];

    /// <summary>Binary attributes of a mailbox user: read as bytes, never as text.</summary>
    private static readonly string[] BinaryMailboxAttributes = ["msExchMailboxGuid", "msExchArchiveGUID", "msExchMasterAccountSid"];

    /// <summary>The Default Global Address List and All Users, which Exchange puts every new mailbox in (showInAddressBook).</summary>
    public IReadOnlyList<string> DefaultAddressLists =>
    [
        $"CN=Default Global Address List,CN=All Global Address Lists,CN=Address Lists Container,{Partition.OrganizationDn}",
        $"CN=All Users,CN=All Address Lists,CN=Address Lists Container,{Partition.OrganizationDn}",
    ];

    /// <summary>Every mailbox of the domain: one search (users with a homeMDB), sorted by name.</summary>
    public IReadOnlyList<Mailbox> ReadMailboxes() =>
        _mailboxes ??= Session.Search(Partition.DomainDn, "(&(objectClass=user)(homeMDB=*))", SearchScope.Subtree, ToMailbox, MailboxAttributeNames)
            .OfType<Mailbox>().OrderBy(m => m.Name, ObjectName.Comparer).ToList();

    /// <summary>Get-Mailbox -Filter: the mailboxes that also match <paramref name="ldapFilter"/> (one search, the filter evaluated by slapd).</summary>
    public IReadOnlyList<Mailbox> ReadMailboxes(string ldapFilter) =>
        Session.Search(Partition.DomainDn, $"(&(objectClass=user)(homeMDB=*){ldapFilter})", SearchScope.Subtree, ToMailbox, MailboxAttributeNames)
            .OfType<Mailbox>().OrderBy(m => m.Name, ObjectName.Comparer).ToList();

    public IReadOnlyList<Mailbox> ReadMailboxesUncached()
    {
        _mailboxes = null;
        return ReadMailboxes();
    }

    /// <summary>Users of the domain that are not mailboxes (what Enable-Mailbox takes): one search.</summary>
    public IReadOnlyList<(string Name, string DistinguishedName, string? UserPrincipalName, string? SamAccountName)> ReadUsersWithoutMailbox() =>
        Session.Search(Partition.DomainDn, "(&(objectClass=user)(!(homeMDB=*)))", SearchScope.Subtree,
                e => (e.One("cn") ?? DistinguishedNames.FirstValue(e.DistinguishedName), e.DistinguishedName, e.One("userPrincipalName"), e.One("sAMAccountName")),
                "cn", "userPrincipalName", "sAMAccountName")
            .ToList();

    /// <summary>Whether an entry (an organizational unit or container for -OrganizationalUnit) exists.</summary>
    public bool EntryExists(string dn) => Session.Read(dn, "1.1") is not null;

    /// <summary>The object classes of an entry, or null when there is none (what -OrganizationalUnit names must be a container or OU).</summary>
    public IReadOnlyList<string>? EntryClasses(string dn) => Session.Read(dn, "objectClass")?.All("objectClass");

    /// <summary>Whether any user names this database as its homeMDB or archive database, however it was written: one search, one entry at most.</summary>
    public bool DatabaseHoldsRecipients(string databaseDn) =>
        Session.Search(Partition.DomainDn, $"(|(homeMDB={LdapEscaping.FilterValue(databaseDn)})(msExchArchiveDatabaseLink={LdapEscaping.FilterValue(databaseDn)}))", SearchScope.Subtree, "1.1").Count > 0;

    private Mailbox? ToMailbox(SearchResultEntry e)
    {
        if (Misnamed(e, "mailbox"))
            return null;
        var alias = e.One("mailNickname");
        var database = e.One("homeMDB");
        if (alias is null || database is null)
        {
            Record(new Core.Topology.MalformedObject(e.DistinguishedName, alias is null ? "mailNickname" : "homeMDB", "", "a mailbox user without an alias is left out of reads"));
            return null;
        }
        byte[]? Bytes(string name) => e.Attributes.Contains(name) ? e.Attributes[name].GetValues(typeof(byte[])).Cast<byte[]>().FirstOrDefault() : null;
        var guidBytes = Bytes("msExchMailboxGuid");
        var archiveGuid = Bytes("msExchArchiveGUID");
        var status = long.TryParse(e.One("msExchMailboxMoveStatus"), out var s) ? (RequestStatus?)s : null;
        return new Mailbox
        {
            Name = e.One("cn") ?? DistinguishedNames.FirstValue(e.DistinguishedName),
            DistinguishedName = e.DistinguishedName,
            Alias = alias,
            DisplayName = e.One("displayName"),
            FirstName = e.One("givenName"),
            LastName = e.One("sn"),
            Initials = e.One("initials"),
            UserPrincipalName = e.One("userPrincipalName"),
            SamAccountName = e.One("sAMAccountName"),
            DatabaseDn = database,
            ServerLegacyDN = e.One("msExchHomeServerName"),
            HomeMta = e.One("homeMTA"),
            LegacyExchangeDN = e.One("legacyExchangeDN"),
            PrimarySmtpAddress = e.One("mail"),
            EmailAddresses = e.All("proxyAddresses"),
            ExchangeGuid = guidBytes is { Length: 16 } ? new Guid(guidBytes) : null,
            RecipientTypeDetails = long.TryParse(e.One("msExchRecipientTypeDetails"), out var type) ? (RecipientTypeDetails)type : RecipientTypeDetails.None,
            AddressListMembership = e.All("showInAddressBook"),
            HiddenFromAddressListsEnabled = string.Equals(e.One("msExchHideFromAddressLists"), "TRUE", StringComparison.OrdinalIgnoreCase),
            Stored = EntryValues.Stored(e, MailboxSettings.Attributes.Except(BinaryMailboxAttributes, StringComparer.OrdinalIgnoreCase)),
            ArchiveGuid = archiveGuid is { Length: 16 } ? new Guid(archiveGuid) : null,
            LinkedMasterAccountSid = Bytes("msExchMasterAccountSid"),
            Guid = e.One("entryUUID"),
            Created = GeneralizedTime(e.One("createTimestamp")),
            Move = status is { } moveStatus ? new Core.Recipients.MoveRequest
            {
                Status = moveStatus,
                Flags = int.TryParse(e.One("msExchMailboxMoveFlags"), out var flags) ? (MoveRequestFlags)flags : MoveRequestFlags.None,
                SourceDatabaseDn = e.One("msExchMailboxMoveSourceMDBLink"),
                TargetDatabaseDn = e.One("msExchMailboxMoveTargetMDBLink"),
                BatchName = e.One("msExchMailboxMoveBatchName"),
            } : null,
        };
    }

    private static IEnumerable<DirectoryAttribute> MailboxValues(MailboxAttributes mailbox)
    {
        yield return new DirectoryAttribute("homeMDB", mailbox.DatabaseDn);
        yield return new DirectoryAttribute("msExchHomeServerName", mailbox.ServerLegacyDN);
        yield return new DirectoryAttribute("homeMTA", mailbox.HomeMta);
        yield return new DirectoryAttribute("mailNickname", mailbox.Alias);
        yield return new DirectoryAttribute("legacyExchangeDN", mailbox.LegacyExchangeDN);
        yield return new DirectoryAttribute("mail", mailbox.PrimarySmtpAddress);
        yield return new DirectoryAttribute("proxyAddresses", mailbox.EmailAddresses.Select(a => (object)a.ToString()).ToArray());
        yield return new DirectoryAttribute("msExchMailboxGuid", mailbox.ExchangeGuid.ToByteArray());
        yield return new DirectoryAttribute("msExchRecipientTypeDetails", ((long)mailbox.Type).ToString());
        yield return new DirectoryAttribute("msExchRecipientDisplayType", RecipientDisplayTypes.For(mailbox.Type).ToString());
        yield return new DirectoryAttribute("msExchVersion", MailboxProvisioning.Exchange2010ObjectVersion);
        if (mailbox.AddressLists.Count > 0)
            yield return new DirectoryAttribute("showInAddressBook", mailbox.AddressLists.Cast<object>().ToArray());
        foreach (var (name, values) in mailbox.Extra)
            if (values.Count > 0)
                yield return new DirectoryAttribute(name, values.ToArray());
    }

    /// <summary>New-Mailbox: the user and its mailbox in one add (one entry: it is there whole or not at all).</summary>
    public Mailbox AddMailboxUser(NewMailboxUser user, MailboxAttributes mailbox)
    {
        var request = new AddRequest(user.DistinguishedName);
        request.Attributes.Add(new DirectoryAttribute("objectClass", "top", "person", "organizationalPerson", "user"));
        request.Attributes.Add(new DirectoryAttribute("cn", user.Name));
        request.Attributes.Add(new DirectoryAttribute("sn", user.LastName ?? user.Name)); // person MUSTs sn; AD has none, so the name stands in
        foreach (var (name, value) in new[] { ("givenName", user.FirstName), ("initials", user.Initials), ("displayName", user.DisplayName) })
            if (!string.IsNullOrEmpty(value))
                request.Attributes.Add(new DirectoryAttribute(name, value));
        request.Attributes.Add(new DirectoryAttribute("userPrincipalName", user.UserPrincipalName));
        request.Attributes.Add(new DirectoryAttribute("sAMAccountName", user.SamAccountName));
        if (user.Password is { Length: > 0 } password)
            request.Attributes.Add(new DirectoryAttribute("userPassword", PasswordSecrets.HashSsha(password)));
        if (user.Disabled)
        {
            request.Attributes.Add(new DirectoryAttribute("userAccountControl", "514")); // NORMAL_ACCOUNT | ACCOUNTDISABLE
            request.Attributes.Add(new DirectoryAttribute("msExchUserAccountControl", "2"));
        }
        foreach (var attribute in MailboxValues(mailbox))
            request.Attributes.Add(attribute);
        Session.Send(request);
        return Remember(user.DistinguishedName);
    }

    /// <summary>Enable-Mailbox: the mailbox attributes added to an existing user in one modify.</summary>
    public Mailbox EnableMailbox(string userDn, MailboxAttributes mailbox, string? displayName)
    {
        var request = new ModifyRequest(userDn);
        foreach (var attribute in MailboxValues(mailbox))
        {
            var modification = new DirectoryAttributeModification { Name = attribute.Name, Operation = DirectoryAttributeOperation.Replace };
            foreach (var value in attribute.GetValues(BinaryMailboxAttributes.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase) ? typeof(byte[]) : typeof(string)))
                if (value is byte[] bytes) modification.Add(bytes); else modification.Add((string)value);
            request.Modifications.Add(modification);
        }
        if (displayName is not null)
            request.Modifications.Add(new DirectoryAttributeModification { Name = "displayName", Operation = DirectoryAttributeOperation.Replace }.With(displayName));
        // Only a user that is not a mailbox yet: a concurrent Enable-Mailbox of the same user fails instead of overwriting.
        request.Controls.Add(Connection.AssertionControl.Absent("homeMDB"));
        Session.Send(request);
        return Remember(userDn);
    }

    /// <summary>
    /// Set-Mailbox: names, addresses and settings of one mailbox in one modify, under an assertion that the entry has not
    /// changed since it was read (its entryCSN), so two concurrent Set-Mailbox never merge into a mix of both.
    /// </summary>
    public Mailbox SetMailbox(Mailbox mailbox, IReadOnlyDictionary<string, IReadOnlyList<string>> replace, IReadOnlyList<Core.Settings.SettingChange> settings, string? password = null,
        IReadOnlyDictionary<string, byte[]?>? binary = null)
    {
        var changes = replace.Select(r => new AttributeChange(DirectoryAttributeOperation.Replace, r.Key, [.. r.Value])).ToList();
        foreach (var (name, bytes) in binary ?? new Dictionary<string, byte[]?>())
            changes.Add(new AttributeChange(DirectoryAttributeOperation.Replace, name, bytes is null ? [] : [bytes]));
        if (password is not null)
            changes.Add(new AttributeChange(DirectoryAttributeOperation.Replace, "userPassword", [PasswordSecrets.HashSsha(password)]));
        ModifyEntry(mailbox.DistinguishedName, settings, changes);
        return Remember(mailbox.DistinguishedName);
    }

    /// <summary>Renames a mailbox user in place (Set-Mailbox -Name): one modrdn.</summary>
    public Mailbox RenameMailbox(Mailbox mailbox, string newName)
    {
        var parent = DistinguishedNames.Parent(mailbox.DistinguishedName);
        Session.Send(new ModifyDNRequest(mailbox.DistinguishedName, parent, "CN=" + LdapEscaping.DnValue(newName)) { DeleteOldRdn = true });
        Forget(mailbox.DistinguishedName);
        return Remember($"CN={LdapEscaping.DnValue(newName)},{parent}");
    }

    /// <summary>Remove-Mailbox: deletes the user (Exchange 2010 removes the AD account with its mailbox).</summary>
    public void RemoveMailboxUser(Mailbox mailbox)
    {
        Session.Delete(mailbox.DistinguishedName);
        Forget(mailbox.DistinguishedName);
    }

    /// <summary>
    /// New-MoveRequest, completed at once (docs/recipients.md): homeMDB, msExchHomeServerName and homeMTA point at the target,
    /// and the request is recorded on the user as Exchange 2010 records a finished one, all in one modify under an
    /// assertion that the mailbox is still in the source database.
    /// </summary>
    public Mailbox MoveMailbox(Mailbox mailbox, string targetDatabaseDn, string serverLegacyDn, string homeMta, string? batchName, MoveRequestFlags flags,
        RequestStatus status = RequestStatus.Completed, string? archiveTargetDn = null)
    {
        var completes = status is RequestStatus.Completed;
        var movesPrimary = completes && !flags.HasFlag(MoveRequestFlags.MoveOnlyArchiveMailbox);
        var request = new ModifyRequest(mailbox.DistinguishedName);
        void Replace(string name, string? value)
        {
            var modification = new DirectoryAttributeModification { Name = name, Operation = DirectoryAttributeOperation.Replace };
            if (value is not null)
                modification.Add(value);
            request.Modifications.Add(modification);
        }
        if (movesPrimary)
        {
            Replace("homeMDB", targetDatabaseDn);
            Replace("msExchHomeServerName", serverLegacyDn);
            Replace("homeMTA", homeMta);
        }
        if (completes && archiveTargetDn is not null)
            Replace("msExchArchiveDatabaseLink", archiveTargetDn);
        Replace("msExchMailboxMoveStatus", ((int)status).ToString());
        Replace("msExchMailboxMoveFlags", ((int)flags).ToString());
        Replace("msExchMailboxMoveSourceMDBLink", mailbox.DatabaseDn);
        Replace("msExchMailboxMoveTargetMDBLink", targetDatabaseDn);
        Replace("msExchMailboxMoveBatchName", batchName);
        // Still in its source database and with no request yet: of two moves at once (an archive-only move leaves homeMDB
        // as it is), one is written and the other refused.
        request.Controls.Add(Connection.AssertionControl.EqualityWithout("homeMDB", mailbox.DatabaseDn, "msExchMailboxMoveStatus"));
        Session.Send(request);
        return Remember(mailbox.DistinguishedName);
    }

    /// <summary>Remove-MoveRequest: the request's attributes cleared from the user in one modify.</summary>
    public Mailbox ClearMoveRequest(Mailbox mailbox)
    {
        var request = new ModifyRequest(mailbox.DistinguishedName);
        foreach (var name in new[] { "msExchMailboxMoveStatus", "msExchMailboxMoveFlags", "msExchMailboxMoveSourceMDBLink", "msExchMailboxMoveTargetMDBLink", "msExchMailboxMoveBatchName" })
            if (name switch
                {
                    "msExchMailboxMoveStatus" => true,
                    "msExchMailboxMoveFlags" => true,
                    "msExchMailboxMoveSourceMDBLink" => mailbox.Move?.SourceDatabaseDn is not null,
                    "msExchMailboxMoveTargetMDBLink" => mailbox.Move?.TargetDatabaseDn is not null,
                    _ => mailbox.Move?.BatchName is not null,
                })
                request.Modifications.Add(new DirectoryAttributeModification { Name = name, Operation = DirectoryAttributeOperation.Replace });
        Session.Send(request);
        return Remember(mailbox.DistinguishedName);
    }

    /// <summary>
    /// Disable-Mailbox: every Exchange attribute removed from the user in one modify (the user stays, as in Exchange 2010),
    /// under an assertion that it is still in the database it was read in.
    /// </summary>
    public void DisableMailbox(Mailbox mailbox)
    {
        var request = new ModifyRequest(mailbox.DistinguishedName);
        var present = Session.Read(mailbox.DistinguishedName, ExchangeRecipientAttributes)
            ?? throw new Errors.DirectoryRefusedException(Errors.DirectoryResult.NoSuchObject, $"The mailbox {mailbox.DistinguishedName} does not exist (any more).") { DistinguishedName = mailbox.DistinguishedName };
        foreach (string name in present.Attributes.AttributeNames)
            request.Modifications.Add(new DirectoryAttributeModification { Name = name, Operation = DirectoryAttributeOperation.Delete });
        request.Controls.Add(Connection.AssertionControl.Equality("homeMDB", mailbox.DatabaseDn));
        Session.Send(request);
        Forget(mailbox.DistinguishedName);
    }

    /// <summary>The user's own attributes among those a mailbox read fetches: Disable-Mailbox leaves them.</summary>
    private static readonly string[] AccountAttributes =
    [
        "physicalDeliveryOfficeName", "telephoneNumber", "pwdLastSet", "userAccountControl",
        "extensionAttribute1", "extensionAttribute2", "extensionAttribute3", "extensionAttribute4", "extensionAttribute5", "extensionAttribute6",
        "extensionAttribute7", "extensionAttribute8", "extensionAttribute9", "extensionAttribute10", "extensionAttribute11", "extensionAttribute12",
        "extensionAttribute13", "extensionAttribute14", "extensionAttribute15",
    ];

    /// <summary>What Exchange adds to a user to make it a mailbox (Disable-Mailbox takes them all away); the account's own attributes stay.</summary>
    private static readonly string[] ExchangeRecipientAttributes =
    [
        "homeMDB", "msExchHomeServerName", "homeMTA", "mailNickname", "legacyExchangeDN", "mail", "proxyAddresses", "msExchMailboxGuid",
        "msExchRecipientTypeDetails", "msExchRecipientDisplayType", "msExchVersion", "showInAddressBook", "msExchHideFromAddressLists",
        "mDBUseDefaults", "mDBStorageQuota", "mDBOverQuotaLimit", "mDBOverHardQuotaLimit",
        "msExchMailboxMoveStatus", "msExchMailboxMoveFlags", "msExchMailboxMoveSourceMDBLink", "msExchMailboxMoveTargetMDBLink", "msExchMailboxMoveBatchName",
        .. MailboxSettings.Attributes.Except(AccountAttributes, StringComparer.OrdinalIgnoreCase),
    ];

    /// <summary>The archive's attributes (Disable-Mailbox -Archive takes them away, the mailbox stays).</summary>
    public static readonly string[] ArchiveAttributes = ["msExchArchiveDatabaseLink", "msExchArchiveGUID", "msExchArchiveName", "msExchArchiveQuota", "msExchArchiveWarnQuota", "msExchArchiveStatus"];

    /// <summary>Disable-Mailbox -Archive: the archive's attributes removed in one modify, under an assertion that it still has that archive.</summary>
    public Mailbox DisableArchive(Mailbox mailbox)
    {
        var request = new ModifyRequest(mailbox.DistinguishedName);
        var present = Session.Read(mailbox.DistinguishedName, ArchiveAttributes)
            ?? throw new Errors.DirectoryRefusedException(Errors.DirectoryResult.NoSuchObject, $"The mailbox {mailbox.DistinguishedName} does not exist (any more).") { DistinguishedName = mailbox.DistinguishedName };
        foreach (string name in present.Attributes.AttributeNames)
            request.Modifications.Add(new DirectoryAttributeModification { Name = name, Operation = DirectoryAttributeOperation.Delete });
        if (request.Modifications.Count == 0)
            return mailbox;
        request.Controls.Add(Connection.AssertionControl.Equality("homeMDB", mailbox.DatabaseDn));
        Session.Send(request);
        return Remember(mailbox.DistinguishedName);
    }

    /// <summary>Reads one mailbox again after this session wrote it, and keeps the cached list current.</summary>
    private Mailbox Remember(string dn)
    {
        var mailbox = Session.Search(dn, "(objectClass=user)", SearchScope.Base, ToMailbox, MailboxAttributeNames).FirstOrDefault()
            ?? throw new Errors.DirectoryRefusedException(Errors.DirectoryResult.NoSuchObject, $"The mailbox {dn} was written but cannot be read back.") { DistinguishedName = dn };
        Forget(dn);
        InsertSorted(_mailboxes, mailbox, m => m.Name);
        return mailbox;
    }

    private void Forget(string dn) => _mailboxes?.RemoveAll(m => DistinguishedNames.AreEqual(m.DistinguishedName, dn));
}

internal static class DirectoryAttributeModificationExtensions
{
    public static DirectoryAttributeModification With(this DirectoryAttributeModification modification, string value)
    {
        modification.Add(value);
        return modification;
    }
}
