namespace CasDirectory.Core.Recipients;

/// <summary>
/// A mailbox-enabled user of the domain partition, as Exchange 2010 writes it (docs/recipients.md): the AD user with
/// homeMDB, msExchHomeServerName and mailNickname (the three attributes that make a user a mailbox), its addresses, its
/// legacyExchangeDN and the move request last made for it.
/// </summary>
public sealed record Mailbox
{
    public required string Name { get; init; }
    public required string DistinguishedName { get; init; }
    /// <summary>mailNickname.</summary>
    public required string Alias { get; init; }
    public string? DisplayName { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Initials { get; init; }
    public string? UserPrincipalName { get; init; }
    public string? SamAccountName { get; init; }
    /// <summary>homeMDB: the DN of the mailbox database.</summary>
    public required string DatabaseDn { get; init; }
    /// <summary>msExchHomeServerName: the legacyExchangeDN of the database's Mailbox server.</summary>
    public string? ServerLegacyDN { get; init; }
    public string? HomeMta { get; init; }
    public string? LegacyExchangeDN { get; init; }
    /// <summary>mail: the primary SMTP address.</summary>
    public string? PrimarySmtpAddress { get; init; }
    /// <summary>proxyAddresses as stored.</summary>
    public IReadOnlyList<string> EmailAddresses { get; init; } = [];
    /// <summary>msExchMailboxGuid, as a GUID (AD keeps its 16 bytes).</summary>
    public Guid? ExchangeGuid { get; init; }
    public RecipientTypeDetails RecipientTypeDetails { get; init; } = RecipientTypeDetails.UserMailbox;
    public bool HiddenFromAddressListsEnabled { get; init; }
    public IReadOnlyList<string> AddressListMembership { get; init; } = [];
    /// <summary>The stored values of the mailbox's settings, by attribute.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Stored { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public string? Guid { get; init; }
    public DateTimeOffset? Created { get; init; }
    public MoveRequest? Move { get; init; }
    /// <summary>msExchArchiveGUID: set while the mailbox has an archive (Enable-Mailbox -Archive).</summary>
    public Guid? ArchiveGuid { get; init; }
    /// <summary>msExchMasterAccountSid: the account of another forest that owns a linked mailbox (binary SID).</summary>
    public byte[]? LinkedMasterAccountSid { get; init; }

    public bool HasArchive => ArchiveGuid is not null;

    /// <summary>Litigation hold (msExchELCMailboxFlags bit 8): Remove-/Disable-Mailbox need -IgnoreLegalHold.</summary>
    public bool OnLitigationHold => Setting(MailboxSettings.LitigationHoldEnabled) is true;

    /// <summary>The container the user is in (its OrganizationalUnit).</summary>
    public string OrganizationalUnitDn => Naming.DistinguishedNames.Parent(DistinguishedName);

    /// <summary>The server's name: the last <c>cn=</c> of msExchHomeServerName (EMS's ServerName).</summary>
    public string? ServerName => ServerLegacyDN is { } dn && dn.LastIndexOf("/cn=", StringComparison.OrdinalIgnoreCase) is var i and >= 0 ? dn[(i + 4)..] : null;

    public object? Setting(Settings.SettingDefinition definition) => definition.Read(Stored.GetValueOrDefault(definition.Attribute, []));
}

/// <summary>Names of recipients as Exchange shows them.</summary>
public static class RecipientNames
{
    /// <summary>AD's canonical name of a DN: <c>lab.local/Users/John Doe</c> for CN=John Doe,CN=Users,DC=lab,DC=local.</summary>
    public static string CanonicalName(string dn)
    {
        var parts = Naming.DistinguishedNames.Split(dn);
        var domain = string.Join(".", parts.Where(p => p.Type.Equals("DC", StringComparison.OrdinalIgnoreCase)).Select(p => p.Value));
        var path = parts.Where(p => !p.Type.Equals("DC", StringComparison.OrdinalIgnoreCase)).Select(p => p.Value.Replace("/", "\\/")).Reverse();
        return string.Join("/", new[] { domain }.Concat(path));
    }
}
