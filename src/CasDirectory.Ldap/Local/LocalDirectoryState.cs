using System.Text.Json;
using System.Text.Json.Serialization;

namespace CasDirectory.Ldap.Local;

/// <summary>What <c>casdir up</c> records in DIR/casdir.json: where the directory listens and who may bind.</summary>
public sealed record LocalDirectoryState
{
    public int FormatVersion { get; init; } = 1;
    public required string Domain { get; init; }
    public required string Organization { get; init; }
    public required int Port { get; init; }
    public required string Url { get; init; }
    /// <summary>LDAPS: its port and URL, and the CA that signed slapd's certificate (null for directories made before TLS).</summary>
    public int? LdapsPort { get; init; }
    public string? LdapsUrl { get; init; }
    public string? CaFile { get; init; }
    public required string BaseDn { get; init; }
    public required string ConfigurationDn { get; init; }
    public string? Sample { get; init; }
    public required IReadOnlyDictionary<string, LocalDirectoryAccount> Accounts { get; init; }

    /// <summary>Replication (docs/replication.md): standalone, provider or consumer (<see cref="ReplicaRole"/>); null in
    /// directories made before replication, which are standalone.</summary>
    public string? Role { get; init; }
    /// <summary>slapd's serverID (1 for a new directory); null in directories made before replication.</summary>
    public int? ServerId { get; init; }
    /// <summary>The other servers of the same directory this one knows: its mirror, its providers, its consumers.</summary>
    public IReadOnlyList<LocalDirectoryPeer>? Peers { get; init; }

    [JsonIgnore]
    public string EffectiveRole => Role ?? ReplicaRole.Standalone;
    [JsonIgnore]
    public int EffectiveServerId => ServerId ?? 1;
    [JsonIgnore]
    public IReadOnlyList<LocalDirectoryPeer> KnownPeers => Peers ?? [];

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // "accounts": null, or an account without a dn, is a broken file, not a null to trip over later.
        RespectNullableAnnotations = true,
    };

    public static LocalDirectoryState Load(DataDirectory data)
    {
        try
        {
            var state = JsonSerializer.Deserialize<LocalDirectoryState>(File.ReadAllText(data.StateFile), JsonOptions)
                        ?? throw new JsonException("it is empty");
            if (state.Accounts.Values.Any(a => string.IsNullOrWhiteSpace(a.Dn) || string.IsNullOrWhiteSpace(a.PasswordFile)))
                throw new JsonException("an account has no dn or passwordFile");
            return state;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new LocalDirectoryException($"{data.StateFile} cannot be read ({e.Message}).", e);
        }
    }

    /// <summary>Writes casdir.json and url atomically (a new file renamed over the old: a crash leaves one or the other,
    /// never half of each), and not at all when nothing changed (so a read-only folder fails in slapd, with its reason).</summary>
    public void Save(DataDirectory data)
    {
        WriteAtomically(data.StateFile, JsonSerializer.Serialize(this, JsonOptions) + "\n");
        WriteAtomically(data.UrlFile, Url + "\n");
    }

    private static void WriteAtomically(string path, string text)
    {
        if (File.Exists(path) && File.ReadAllText(path) == text)
            return;
        try
        {
            AtomicFile.Write(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LocalDirectoryException($"{path} cannot be written ({e.Message.Trim()}). The data folder must be writable: slapd keeps its databases there too.", e);
        }
    }
}

/// <summary>An account's DN and the 0600 file holding its password.</summary>
public sealed record LocalDirectoryAccount(string Dn, string PasswordFile);
