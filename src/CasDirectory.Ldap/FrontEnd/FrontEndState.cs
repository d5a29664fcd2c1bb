using System.Text.Json;
using System.Text.Json.Serialization;
using CasDirectory.Ldap.Local;

namespace CasDirectory.Ldap.FrontEnd;

/// <summary>
/// What <c>casdir frontend</c> records in FE/frontend.json: where the front end listens (its write endpoint over LDAP and
/// LDAPS, its read endpoint), the providers and consumers behind it (the data folders of <c>casdir up</c>), and its
/// haproxy files. Clients read it to reach the directory through the front end and to know the providers a durable
/// write must wait for.
/// </summary>
public sealed record FrontEndState
{
    public const string FileName = "frontend.json";

    public int FormatVersion { get; init; } = 1;
    public required string WriteUrl { get; init; }
    public required string WriteLdapsUrl { get; init; }
    public required string ReadUrl { get; init; }
    /// <summary>The CA the providers' certificates chain to (LDAPS passes through the front end untouched).</summary>
    public string? CaFile { get; init; }
    public required IReadOnlyList<FrontEndMember> Providers { get; init; }
    public IReadOnlyList<FrontEndMember> Consumers { get; init; } = [];
    /// <summary>The provider that held the write endpoint when casdir last looked (--status, --fail-back, --stop): a
    /// restarted front end gives it the writes again instead of the first provider (haproxy's stick table is in memory).</summary>
    public string? Writer { get; init; }
    public required string ConfigFile { get; init; }
    public required string PidFile { get; init; }
    public required string StatsSocket { get; init; }

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectNullableAnnotations = true,
    };

    public static string PathIn(string folder) => Path.Combine(Path.GetFullPath(folder), FileName);

    /// <summary>True when <paramref name="folder"/> holds a front end's state (made by <c>casdir frontend</c>).</summary>
    public static bool IsIn(string folder) => File.Exists(PathIn(folder));

    public static FrontEndState Load(string folder)
    {
        var file = PathIn(folder);
        try
        {
            return JsonSerializer.Deserialize<FrontEndState>(File.ReadAllText(file), JsonOptions) ?? throw new JsonException("it is empty");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new FrontEndException($"{file} cannot be read ({e.Message.Trim()}).");
        }
    }

    public void Save(string folder) => AtomicFile.Write(PathIn(folder), JsonSerializer.Serialize(this, JsonOptions) + "\n");
}

/// <summary>One directory behind the front end: its haproxy server name (a, b, c…), its data folder and URLs.</summary>
public sealed record FrontEndMember(string Name, string Folder, string Url, string? LdapsUrl);

/// <summary>casdir frontend could not do what was asked; IsUsage for a wrong input (exit code 2).</summary>
public sealed class FrontEndException(string message, bool isUsage = false) : Exception(message)
{
    public bool IsUsage { get; } = isUsage;
}
