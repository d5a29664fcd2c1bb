using System.Diagnostics;
using CasDirectory.Core.Naming;
using CasDirectory.Ldap.Connection;

namespace CasDirectory.Ldap.Local;

/// <summary>
/// <c>casdir up --mirror-of A</c> and <c>--consumer-of A</c> (docs/replication.md): a new server of an existing directory
/// on this machine, seeded by replication. Everything is checked before anything is made; a failure after that removes
/// what was made and puts the providers' files back as they were.
/// </summary>
public static partial class LocalDirectory
{
    /// <summary>At most two providers: mirror mode, one writer at a time (the front end chooses it).</summary>
    public const int MaxProviders = 2;

    private sealed record Provider(DataDirectory Data, LocalDirectoryState State);

    private static (UpOutcome Outcome, LocalDirectoryStatus Status) UpReplica(DataDirectory data, SlapdInstallation slapd, LocalDirectoryOptions options)
    {
        var mirror = options.MirrorOf is not null;
        if (mirror && options.ConsumerOf.Count > 0)
            throw LocalDirectoryException.InvalidInput("Give --mirror-of or --consumer-of, not both: a server is a provider or a consumer.");
        if (options.Sample is not null)
            throw LocalDirectoryException.InvalidInput("--sample cannot be given with --mirror-of or --consumer-of: a replica holds its provider's entries.");
        if (data.Exists)
            throw LocalDirectoryException.InvalidInput($"{data.Root} already holds a directory; --mirror-of and --consumer-of make a new one in an empty or new folder.");
        if (!File.Exists(Path.Combine(data.Root, DataDirectoryLock.LockFileName)))
            RefuseFolderOfOtherFiles(data);

        var providers = mirror ? [RequireProvider(options.MirrorOf!, data, forMirror: true)] : ResolveConsumerProviders(options.ConsumerOf, data);
        var first = providers[0].State;
        if (options.Domain is not null && !string.Equals(options.Domain, first.Domain, StringComparison.OrdinalIgnoreCase))
            throw LocalDirectoryException.InvalidInput($"{providers[0].Data.Root} is a directory for {first.Domain}; a replica has its provider's domain (leave out --domain).");
        if (options.Organization is not null && options.Organization != first.Organization)
            throw LocalDirectoryException.InvalidInput($"{providers[0].Data.Root} is for organisation '{first.Organization}'; a replica has its provider's (leave out --organization).");

        using var held = DataDirectoryLock.Acquire(data, "up");
        // The providers' folders too: no up or down may restart them while their files change.
        var providerLocks = providers.Select(p => DataDirectoryLock.Acquire(p.Data, "up")).ToList();
        try
        {
            if (data.Exists)
                throw LocalDirectoryException.InvalidInput($"{data.Root} already holds a directory; --mirror-of and --consumer-of make a new one in an empty or new folder.");
            // Checked again under the locks: another up may have given a provider its mirror between the first check and now.
            var again = mirror ? [RequireProvider(options.MirrorOf!, data, forMirror: true)] : ResolveConsumerProviders(options.ConsumerOf, data);
            if (!again.Select(p => p.Data.Root).SequenceEqual(providers.Select(p => p.Data.Root)))
                throw LocalDirectoryException.Busy($"The providers of {providers[0].Data.Root} changed while this up started (another casdir up added one); run it again.");
            providers = again.Select(p => PrepareForReplication(p, options)).ToList();
            return mirror ? MakeMirror(data, slapd, options, providers[0]) : MakeConsumer(data, slapd, options, providers);
        }
        finally
        {
            foreach (var providerLock in providerLocks)
                providerLock.Dispose();
        }
    }

    private static Provider RequireProvider(string folder, DataDirectory replica, bool forMirror)
    {
        var data = new DataDirectory(folder);
        if (!Directory.Exists(data.Root))
            throw LocalDirectoryException.InvalidInput($"{data.Root} does not exist: give the data folder of a running directory (casdir up --data FOLDER).");
        if (!data.Exists)
            throw LocalDirectoryException.InvalidInput($"{data.Root} holds no CasDirectory directory (no casdir.json).");
        if (data.Root == replica.Root)
            throw LocalDirectoryException.InvalidInput($"{data.Root} cannot replicate from itself.");
        var state = LocalDirectoryState.Load(data);
        if (state.EffectiveRole == ReplicaRole.Consumer)
            throw LocalDirectoryException.InvalidInput($"{data.Root} is a read-only consumer; {(forMirror ? "a mirror" : "a consumer")} is made from a provider ({string.Join(", ", state.KnownPeers.Where(p => p.Role == ReplicaRole.Provider).Select(p => p.DataDirectory))}).");
        if (forMirror && state.KnownPeers.Any(p => p.Role == ReplicaRole.Provider))
            throw LocalDirectoryException.InvalidInput($"{data.Root} already has a mirror ({state.KnownPeers.First(p => p.Role == ReplicaRole.Provider).DataDirectory}); a directory has at most {MaxProviders} providers. Add a read-only server with --consumer-of.");
        if (state.LdapsUrl is null || state.CaFile is null || !File.Exists(data.Certificates.CaKey))
            throw LocalDirectoryException.InvalidInput($"{data.Root} has no LDAPS listener or CA of its own; replication runs over LDAPS only.");
        if (!Status(data.Root).Running)
            throw LocalDirectoryException.InvalidInput($"{data.Root} is not running: start it first with casdir up --data {data.Root}");
        return new Provider(data, state);
    }

    /// <summary>
    /// A directory made before replication existed lacks the include files, syncprov and the replicator account: it gets
    /// them in place (slapd.conf gains three include lines, checked by slaptest, and slapd restarts), then the account over
    /// LDAP. Kept if the new replica then fails: a standalone directory with syncprov is the shape every new one has.
    /// </summary>
    private static Provider PrepareForReplication(Provider provider, LocalDirectoryOptions options)
    {
        var (data, state) = provider;
        if (!File.ReadAllText(data.ConfigFile).Contains("replication-domain.conf", StringComparison.Ordinal))
        {
            var slapd = SlapdInstallation.Locate(options.SlapdSearchPath);
            var original = File.ReadAllText(data.ConfigFile);
            var upgraded = ReplicationFiles.AddIncludes(original, data);
            state = state with { Role = state.EffectiveRole, ServerId = state.EffectiveServerId };
            ReplicationFiles.Write(data, options.Assets, state);
            PasswordSecrets.WritePrivateFile(data.ConfigFile, upgraded);
            var (code, output) = SlapdProcess.Run(slapd.Slaptest, ["-u", "-f", data.ConfigFile]);
            if (code != 0)
            {
                PasswordSecrets.WritePrivateFile(data.ConfigFile, original);
                foreach (var file in new[] { data.ReplicationServerFile, data.ReplicationConfigurationFile, data.ReplicationDomainFile })
                    File.Delete(file);
                throw new LocalDirectoryException($"{data.Root} was made by an older casdir and its slapd.conf could not be given replication (slaptest: {output.Split('\n').Last().Trim()}); recreate it to replicate it.");
            }
            state.Save(data);
            StopServing(data);
            Start(data, slapd, state, options.StartTimeout);
            options.Notice?.Invoke($"gave the directory in {data.Root} (made by an older casdir) replication's include files and restarted it");
        }
        EnsureReplicatorAccount(data, state, options);
        return new Provider(data, LocalDirectoryState.Load(data));
    }

    /// <summary>The providers a consumer reads from: those named, and the mirror of each (all of one directory).</summary>
    private static List<Provider> ResolveConsumerProviders(IReadOnlyList<string> folders, DataDirectory replica)
    {
        var named = folders.Select(f => RequireProvider(f, replica, forMirror: false)).ToList();
        var all = new List<Provider>(named);
        foreach (var provider in named)
        {
            foreach (var peer in provider.State.KnownPeers.Where(p => p.Role == ReplicaRole.Provider))
            {
                if (!all.Any(p => p.Data.Root == Path.GetFullPath(peer.DataDirectory)))
                    all.Add(RequireProvider(peer.DataDirectory, replica, forMirror: false));
            }
        }
        foreach (var provider in all.Skip(1))
        {
            if (!all[0].State.KnownPeers.Any(p => Path.GetFullPath(p.DataDirectory) == provider.Data.Root && p.Role == ReplicaRole.Provider))
                throw LocalDirectoryException.InvalidInput($"{provider.Data.Root} is not a mirror of {all[0].Data.Root}: a consumer replicates one directory.");
        }
        return all.OrderBy(p => p.State.EffectiveServerId).ToList();
    }

    /// <summary>Directories made before the replicator account existed get it over LDAP, as the admin, with the
    /// domain's SID and RID 1104, and a password file beside the others.</summary>
    private static void EnsureReplicatorAccount(DataDirectory data, LocalDirectoryState state, LocalDirectoryOptions options)
    {
        if (state.Accounts.ContainsKey(DirectoryAccounts.Replicator))
            return;
        var partition = new ConfigurationPartition(DomainName.Parse(state.Domain), OrganizationName.Parse(state.Organization));
        var admin = state.Accounts[DirectoryAccounts.Admin];
        var dn = DirectoryAccounts.Dn(DirectoryAccounts.Replicator, partition);
        var password = PasswordSecrets.Generate();
        var passwordFile = data.AccountPasswordFile(DirectoryAccounts.Replicator);
        ReplicatorAccount.Add(DirectoryEndpoint.Parse(state.Url), DirectoryCredential.FromPasswordFile(admin.Dn, admin.PasswordFile),
            dn, DirectoryAccounts.Dn(DirectoryAccounts.Provisioning, partition), PasswordSecrets.HashSsha(password));
        PasswordSecrets.WritePrivateFile(passwordFile, password);
        File.WriteAllText(data.AccountDnFile(DirectoryAccounts.Replicator), dn);
        var accounts = new Dictionary<string, LocalDirectoryAccount>(state.Accounts) { [DirectoryAccounts.Replicator] = new(dn, passwordFile) };
        (state with { Accounts = accounts }).Save(data);
        options.Notice?.Invoke($"added the replicator account {dn} to the directory in {data.Root}");
    }

    private static (UpOutcome, LocalDirectoryStatus) MakeMirror(DataDirectory data, SlapdInstallation slapd, LocalDirectoryOptions options, Provider provider)
    {
        var serverId = NextServerId([provider]);
        var consumers = provider.State.KnownPeers.Where(p => p.Role == ReplicaRole.Consumer).ToList();
        var peers = new List<LocalDirectoryPeer> { AsPeer(provider, ReplicaRole.Provider) };
        peers.AddRange(consumers);
        var (state, status) = MakeReplica(data, slapd, options, provider, ReplicaRole.Provider, serverId, peers, [provider]);

        // Mirror mode needs both directions: the provider now replicates from the mirror too. Changed only now that the
        // mirror holds what it holds, so a half-seeded mirror is never a source. Its consumers read from both.
        var me = new LocalDirectoryPeer(state.Url, state.LdapsUrl, data.Root, ReplicaRole.Provider, serverId);
        var changed = new List<(DataDirectory Data, LocalDirectoryState NewState)>
        {
            (provider.Data, provider.State with { Role = ReplicaRole.Provider, ServerId = provider.State.EffectiveServerId, Peers = [.. provider.State.KnownPeers, me] }),
        };
        foreach (var consumer in consumers)
        {
            var consumerData = new DataDirectory(consumer.DataDirectory);
            if (consumerData.Exists)
            {
                var consumerState = LocalDirectoryState.Load(consumerData);
                changed.Add((consumerData, consumerState with { Peers = [.. consumerState.KnownPeers, me] }));
            }
        }
        try
        {
            Rewire(changed, options);
        }
        catch
        {
            StopServing(data);
            RemoveReplicaFiles(data);
            throw;
        }
        return (UpOutcome.Created, status with { State = state });
    }

    private static (UpOutcome, LocalDirectoryStatus) MakeConsumer(DataDirectory data, SlapdInstallation slapd, LocalDirectoryOptions options, List<Provider> providers)
    {
        var serverId = NextServerId(providers);
        var peers = providers.Select(p => AsPeer(p, ReplicaRole.Provider)).ToList();
        var (state, status) = MakeReplica(data, slapd, options, providers[0], ReplicaRole.Consumer, serverId, peers, providers);
        // The providers only record the consumer (for casdir status): their slapd serves it as it is.
        var me = new LocalDirectoryPeer(state.Url, state.LdapsUrl, data.Root, ReplicaRole.Consumer, serverId);
        foreach (var provider in providers)
        {
            var current = LocalDirectoryState.Load(provider.Data);
            (current with { Role = ReplicaRole.Provider, ServerId = current.EffectiveServerId, Peers = [.. current.KnownPeers, me] }).Save(provider.Data);
        }
        return (UpOutcome.Created, status with { State = state });
    }

    /// <summary>The lowest serverID no server of the directory has (a removed one's number is not reused while recorded).</summary>
    private static int NextServerId(IEnumerable<Provider> providers)
    {
        var taken = providers.SelectMany(p => p.State.KnownPeers.Select(peer => peer.ServerId).Append(p.State.EffectiveServerId)).ToHashSet();
        var id = 1;
        while (taken.Contains(id))
            id++;
        return id;
    }

    private static LocalDirectoryPeer AsPeer(Provider provider, string role) =>
        new(provider.State.Url, provider.State.LdapsUrl, provider.Data.Root, role, provider.State.EffectiveServerId);

    /// <summary>Makes the replica's files from the provider's (accounts, CA, identity), starts it with empty databases and
    /// waits until replication has filled them. Removes everything it made if any step fails.</summary>
    private static (LocalDirectoryState, LocalDirectoryStatus) MakeReplica(DataDirectory data, SlapdInstallation slapd, LocalDirectoryOptions options,
        Provider source, string role, int serverId, IReadOnlyList<LocalDirectoryPeer> peers, IReadOnlyList<Provider> providers)
    {
        PrepareEmptyFolder(data);
        var port = ChoosePort(options.Port ?? LocalDirectoryOptions.DefaultPort, explicitlyChosen: options.Port is not null, hint: "");
        var ldapsPort = options.LdapsPort is { } ldaps ? ChoosePort(ldaps, explicitlyChosen: true, hint: "") : ChooseLdapsPort(port, explicitlyChosen: true);
        try
        {
            var partition = new ConfigurationPartition(DomainName.Parse(source.State.Domain), OrganizationName.Parse(source.State.Organization));
            var values = LayOutServer(data, slapd, options.Assets, partition);

            // The provider's CA: the servers check each other's certificates against it, and clients trust one CA for all.
            var certificates = data.Certificates;
            Directory.CreateDirectory(certificates.Folder, PrivateFolder);
            PasswordSecrets.WritePrivateFile(certificates.CaKey, File.ReadAllText(source.Data.Certificates.CaKey));
            AtomicFile.Write(certificates.CaCertificate, File.ReadAllText(source.Data.Certificates.CaCertificate));
            certificates.EnsureCurrent(options.HostNames, DateTimeOffset.UtcNow);

            // The same accounts with the same passwords: the entries replicate, the password files are copied.
            var accounts = new Dictionary<string, LocalDirectoryAccount>();
            foreach (var (name, account) in source.State.Accounts)
            {
                PasswordSecrets.WritePrivateFile(data.AccountPasswordFile(name), File.ReadAllText(account.PasswordFile));
                File.WriteAllText(data.AccountDnFile(name), account.Dn);
                accounts[name] = new LocalDirectoryAccount(account.Dn, data.AccountPasswordFile(name));
            }

            values["ADMIN_PASSWORD_HASH"] = PasswordSecrets.HashSsha(File.ReadAllText(accounts[DirectoryAccounts.Admin].PasswordFile).Trim());

            var state = new LocalDirectoryState
            {
                Domain = source.State.Domain,
                Organization = source.State.Organization,
                Port = port,
                Url = DirectoryEndpoint.Loopback(port).Url,
                LdapsPort = ldapsPort,
                LdapsUrl = DirectoryEndpoint.LoopbackSecure(ldapsPort).Url,
                CaFile = certificates.CaCertificate,
                BaseDn = source.State.BaseDn,
                ConfigurationDn = source.State.ConfigurationDn,
                Accounts = accounts,
                Role = role,
                ServerId = serverId,
                Peers = peers,
            };
            ReplicationFiles.Write(data, options.Assets, state);
            PasswordSecrets.WritePrivateFile(data.ConfigFile, TemplateRenderer.Render(File.ReadAllText(options.Assets.SlapdConfigTemplate), values, "slapd.conf.template"));
            File.WriteAllText(data.RootDseFile, TemplateRenderer.Render(File.ReadAllText(options.Assets.RootDseTemplate), values, "rootdse.ldif.template"));
            var (testCode, testOutput) = SlapdProcess.Run(slapd.Slaptest, ["-u", "-f", data.ConfigFile]);
            if (testCode != 0)
                throw new LocalDirectoryException($"slaptest rejected the generated configuration {data.ConfigFile}:\n{testOutput}");
            state.Save(data);

            Start(data, slapd, state, options.StartTimeout);
            WaitForReplication(data, state, providers, options.ReplicationTimeout);
            // casdir-guard reads the schema partition's classes once, at the first search, which found an empty
            // database: restarted, it reads them again and gives the replicated entries their objectCategory.
            StopServing(data);
            var status = Start(data, slapd, state, options.StartTimeout);
            return (state, status);
        }
        catch
        {
            StopServing(data);
            RemoveReplicaFiles(data);
            throw;
        }
    }

    /// <summary>Waits until the replica's contextCSN of both replicated databases covers each provider's. Covers, not
    /// equals: while both of a new replica's consumers refresh at once, slapd can give the glued configuration database
    /// the domain database's newer CSN, and the provider's own value catches up only at its next write there.</summary>
    private static void WaitForReplication(DataDirectory data, LocalDirectoryState state, IReadOnlyList<Provider> providers, TimeSpan timeout)
    {
        var admin = state.Accounts[DirectoryAccounts.Admin];
        var credential = DirectoryCredential.FromPasswordFile(admin.Dn, admin.PasswordFile);
        var clock = Stopwatch.StartNew();
        var last = "";
        while (true)
        {
            var behind = new List<string>();
            foreach (var suffix in new[] { state.ConfigurationDn, state.BaseDn })
            {
                var mine = ChangeSequence.TryRead(state.Url, credential, suffix);
                foreach (var provider in providers)
                {
                    var theirs = ChangeSequence.TryRead(provider.State.Url, credential, suffix);
                    if (mine is null || theirs is null || theirs.Csns.Count == 0 || !mine.Covers(theirs))
                        behind.Add($"{suffix}: {mine?.ToString() ?? "(no answer)"} here, {theirs?.ToString() ?? "(no answer)"} at {provider.State.Url}");
                }
            }
            if (behind.Count == 0)
                return;
            last = string.Join("; ", behind);
            if (clock.Elapsed > timeout)
                throw new LocalDirectoryException($"The new replica in {data.Root} did not catch up with its provider within {timeout.TotalSeconds:0} s ({last}); " +
                    $"see {data.LogFile}. Nothing was kept.");
            Thread.Sleep(100);
        }
    }

    /// <summary>Rewrites the servers' casdir.json and include files and restarts those that run; on failure puts every
    /// file back and restarts again, so the directory is as it was.</summary>
    private static void Rewire(IReadOnlyList<(DataDirectory Data, LocalDirectoryState NewState)> changes, LocalDirectoryOptions options)
    {
        var slapd = SlapdInstallation.Locate(options.SlapdSearchPath);
        var backups = changes.Select(c => (c.Data, Files: new[] { c.Data.StateFile, c.Data.UrlFile, c.Data.ReplicationServerFile, c.Data.ReplicationConfigurationFile, c.Data.ReplicationDomainFile }
            .Where(File.Exists).Select(f => (Path: f, Text: File.ReadAllText(f))).ToList())).ToList();
        var restarted = new List<DataDirectory>();
        try
        {
            foreach (var (changedData, newState) in changes)
            {
                ReplicationFiles.Write(changedData, options.Assets, newState);
                newState.Save(changedData);
                if (SlapdProcess.Serving(changedData.ConfigFile, changedData.PidFile).Count > 0)
                {
                    StopServing(changedData);
                    restarted.Add(changedData);
                    Start(changedData, slapd, newState, options.StartTimeout);
                    options.Notice?.Invoke($"restarted the directory in {changedData.Root}: it now replicates from {string.Join(", ", newState.KnownPeers.Where(p => p.Role == ReplicaRole.Provider).Select(p => p.DataDirectory))}");
                }
            }
        }
        catch
        {
            foreach (var (backupData, files) in backups)
            {
                foreach (var (path, text) in files)
                    AtomicFile.Write(path, text, isPrivate: true);
            }
            foreach (var restartedData in restarted)
            {
                StopServing(restartedData);
                Start(restartedData, slapd, LocalDirectoryState.Load(restartedData), options.StartTimeout);
            }
            throw;
        }
    }

    private static void RemoveReplicaFiles(DataDirectory data)
    {
        RemoveCreatedFiles(data);
        if (Directory.Exists(data.Certificates.Folder))
            Directory.Delete(data.Certificates.Folder, recursive: true);
    }
}
