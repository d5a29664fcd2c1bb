using System.Text.Json;

namespace CasDirectory.Ldap.Local;

/// <summary>
/// Whether a local directory runs, and where. Its JSON form is a contract other projects' tests read.
/// <see cref="Running"/> means a slapd serves the folder and answers; <see cref="ProcessId"/> is that slapd's pid,
/// set too when it serves but does not answer.
/// </summary>
public sealed record LocalDirectoryStatus(string DataDirectory, bool Running, int? ProcessId, LocalDirectoryState State)
{
    /// <summary>The slapd serving the folder is not the one slapd/slapd.pid names (the file was deleted or is stale).</summary>
    public bool PidFileIsStale { get; init; }

    /// <summary>Each server of the replicated directory with its contextCSN and lag (casdir status); null when not asked for.</summary>
    public ReplicationReport? Replication { get; init; }

    public string ToJson()
    {
        var document = new Dictionary<string, object?>
        {
            ["running"] = Running,
            ["url"] = State.Url,
            ["ldapsUrl"] = State.LdapsUrl,
            ["caFile"] = State.CaFile,
            ["baseDn"] = State.BaseDn,
            ["configurationDn"] = State.ConfigurationDn,
            ["domain"] = State.Domain,
            ["organization"] = State.Organization,
            ["dataDirectory"] = DataDirectory,
            ["pid"] = ProcessId,
            ["accounts"] = State.Accounts.ToDictionary(a => a.Key, a => new { dn = a.Value.Dn, passwordFile = a.Value.PasswordFile }),
            ["role"] = State.EffectiveRole,
            ["serverId"] = State.EffectiveServerId,
        };
        if (Replication is { } replication)
        {
            document["servers"] = replication.Servers.Select(s => new Dictionary<string, object?>
            {
                ["url"] = s.Url,
                ["dataDirectory"] = s.DataDirectory,
                ["role"] = s.Role,
                ["serverId"] = s.ServerId,
                ["self"] = s.Self,
                ["answering"] = s.Answering,
                ["contextCsn"] = s.ContextCsn,
                ["inStep"] = s.InStep,
                ["lagSeconds"] = s.Lag is { } lag && lag != TimeSpan.MaxValue ? Math.Round(lag.TotalSeconds, 6) : null,
            }).ToList();
        }
        return JsonSerializer.Serialize(document, LocalDirectoryState.JsonOptions);
    }
}
