namespace CasDirectory.Ldap.Local;

/// <summary>
/// The files of one local directory under DIR (documented in README.md):
/// <c>casdir.json</c> (state for programs), <c>url</c>, <c>accounts/&lt;name&gt;.dn</c> and
/// <c>accounts/&lt;name&gt;.password</c> (mode 0600), <c>slapd/</c> (rendered configuration, schema copy,
/// pid file, log) and <c>data/</c> (the mdb databases). The container entrypoint uses the same layout.
/// </summary>
public sealed class DataDirectory(string root)
{
    public string Root { get; } = Path.GetFullPath(root);
    public string StateFile => Path.Combine(Root, "casdir.json");
    public string UrlFile => Path.Combine(Root, "url");
    public string AccountsDirectory => Path.Combine(Root, "accounts");
    public string SlapdDirectory => Path.Combine(Root, "slapd");
    public string SchemaDirectory => Path.Combine(SlapdDirectory, "schema");
    public string GuardPlugin => Path.Combine(SlapdDirectory, "casdir-guard.so");
    public string ConfigFile => Path.Combine(SlapdDirectory, "slapd.conf");
    public string RootDseFile => Path.Combine(SlapdDirectory, "rootdse.ldif");
    public string PidFile => Path.Combine(SlapdDirectory, "slapd.pid");
    public string LogFile => Path.Combine(SlapdDirectory, "slapd.log");
    /// <summary>The replication include files slapd.conf reads (docs/replication.md): serverID, and one per replicated database.</summary>
    public string ReplicationServerFile => Path.Combine(SlapdDirectory, "replication-server.conf");
    public string ReplicationConfigurationFile => Path.Combine(SlapdDirectory, "replication-config.conf");
    public string ReplicationDomainFile => Path.Combine(SlapdDirectory, "replication-domain.conf");
    public string DatabasesDirectory => Path.Combine(Root, "data");
    /// <summary>The directory's private CA and slapd's certificate (see DirectoryCertificates).</summary>
    public DirectoryCertificates Certificates => new(Path.Combine(Root, "tls"));

    public string AccountDnFile(string account) => Path.Combine(AccountsDirectory, account + ".dn");
    public string AccountPasswordFile(string account) => Path.Combine(AccountsDirectory, account + ".password");

    public IEnumerable<string> DatabaseDirectories =>
        new[] { "accesslog", "config", "domain" }.Select(name => Path.Combine(DatabasesDirectory, name));

    /// <summary>True when DIR holds a CasDirectory directory (made by an earlier <c>casdir up</c>).</summary>
    public bool Exists => File.Exists(StateFile);
}
