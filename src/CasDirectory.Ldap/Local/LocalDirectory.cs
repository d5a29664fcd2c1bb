using System.Diagnostics;
using System.Security.Cryptography;
using System.Net;
using System.Net.Sockets;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Security;
using CasDirectory.Ldap.Connection;

namespace CasDirectory.Ldap.Local;

/// <summary>
/// A directory of our own on this machine: slapd on 127.0.0.1 with the CasDirectory schema, overlays and
/// accounts, its files in one folder (DataDirectory). Used by <c>casdir up/down/status</c> and by the tests.
/// </summary>
public static partial class LocalDirectory
{
    /// <summary>What <see cref="Up"/> did.</summary>
    public enum UpOutcome { Created, Started, AlreadyRunning }

    /// <summary>
    /// Creates the directory if the folder is new or empty, and starts its slapd unless one already serves the folder
    /// (<see cref="UpOutcome.AlreadyRunning"/>). Holds the folder's <see cref="DataDirectoryLock"/> throughout: an up or
    /// down already holding it makes this one fail at once, busy, having changed nothing.
    /// </summary>
    public static (UpOutcome Outcome, LocalDirectoryStatus Status) Up(LocalDirectoryOptions options)
    {
        var data = new DataDirectory(options.DataDirectory);
        var slapd = SlapdInstallation.Locate(options.SlapdSearchPath);
        if (options.MirrorOf is not null || options.ConsumerOf.Count > 0)
            return UpReplica(data, slapd, options);
        if (!data.Exists)
        {
            // Bad input and someone else's folder are refused before the lock file is made there. A folder with the
            // lock file is casdir's: another up may be filling it, and the lock decides (PrepareEmptyFolder checks again).
            ParsePartition(options);
            CheckSample(options);
            if (!File.Exists(Path.Combine(data.Root, DataDirectoryLock.LockFileName)))
                RefuseFolderOfOtherFiles(data);
        }
        using var held = DataDirectoryLock.Acquire(data, "up");
        return UpHoldingLock(data, slapd, options);
    }

    private static (UpOutcome Outcome, LocalDirectoryStatus Status) UpHoldingLock(DataDirectory data, SlapdInstallation slapd, LocalDirectoryOptions options)
    {
        if (data.Exists)
        {
            var state = LocalDirectoryState.Load(data);
            RefuseChangedIdentity(state, options);
            if (SlapdProcess.Serving(data.ConfigFile, data.PidFile) is [var pid, ..])
                return (UpOutcome.AlreadyRunning, new LocalDirectoryStatus(data.Root, true, pid, state));
            // A replicated server keeps its ports: its peers' configurations name them.
            if (state.EffectiveRole != ReplicaRole.Standalone && ((options.Port is { } asked && asked != state.Port) || (options.LdapsPort is { } askedLdaps && askedLdaps != state.LdapsPort)))
                throw LocalDirectoryException.InvalidInput($"The directory in {data.Root} replicates ({state.EffectiveRole}) and keeps its ports ({state.Port}, LDAPS {state.LdapsPort}): its peers replicate from them.");
            var port = ChoosePort(options.Port ?? state.Port, explicitlyChosen: true,
                hint: options.Port is null ? $" (the port {data.Root} was created with; pass --port to use another)" : "");
            state = state with { Port = port, Url = DirectoryEndpoint.Loopback(port).Url };
            if (state.LdapsPort is { } previous)
            {
                // Renewed here, before slapd reads it: a certificate near expiry or without a --hostname name is re-issued.
                data.Certificates.EnsureCurrent(options.HostNames, DateTimeOffset.UtcNow);
                var ldapsPort = options.LdapsPort is { } chosen ? ChoosePort(chosen, explicitlyChosen: true, hint: "")
                    : state.EffectiveRole != ReplicaRole.Standalone ? ChoosePort(previous, explicitlyChosen: true, hint: " (its LDAPS port, which its peers replicate from)")
                    : port != previous && IsFree(previous) ? previous : ChooseLdapsPort(port, explicitlyChosen: true);
                state = state with { LdapsPort = ldapsPort, LdapsUrl = DirectoryEndpoint.LoopbackSecure(ldapsPort).Url };
            }
            state.Save(data);
            return (UpOutcome.Started, Start(data, slapd, state, options.StartTimeout));
        }

        var partition = ParsePartition(options);
        var sample = CheckSample(options);
        PrepareEmptyFolder(data);
        var chosenPort = ChoosePort(options.Port ?? LocalDirectoryOptions.DefaultPort, explicitlyChosen: options.Port is not null, hint: "");
        var chosenLdapsPort = options.LdapsPort is { } ldaps ? ChoosePort(ldaps, explicitlyChosen: true, hint: "") : ChooseLdapsPort(chosenPort, options.Port is not null);
        try
        {
            var state = Create(data, slapd, options.Assets, partition, sample, chosenPort, chosenLdapsPort, options.HostNames);
            return (UpOutcome.Created, Start(data, slapd, state, options.StartTimeout));
        }
        catch
        {
            RemoveCreatedFiles(data);
            throw;
        }
    }

    /// <summary>
    /// Recovering the access log (README): stops slapd if it runs, removes the cn=accesslog database's files (the log
    /// only; the configuration and accounts stay), and starts slapd again, which makes an empty log. A service
    /// following it reconciles in full when it reconnects, so nothing the lost records said is missed.
    /// </summary>
    public static LocalDirectoryStatus RepairAccessLog(string dataDirectory)
    {
        var data = RequireExisting(dataDirectory);
        using var held = DataDirectoryLock.Acquire(data, "repair-accesslog");
        StopServing(data);
        var folder = data.DatabaseDirectories.Single(d => Path.GetFileName(d) == "accesslog");
        foreach (var file in Directory.GetFiles(folder))
            File.Delete(file);
        var options = new LocalDirectoryOptions { DataDirectory = dataDirectory };
        return UpHoldingLock(data, SlapdInstallation.Locate(options.SlapdSearchPath), options).Status;
    }

    /// <summary>Whether the directory's slapd loads casdir-guard (directories made before it existed do not).</summary>
    public static bool HasGuard(string dataDirectory)
    {
        var data = new DataDirectory(dataDirectory);
        return File.Exists(data.ConfigFile) && File.ReadAllText(data.ConfigFile).Contains("casdir_guard_init", StringComparison.Ordinal);
    }

    /// <summary>
    /// Stops every slapd serving the folder, found by its command line, not only the one its pid file names (a
    /// deleted or stale pid file must not leave a slapd behind). Returns false if none ran. Busy while an up holds it.
    /// </summary>
    public static bool Down(string dataDirectory)
    {
        var data = RequireExisting(dataDirectory);
        using var held = DataDirectoryLock.Acquire(data, "down");
        return StopServing(data);
    }

    private static bool StopServing(DataDirectory data)
    {
        var serving = SlapdProcess.Serving(data.ConfigFile, data.PidFile);
        foreach (var pid in serving)
            SlapdProcess.Stop(pid, TimeSpan.FromSeconds(15));
        return serving.Count > 0;
    }

    /// <summary>
    /// Whether a slapd serves the folder (found as <see cref="Down"/> finds it) and answers. Takes no lock: a status
    /// never makes an up or down busy.
    /// </summary>
    public static LocalDirectoryStatus Status(string dataDirectory)
    {
        var data = RequireExisting(dataDirectory);
        var state = LocalDirectoryState.Load(data);
        int? pid = SlapdProcess.Serving(data.ConfigFile, data.PidFile) is [var first, ..] ? first : null;
        var admin = state.Accounts[DirectoryAccounts.Admin];
        var answering = pid is not null && RootDse.TryProbe(DirectoryEndpoint.Parse(state.Url),
            DirectoryCredential.FromPasswordFile(admin.Dn, admin.PasswordFile), out _);
        return new LocalDirectoryStatus(data.Root, answering, pid, state)
        {
            PidFileIsStale = pid is not null && SlapdProcess.PidFileValue(data.PidFile) != pid,
        };
    }

    private static DataDirectory RequireExisting(string dataDirectory)
    {
        var data = new DataDirectory(dataDirectory);
        if (!data.Exists)
            throw new LocalDirectoryException($"{data.Root} holds no CasDirectory directory. Create one with: casdir up --data {dataDirectory}");
        return data;
    }

    private static ConfigurationPartition ParsePartition(LocalDirectoryOptions options)
    {
        if (!DomainName.TryParse(options.Domain ?? ConfigurationPartition.Default.Domain.Value, out var domain, out var domainError))
            throw LocalDirectoryException.InvalidInput(domainError);
        if (!OrganizationName.TryParse(options.Organization ?? ConfigurationPartition.Default.Organization.Value, out var org, out var orgError))
            throw LocalDirectoryException.InvalidInput(orgError);
        return new ConfigurationPartition(domain, org);
    }

    private static string? CheckSample(LocalDirectoryOptions options)
    {
        if (options.Sample is null)
            return null;
        var samples = options.Assets.Samples;
        return samples.FirstOrDefault(s => string.Equals(s, options.Sample, StringComparison.OrdinalIgnoreCase))
               ?? throw LocalDirectoryException.InvalidInput($"There is no sample '{options.Sample}'. Samples: {string.Join(", ", samples)}.");
    }

    private static void RefuseChangedIdentity(LocalDirectoryState state, LocalDirectoryOptions options)
    {
        if (options.Domain is not null && !string.Equals(options.Domain, state.Domain, StringComparison.OrdinalIgnoreCase))
            throw new LocalDirectoryException($"The directory in {options.DataDirectory} is for domain {state.Domain}, not {options.Domain}. Use another --data folder for another domain.");
        if (options.Organization is not null && options.Organization != state.Organization)
            throw new LocalDirectoryException($"The directory in {options.DataDirectory} is for organisation '{state.Organization}', not '{options.Organization}'. Use another --data folder.");
        if (options.Sample is not null && !string.Equals(options.Sample, state.Sample, StringComparison.OrdinalIgnoreCase))
            throw new LocalDirectoryException($"The directory in {options.DataDirectory} already exists{(state.Sample is null ? " without a sample" : $" with sample '{state.Sample}'")}; a sample is loaded only when a directory is created.");
    }

    private static void PrepareEmptyFolder(DataDirectory data)
    {
        try
        {
            RefuseFolderOfOtherFiles(data);
            Directory.CreateDirectory(data.Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var probe = Path.Combine(data.Root, ".write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LocalDirectoryException($"Cannot write to {data.Root}: {e.Message}", e);
        }
    }

    private static void RefuseFolderOfOtherFiles(DataDirectory data)
    {
        bool holdsOtherFiles;
        try
        {
            holdsOtherFiles = Directory.Exists(data.Root) && Directory.EnumerateFileSystemEntries(data.Root).Any(IsNotTheLock);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LocalDirectoryException($"Cannot write to {data.Root}: {e.Message}", e);
        }
        if (holdsOtherFiles)
            throw new LocalDirectoryException($"{data.Root} is not empty and holds no CasDirectory directory; give an empty or new folder.");
    }

    private static bool IsNotTheLock(string path) =>
        Path.GetFileName(path) is not (DataDirectoryLock.LockFileName or DataDirectoryLock.HolderFileName);

    /// <summary>LDAPS: 6360 or the next free port; beside an explicitly chosen --port (tests, several directories), any free one.</summary>
    private static int ChooseLdapsPort(int ldapPort, bool explicitlyChosen)
    {
        if (!explicitlyChosen)
            return ChoosePort(LocalDirectoryOptions.DefaultLdapsPort, explicitlyChosen: false, hint: "");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return port == ldapPort ? ChooseLdapsPort(ldapPort, explicitlyChosen) : port;
    }

    private static int ChoosePort(int port, bool explicitlyChosen, string hint)
    {
        if (port is < 1 or > 65535)
            throw LocalDirectoryException.InvalidInput($"Port {port} is not a TCP port (1-65535).");
        if (IsFree(port))
            return port;
        if (explicitlyChosen)
            throw new LocalDirectoryException($"Port {port} on 127.0.0.1 is in use{hint}. Stop what listens there or choose another port with --port.");
        for (var candidate = port + 1; candidate < Math.Min(port + 200, 65536); candidate++)
        {
            if (IsFree(candidate))
                return candidate;
        }
        throw new LocalDirectoryException($"No free port found from {port} upwards; choose one with --port.");
    }

    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// A new server's folders (0700), our schema and casdir-guard copied in, and the template values that name slapd's
    /// paths, the folder's files and its TLS files: the same for a new directory and a new mirror or consumer.
    /// </summary>
    private static Dictionary<string, string> LayOutServer(DataDirectory data, SlapdInstallation slapd, DirectoryAssets assets, ConfigurationPartition partition)
    {
        Directory.CreateDirectory(data.AccountsDirectory, PrivateFolder);
        Directory.CreateDirectory(data.SchemaDirectory, PrivateFolder);
        foreach (var folder in data.DatabaseDirectories)
            Directory.CreateDirectory(folder, PrivateFolder);
        File.Copy(assets.SchemaFile, Path.Combine(data.SchemaDirectory, "casdirectory.schema"));
        if (!File.Exists(assets.GuardPlugin))
            throw new LocalDirectoryException($"{assets.GuardPlugin} is missing: casdir was built without its slapd plugin (a C compiler and slapi-dev are needed to build it; scripts/install-prerequisites.sh installs them).");
        File.Copy(assets.GuardPlugin, data.GuardPlugin);

        var values = TemplateValues.For(partition);
        values["SYSTEM_SCHEMA_DIR"] = slapd.SystemSchemaDirectory;
        values["MODULE_DIR"] = slapd.ModuleDirectory;
        values["SCHEMA_DIR"] = data.SchemaDirectory;
        values["RUN_DIR"] = data.SlapdDirectory;
        values["DATA_DIR"] = data.DatabasesDirectory;
        values["ROOTDSE_FILE"] = data.RootDseFile;
        values["GUARD_PLUGIN"] = data.GuardPlugin;
        values["TLS_CA_FILE"] = data.Certificates.CaCertificate;
        values["TLS_CERT_FILE"] = data.Certificates.ServerCertificate;
        values["TLS_KEY_FILE"] = data.Certificates.ServerKey;
        return values;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static LocalDirectoryState Create(DataDirectory data, SlapdInstallation slapd, DirectoryAssets assets,
        ConfigurationPartition partition, string? sample, int port, int ldapsPort, IReadOnlyList<string> hostNames)
    {
        var values = LayOutServer(data, slapd, assets, partition);
        data.Certificates.EnsureCurrent(hostNames, DateTimeOffset.UtcNow);

        // The domain's SID, random as a new domain's is; each account's is the domain's and its RID (docs/security.md,
        // "Security descriptors and SIDs"). Written once, here: casdir-guard refuses objectSid to every writer.
        var domainSid = SecurityIdentifier.NewDomain(() => BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4)));
        values["DOMAIN_SID"] = Convert.ToBase64String(domainSid.ToBinary());
        var accounts = new Dictionary<string, LocalDirectoryAccount>();
        foreach (var account in DirectoryAccounts.All)
        {
            if (account != DirectoryAccounts.Admin)
                values[account.ToUpperInvariant() + "_SID"] = Convert.ToBase64String(domainSid.Account(DirectoryAccounts.Rid(account)).ToBinary());
            var password = PasswordSecrets.Generate();
            var dn = DirectoryAccounts.Dn(account, partition);
            PasswordSecrets.WritePrivateFile(data.AccountPasswordFile(account), password);
            File.WriteAllText(data.AccountDnFile(account), dn);
            values[account.ToUpperInvariant() + "_PASSWORD_HASH"] = PasswordSecrets.HashSsha(password);
            accounts[account] = new LocalDirectoryAccount(dn, data.AccountPasswordFile(account));
        }

        var state = new LocalDirectoryState
        {
            Domain = partition.Domain.Value,
            Organization = partition.Organization.Value,
            Port = port,
            Url = DirectoryEndpoint.Loopback(port).Url,
            LdapsPort = ldapsPort,
            LdapsUrl = DirectoryEndpoint.LoopbackSecure(ldapsPort).Url,
            CaFile = data.Certificates.CaCertificate,
            BaseDn = partition.DomainDn,
            ConfigurationDn = partition.ConfigurationDn,
            Sample = sample,
            Accounts = accounts,
            Role = ReplicaRole.Standalone,
            ServerId = 1,
        };
        // Every directory replicates from birth as a provider a mirror or consumer can be attached to (docs/replication.md).
        ReplicationFiles.Write(data, assets, state);

        // slapd.conf carries the rootpw hash: private like the passwords.
        PasswordSecrets.WritePrivateFile(data.ConfigFile, TemplateRenderer.Render(File.ReadAllText(assets.SlapdConfigTemplate), values, "slapd.conf.template"));
        File.WriteAllText(data.RootDseFile, TemplateRenderer.Render(File.ReadAllText(assets.RootDseTemplate), values, "rootdse.ldif.template"));

        var (testCode, testOutput) = SlapdProcess.Run(slapd.Slaptest, ["-u", "-f", data.ConfigFile]);
        if (testCode != 0)
            throw new LocalDirectoryException($"slaptest rejected the generated configuration {data.ConfigFile}:\n{testOutput}");

        var ldif = new List<string>
        {
            TemplateRenderer.Render(File.ReadAllText(assets.BaseLdifTemplate), values, "base.ldif.template"),
            TemplateRenderer.Render(File.ReadAllText(assets.SchemaPartitionLdifTemplate), values, "schema-partition.ldif.template"),
            TemplateRenderer.Render(File.ReadAllText(assets.AccountsLdifTemplate), values, "accounts.ldif.template"),
        };
        if (sample is not null)
            ldif.Add(TemplateRenderer.Render(File.ReadAllText(assets.SampleLdifTemplate(sample)), values, $"sample-{sample}.ldif.template"));
        var (addCode, addOutput) = SlapdProcess.Run(slapd.Slapadd, ["-b", partition.DomainDn, "-f", data.ConfigFile, "-S", "1"], string.Join("\n", ldif));
        if (addCode != 0)
            throw new LocalDirectoryException($"slapadd could not load the initial tree:\n{addOutput}");

        state.Save(data);
        return state;
    }

    private static LocalDirectoryStatus Start(DataDirectory data, SlapdInstallation slapd, LocalDirectoryState state, TimeSpan timeout)
    {
        var endpoint = DirectoryEndpoint.Parse(state.Url);
        var listeners = endpoint.Url + "/" + (state.LdapsUrl is { } ldaps ? " " + ldaps + "/" : "");
        var pid = SlapdProcess.StartDetached(slapd.Slapd, ["-d", "0", "-f", data.ConfigFile, "-h", listeners], data.LogFile);

        // Probe with the admin account: only our own slapd knows its password, so a directory that
        // another process runs on the same port is never mistaken for ours.
        var admin = state.Accounts[DirectoryAccounts.Admin];
        var credential = DirectoryCredential.FromPasswordFile(admin.Dn, admin.PasswordFile);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (!SlapdProcess.IsAlive(pid))
                throw StartFailure(data, slapd, endpoint, state);
            if (RootDse.TryProbe(endpoint, credential, out _))
                return new LocalDirectoryStatus(data.Root, true, pid, state);
            Thread.Sleep(20);
        }
        SlapdProcess.Stop(pid, TimeSpan.FromSeconds(5));
        throw new LocalDirectoryException($"slapd started but did not answer at {endpoint.Url} within {timeout.TotalSeconds:0} s; see {data.LogFile}.");
    }

    private static readonly string[] StartFailureReasons =
        ["Read-only file system", "No space left on device", "Permission denied", "Disk quota exceeded", "Input/output error", "mdb_env_open", "database already in use"];

    private static string Reason(string line) =>
        line.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase) ? "its data folder is on a read-only file system"
        : line.Contains("No space left", StringComparison.OrdinalIgnoreCase) || line.Contains("quota", StringComparison.OrdinalIgnoreCase) ? "its disk is full"
        : line.Contains("Permission denied", StringComparison.OrdinalIgnoreCase) ? "it may not write its data folder"
        : "it could not open its databases";

    private static LocalDirectoryException StartFailure(DataDirectory data, SlapdInstallation slapd, DirectoryEndpoint endpoint, LocalDirectoryState state)
    {
        var log = File.Exists(data.LogFile) ? File.ReadAllText(data.LogFile).Trim() : "";
        // At -d 0 slapd says nothing when it cannot bind: another process took a port between our check and its start.
        var taken = new[] { endpoint.Port, state.LdapsPort ?? endpoint.Port }.FirstOrDefault(port => !IsFree(port));
        if (log.Contains("Address already in use", StringComparison.Ordinal) || (log.Length == 0 && taken != 0))
            return new LocalDirectoryException($"Port {(taken != 0 ? taken : endpoint.Port)} on 127.0.0.1 is in use. Stop what listens there or choose another port with --port.");
        var tail = string.Join("\n", log.Split('\n').TakeLast(15));
        // slapd's own reason first: the line that names the system error, then the whole tail.
        var reason = log.Split('\n').Select(l => l.Trim()).LastOrDefault(l => StartFailureReasons.Any(r => l.Contains(r, StringComparison.OrdinalIgnoreCase)));
        return new LocalDirectoryException(
            $"slapd stopped while starting{(reason is null ? "" : $": {Reason(reason)} ({reason})")}{(tail.Length > 0 ? ".\nIts log ends:\n" + tail : ".")}\n" +
            $"Check it by hand with: {slapd.Slapd} -d 1 -f {data.ConfigFile} -h {endpoint.Url}/");
    }

    private static void RemoveCreatedFiles(DataDirectory data)
    {
        foreach (var folder in new[] { data.AccountsDirectory, data.SlapdDirectory, data.DatabasesDirectory })
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        foreach (var file in new[] { data.StateFile, data.UrlFile })
            File.Delete(file);
    }
}
