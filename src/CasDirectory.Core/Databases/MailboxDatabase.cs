namespace CasDirectory.Core.Databases;

/// <summary>A mailbox (msExchPrivateMDB; Recovery when msExchRestore is TRUE) or public folder database.</summary>
public sealed record MailboxDatabase
{
    public const string PrivateSuffix = "/cn=Microsoft Private MDB";
    public const string PublicSuffix = "/cn=Microsoft Public MDB";

    public required string Name { get; init; }
    public required string DistinguishedName { get; init; }
    public string? ServerName { get; init; }
    public bool Recovery { get; init; }
    public bool IsPublicFolderDatabase { get; init; }
    public string? LegacyExchangeDN { get; init; }
    public string? EdbFilePath { get; init; }
    public string? LogFolderPath { get; init; }
    public string? MasterServerOrAvailabilityGroup { get; init; }
    public IReadOnlyList<string> CopyServerNames { get; init; } = [];

    /// <summary>The stored values of the database's settings (<see cref="DatabaseSettings"/>), by attribute; binary values in base64.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Stored { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>A setting's value as the shell shows it (Exchange's default where unset).</summary>
    public object? Setting(Settings.SettingDefinition definition) => definition.Read(Stored.GetValueOrDefault(definition.Attribute, []));

    /// <summary>Every database casdir makes has a copy on its server; one without any was cut off between its two entries.</summary>
    public bool IsComplete => CopyServerNames.Count > 0;
    public string? Guid { get; init; }
    /// <summary>When the object was created (createTimestamp): B6 compares databases with their array.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>The legacyExchangeDN of the server or array the database points at (docs/directory.md, "The tree and the schema"), or null.</summary>
    public string? RpcClientAccessLegacyDN =>
        LegacyExchangeDN is { } dn && dn.EndsWith(IsPublicFolderDatabase ? PublicSuffix : PrivateSuffix, StringComparison.OrdinalIgnoreCase)
            ? dn[..^(IsPublicFolderDatabase ? PublicSuffix : PrivateSuffix).Length]
            : null;

    public static string LegacyDnFor(string rpcClientAccessLegacyDn, bool publicFolder = false) =>
        rpcClientAccessLegacyDn + (publicFolder ? PublicSuffix : PrivateSuffix);
}
