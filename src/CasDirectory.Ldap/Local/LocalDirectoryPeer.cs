namespace CasDirectory.Ldap.Local;

/// <summary>Another server of the same replicated directory on this machine, as casdir.json records it.</summary>
public sealed record LocalDirectoryPeer(string Url, string? LdapsUrl, string DataDirectory, string Role, int ServerId);

/// <summary>A server's part in a replicated directory (docs/replication.md).</summary>
public static class ReplicaRole
{
    /// <summary>Alone: takes writes, nothing replicates from or to it (yet).</summary>
    public const string Standalone = "standalone";
    /// <summary>One of at most two mirror-mode providers: takes writes and replicates from its mirror.</summary>
    public const string Provider = "provider";
    /// <summary>Read-only: replicates from the providers and refers writes to them.</summary>
    public const string Consumer = "consumer";
}
