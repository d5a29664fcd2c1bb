namespace CasDirectory.Ldap.Local;

/// <summary>What <c>casdir up</c> was asked for. Null means "the default, or what DIR already holds".</summary>
public sealed record LocalDirectoryOptions
{
    /// <summary>The port tried first when none is given; the next free one is taken if it is in use.</summary>
    public const int DefaultPort = 3890;
    public const int DefaultLdapsPort = 6360;

    public required string DataDirectory { get; init; }
    public int? Port { get; init; }

    /// <summary>The LDAPS port (default 6360 or the next free one; with an explicit --port, any free one).</summary>
    public int? LdapsPort { get; init; }

    /// <summary>Names besides localhost, 127.0.0.1 and ::1 that slapd's certificate carries (--hostname).</summary>
    public IReadOnlyList<string> HostNames { get; init; } = [];
    public string? Domain { get; init; }
    public string? Organization { get; init; }
    public string? Sample { get; init; }

    /// <summary>Where to look for slapd; null for CASDIR_SLAPD_PATH or PATH and the sbin folders.</summary>
    public IReadOnlyList<string>? SlapdSearchPath { get; init; }

    public DirectoryAssets Assets { get; init; } = DirectoryAssets.Default;

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>--mirror-of: the data folder of a directory on this machine that the new one becomes the mirror of (docs/replication.md).</summary>
    public string? MirrorOf { get; init; }

    /// <summary>--consumer-of: data folders of the providers a new read-only consumer replicates from (a provider's mirror is added).</summary>
    public IReadOnlyList<string> ConsumerOf { get; init; } = [];

    /// <summary>How long a new mirror or consumer may take to hold what its provider holds (contextCSN equal).</summary>
    public TimeSpan ReplicationTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Told what casdir did besides the asked-for directory (a provider restarted): the CLI writes it on stderr.</summary>
    public Action<string>? Notice { get; init; }
}
