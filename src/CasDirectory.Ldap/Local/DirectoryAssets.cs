namespace CasDirectory.Ldap.Local;

/// <summary>
/// The repository's schema/, ldif/ and slapd/ folders, copied next to the binaries at build time
/// (assets/), so casdir and the tests use the very files the container uses.
/// </summary>
public sealed class DirectoryAssets(string root)
{
    public string Root { get; } = root;

    public static DirectoryAssets Default { get; } = new(Path.Combine(AppContext.BaseDirectory, "assets"));

    public string SchemaFile => Path.Combine(Root, "schema", "casdirectory.schema");
    public string SlapdConfigTemplate => Path.Combine(Root, "slapd", "slapd.conf.template");
    /// <summary>The SLAPI plugin built from slapd/guard/casdir_guard.c.</summary>
    public string GuardPlugin => Path.Combine(Root, "slapd", "casdir-guard.so");
    /// <summary>The replication pieces slapd.conf includes (docs/replication.md).</summary>
    public string ReplicationServerTemplate => Path.Combine(Root, "slapd", "replication-server.conf.template");
    public string ReplicationDatabaseTemplate => Path.Combine(Root, "slapd", "replication-database.conf.template");
    public string ReplicationSyncreplTemplate => Path.Combine(Root, "slapd", "replication-syncrepl.conf.template");
    public string ReplicationProviderTemplate => Path.Combine(Root, "slapd", "replication-provider.conf.template");
    public string ReplicationConsumerTemplate => Path.Combine(Root, "slapd", "replication-consumer.conf.template");
    public string RootDseTemplate => Path.Combine(Root, "slapd", "rootdse.ldif.template");
    public string BaseLdifTemplate => Path.Combine(Root, "ldif", "base.ldif.template");
    public string SchemaPartitionLdifTemplate => Path.Combine(Root, "ldif", "schema-partition.ldif.template");
    public string AccountsLdifTemplate => Path.Combine(Root, "ldif", "accounts.ldif.template");
    public string SampleLdifTemplate(string sample) => Path.Combine(Root, "ldif", $"sample-{sample}.ldif.template");

    /// <summary>The samples shipped as ldif/sample-NAME.ldif.template.</summary>
    public IReadOnlyList<string> Samples =>
        Directory.Exists(Path.Combine(Root, "ldif"))
            ? Directory.GetFiles(Path.Combine(Root, "ldif"), "sample-*.ldif.template")
                .Select(f => Path.GetFileName(f)["sample-".Length..^".ldif.template".Length]).Order().ToList()
            : [];
}
