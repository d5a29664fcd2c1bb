using System.Text;

namespace CasDirectory.Ldap.Local;

/// <summary>
/// Renders the replication include files of one server (docs/replication.md) from its casdir.json: serverID, and per
/// replicated database the replicator's limits and ACL, a syncrepl stanza per provider it reads from (over LDAPS,
/// checked against the directory's CA), multiprovider or updateref, and syncprov. Private (0600): the stanzas carry the
/// replicator's password, which slapd 2.5 reads from its configuration only.
/// </summary>
public static class ReplicationFiles
{
    /// <summary>
    /// The attributes casdir-guard computes on every read (slapd/guard/casdir_ad.c, casdir_ad_computed): a provider's
    /// answers carry them, and a replica must not store them (each server computes its own; stored, they would break
    /// the next modify with "objectGUID not allowed" and go stale). A test keeps this list the guard's.
    /// </summary>
    public static readonly IReadOnlyList<string> ComputedAttributes =
    [
        "objectGUID", "objectCategory", "whenCreated", "whenChanged", "distinguishedName", "name",
        "showInAdvancedViewOnly", "instanceType", "uSNChanged", "uSNCreated", "systemFlags",
        "canonicalName", "allowedChildClasses", "allowedChildClassesEffective", "msDS-Approx-Immed-Subordinates",
        "allowedAttributes", "allowedAttributesEffective",
        "siteObjectBL", "msExchServerSiteBL", "msExchMDBAvailabilityGroupBL", "msExchHostServerBL", "nTSecurityDescriptor",
    ];

    /// <summary>rid = database × 100 + the provider's serverID: unique in one slapd, and readable (201: the domain from server 1).</summary>
    public static int Rid(bool domain, int providerServerId) => (domain ? 200 : 100) + providerServerId;

    public static void Write(DataDirectory data, DirectoryAssets assets, LocalDirectoryState state)
    {
        foreach (var (path, text) in Render(data, assets, state))
            PasswordSecrets.WritePrivateFile(path, text);
    }

    /// <summary>The files and what they would hold, without writing them (a mirror's set-up checks before it changes anything).</summary>
    public static IReadOnlyList<(string Path, string Text)> Render(DataDirectory data, DirectoryAssets assets, LocalDirectoryState state)
    {
        var replicator = state.Accounts.TryGetValue(DirectoryAccounts.Replicator, out var account) ? account : null;
        return
        [
            (data.ReplicationServerFile, TemplateRenderer.Render(File.ReadAllText(assets.ReplicationServerTemplate),
                new Dictionary<string, string> { ["SERVER_ID"] = state.EffectiveServerId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                "replication-server.conf.template")),
            (data.ReplicationConfigurationFile, Database(assets, state, replicator, state.ConfigurationDn, domain: false)),
            (data.ReplicationDomainFile, Database(assets, state, replicator, state.BaseDn, domain: true)),
        ];
    }

    private static string Database(DirectoryAssets assets, LocalDirectoryState state, LocalDirectoryAccount? replicator, string suffix, bool domain)
    {
        var replicatorDn = replicator?.Dn ?? DirectoryAccounts.Dn(DirectoryAccounts.Replicator,
            new Core.Naming.ConfigurationPartition(Core.Naming.DomainName.Parse(state.Domain), Core.Naming.OrganizationName.Parse(state.Organization)));
        var sources = new StringBuilder();
        var providers = state.KnownPeers.Where(p => p.Role == ReplicaRole.Provider).OrderBy(p => p.ServerId).ToList();
        if (state.EffectiveRole != ReplicaRole.Standalone && providers.Count > 0)
        {
            if (replicator is null)
                throw new LocalDirectoryException($"The directory in {state.Url} has no replicator account in its casdir.json; it cannot replicate.");
            var password = File.ReadAllText(replicator.PasswordFile).Trim();
            foreach (var provider in providers)
            {
                var url = provider.LdapsUrl ?? throw new LocalDirectoryException($"{provider.DataDirectory} has no LDAPS port; replication runs over LDAPS only.");
                sources.Append(TemplateRenderer.Render(File.ReadAllText(assets.ReplicationSyncreplTemplate), new Dictionary<string, string>
                {
                    ["RID"] = Rid(domain, provider.ServerId).ToString("000", System.Globalization.CultureInfo.InvariantCulture),
                    ["PROVIDER_URL"] = url,
                    ["REPLICATOR_DN"] = replicatorDn,
                    ["REPLICATOR_PASSWORD"] = password,
                    ["SEARCH_BASE"] = suffix,
                    ["COMPUTED_ATTRIBUTES"] = string.Join(",", ComputedAttributes),
                    ["PEER_CA_FILE"] = state.CaFile ?? throw new LocalDirectoryException("The directory has no CA; replication runs over LDAPS only."),
                }, "replication-syncrepl.conf.template"));
            }
            if (state.EffectiveRole == ReplicaRole.Provider)
                sources.Append(File.ReadAllText(assets.ReplicationProviderTemplate));
            else
            {
                foreach (var provider in providers)
                    sources.Append(TemplateRenderer.Render(File.ReadAllText(assets.ReplicationConsumerTemplate),
                        new Dictionary<string, string> { ["PROVIDER_URL"] = provider.Url }, "replication-consumer.conf.template"));
            }
        }
        else
        {
            sources.Append("# (standalone: no provider)\n");
        }
        return TemplateRenderer.Render(File.ReadAllText(assets.ReplicationDatabaseTemplate), new Dictionary<string, string>
        {
            ["REPLICATOR_DN"] = replicatorDn,
            ["REPLICATION_SOURCES"] = sources.ToString().TrimEnd('\n'),
        }, "replication-database.conf.template");
    }

    /// <summary>
    /// slapd.conf of a directory made before replication, with the include lines today's template has: the global one
    /// after the modules (and syncprov loaded), each database's right after its directory and maxsize lines, so the
    /// replicator's rule comes before the database's own.
    /// </summary>
    public static string AddIncludes(string slapdConf, DataDirectory data)
    {
        var lines = slapdConf.Split('\n').ToList();
        var lastModule = lines.FindLastIndex(l => l.StartsWith("moduleload", StringComparison.Ordinal));
        if (lastModule < 0)
            throw new LocalDirectoryException($"{data.ConfigFile} loads no modules: it is not a slapd.conf casdir made.");
        var global = new List<string>();
        if (!lines.Any(l => l.StartsWith("moduleload", StringComparison.Ordinal) && l.TrimEnd().EndsWith("syncprov", StringComparison.Ordinal)))
            global.Add("moduleload      syncprov");
        global.Add($"include         {data.ReplicationServerFile}");
        lines.InsertRange(lastModule + 1, global);
        foreach (var (folder, include) in new[] { ("config", data.ReplicationConfigurationFile), ("domain", data.ReplicationDomainFile) })
        {
            var directory = lines.FindIndex(l => l.StartsWith("directory", StringComparison.Ordinal) && l.TrimEnd().EndsWith(Path.Combine(data.DatabasesDirectory, folder), StringComparison.Ordinal));
            if (directory < 0)
                throw new LocalDirectoryException($"{data.ConfigFile} has no database in {Path.Combine(data.DatabasesDirectory, folder)}: it is not a slapd.conf casdir made.");
            var at = directory + 1;
            while (at < lines.Count && lines[at].StartsWith("maxsize", StringComparison.Ordinal))
                at++;
            lines.Insert(at, $"include         {include}");
        }
        return string.Join('\n', lines);
    }
}
