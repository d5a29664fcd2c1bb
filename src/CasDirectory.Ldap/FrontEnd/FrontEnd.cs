using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Local;

namespace CasDirectory.Ldap.FrontEnd;

/// <summary>
/// <c>casdir frontend</c>: an haproxy in front of a replicated directory (docs/replication.md, "The front end"). Its write
/// endpoint sends every connection to ONE provider, the first that is up, and sticks to it: after a failover it stays on
/// the new writer even when the old one returns, until <see cref="FailBack"/>. Its read endpoint balances over the consumers.
/// The configuration is haproxy/haproxy.cfg.template rendered into FE/haproxy.cfg.
/// </summary>
public static class FrontEnd
{
    public const string WriterTable = "writer_ldap";
    private static readonly string[] WriterBackends = ["writer_ldap", "writer_ldaps"];

    public static string Template => Path.Combine(AppContext.BaseDirectory, "assets", "haproxy", "haproxy.cfg.template");

    /// <summary>Renders, checks and starts the front end; with no providers given, starts the one FE already records.</summary>
    public static FrontEndState Start(FrontEndOptions options)
    {
        var folder = Path.GetFullPath(options.Folder);
        Haproxy.Binary(); // a missing haproxy is said first, before anything is written
        if (options.Providers.Count == 0)
        {
            if (!FrontEndState.IsIn(folder))
                throw new FrontEndException($"{folder} holds no front end: name its providers, e.g. casdir frontend --data {options.Folder} --providers A,B", isUsage: true);
            var recorded = FrontEndState.Load(folder);
            if (Haproxy.RunningPid(recorded.PidFile) is null)
            {
                Haproxy.Check(recorded.ConfigFile);
                Haproxy.Start(recorded.ConfigFile);
                // The stick entry died with the old haproxy: the writer it named gets the writes again, not the first
                // provider (which may not have caught up). Fail back explicitly with --fail-back.
                var index = recorded.Providers.ToList().FindIndex(p => p.Name == recorded.Writer);
                if (index > 0)
                    Haproxy.Ask(recorded.StatsSocket, $"set table {WriterTable} key 1 data.server_id {index + 1}");
            }
            return recorded;
        }
        if (FrontEndState.IsIn(folder) && Haproxy.RunningPid(FrontEndState.Load(folder).PidFile) is { } pid)
            throw new FrontEndException($"The front end in {folder} is running (haproxy pid {pid}): stop it first (casdir frontend --data {options.Folder} --stop).");
        if (options.Providers.Count < 2)
            throw new FrontEndException("--providers needs two data folders (a provider and its mirror: casdir up --mirror-of), such as --providers A,B.", isUsage: true);
        var all = options.Providers.Concat(options.Consumers).Select(Path.GetFullPath).ToList();
        if (all.GroupBy(f => f).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new FrontEndException($"{twice.Key} is named twice: each provider and consumer once.", isUsage: true);
        if (all.Contains(folder))
            throw new FrontEndException($"--data {options.Folder} is one of the directories behind the front end: give the front end a folder of its own.", isUsage: true);
        var providers = options.Providers.Select((f, i) => Member(f, $"provider{i + 1}", ReplicaRole.Provider)).ToList();
        var consumers = options.Consumers.Select((f, i) => Member(f, $"consumer{i + 1}", ReplicaRole.Consumer)).ToList();
        var providerStates = options.Providers.Select(f => LocalDirectoryState.Load(new DataDirectory(f))).ToList();
        if (providerStates.Any(s => s.LdapsPort is null))
            throw new FrontEndException("Every provider must serve LDAPS (casdir up of this version does): the write endpoint passes TLS through.");
        var caFiles = providerStates.Select(s => s.CaFile is { } ca && File.Exists(ca) ? File.ReadAllText(ca) : "").Distinct().Count();
        if (caFiles > 1)
            throw new FrontEndException("The providers' certificates come from different CAs: a client of the LDAPS endpoint would refuse the mirror after a failover. " +
                                        "Make the mirror with casdir up --mirror-of (it shares the first provider's CA).");

        var ports = new[] { options.Port, options.LdapsPort, options.ReadPort };
        foreach (var port in ports.OfType<int>())
            if (port is < 1 or > 65535)
                throw new FrontEndException($"Port {port} is not between 1 and 65535.", isUsage: true);
        if (ports.OfType<int>().GroupBy(p => p).FirstOrDefault(g => g.Count() > 1) is { } samePort)
            throw new FrontEndException($"Port {samePort.Key} is given twice: the write, LDAPS and read endpoints each need their own.", isUsage: true);
        var taken = new HashSet<int>(ports.OfType<int>());
        int Choose(int? given) => given is { } p ? (IsFree(p) ? p : throw new FrontEndException($"Port {p} on 127.0.0.1 is in use: choose another.")) : FreePort(taken);
        var (writePort, ldapsPort, readPort) = (Choose(options.Port), Choose(options.LdapsPort), Choose(options.ReadPort));

        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var state = new FrontEndState
        {
            WriteUrl = $"ldap://127.0.0.1:{writePort}",
            WriteLdapsUrl = $"ldaps://127.0.0.1:{ldapsPort}",
            ReadUrl = $"ldap://127.0.0.1:{readPort}",
            CaFile = providerStates[0].CaFile,
            Providers = providers,
            Consumers = consumers,
            ConfigFile = Path.Combine(folder, "haproxy.cfg"),
            PidFile = Path.Combine(folder, "haproxy.pid"),
            StatsSocket = Path.Combine(folder, "haproxy.sock"),
        };
        AtomicFile.Write(state.ConfigFile, Render(state, writePort, ldapsPort, readPort), isPrivate: true);
        Haproxy.Check(state.ConfigFile);
        Haproxy.Start(state.ConfigFile);
        state.Save(folder);
        return state;
    }

    /// <summary>haproxy.cfg for <paramref name="state"/>: the template with its placeholders filled.</summary>
    public static string Render(FrontEndState state, int writePort, int ldapsPort, int readPort)
    {
        if (!File.Exists(Template))
            throw new FrontEndException($"The haproxy template {Template} is missing from casdir's files.");
        string Port(string url) => url[(url.LastIndexOf(':') + 1)..];
        var ldap = new StringBuilder();
        var ldaps = new StringBuilder();
        var readers = new StringBuilder();
        for (var i = 0; i < state.Providers.Count; i++)
        {
            var p = state.Providers[i];
            // Explicit ids: the LDAPS backend reads the LDAP backend's stick table, which stores a server's id.
            ldap.Append($"    server {p.Name} 127.0.0.1:{Port(p.Url)} id {i + 1} check\n");
            ldaps.Append($"    server {p.Name} 127.0.0.1:{Port(p.LdapsUrl!)} id {i + 1} track writer_ldap/{p.Name}\n");
            readers.Append($"    server {p.Name} 127.0.0.1:{Port(p.Url)} check{(state.Consumers.Count > 0 ? " backup" : "")}\n");
        }
        foreach (var c in state.Consumers)
            readers.Append($"    server {c.Name} 127.0.0.1:{Port(c.Url)} check\n");
        var values = new Dictionary<string, string>
        {
            ["PID_FILE"] = state.PidFile,
            ["STATS_SOCKET"] = state.StatsSocket,
            ["BIND_ADDRESS"] = "127.0.0.1",
            ["WRITE_PORT"] = writePort.ToString(CultureInfo.InvariantCulture),
            ["WRITE_LDAPS_PORT"] = ldapsPort.ToString(CultureInfo.InvariantCulture),
            ["READ_PORT"] = readPort.ToString(CultureInfo.InvariantCulture),
            ["PROVIDER_LDAP_SERVERS"] = ldap.ToString().TrimEnd('\n'),
            ["PROVIDER_LDAPS_SERVERS"] = ldaps.ToString().TrimEnd('\n'),
            ["READER_SERVERS"] = readers.ToString().TrimEnd('\n'),
        };
        var text = File.ReadAllText(Template);
        foreach (var (name, value) in values)
            text = text.Replace("{{" + name + "}}", value, StringComparison.Ordinal);
        return text;
    }

    /// <summary>Stops the front end's haproxy; false when it was not running.</summary>
    public static bool Stop(string folder)
    {
        if (Haproxy.RunningPid(Recorded(folder).PidFile) is not null)
            Status(folder); // records the writer, for the next start
        var state = Recorded(folder);
        var stopped = Haproxy.Stop(state.PidFile);
        File.Delete(state.StatsSocket);
        return stopped;
    }

    /// <summary>Which provider holds the write endpoint, and every server's health, from the admin socket.</summary>
    public static FrontEndStatus Status(string folder)
    {
        var state = Recorded(folder);
        var pid = Haproxy.RunningPid(state.PidFile);
        if (pid is null)
            return new FrontEndStatus(state, null, null, false, new Dictionary<string, string>());
        var health = new Dictionary<string, string>();
        foreach (var line in Haproxy.Ask(state.StatsSocket, "show stat").Split('\n'))
        {
            var fields = line.Split(',');
            if (fields.Length > 17 && fields[0] is "writer_ldap" or "readers" && fields[1] is not ("BACKEND" or "FRONTEND"))
                health.TryAdd(fields[1], fields[17]);
        }
        var table = Haproxy.Ask(state.StatsSocket, $"show table {WriterTable}");
        var id = table.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(t => t.StartsWith("server_id=", StringComparison.Ordinal)) is { } field
                 && int.TryParse(field["server_id=".Length..], CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        var sticky = id is { } i && i >= 1 && i <= state.Providers.Count && health.GetValueOrDefault(state.Providers[i - 1].Name, "").StartsWith("UP", StringComparison.Ordinal);
        // Without a (live) stick entry, balance first gives the next connection to the first provider that is up.
        var writer = sticky ? state.Providers[id!.Value - 1]
            : state.Providers.FirstOrDefault(p => health.GetValueOrDefault(p.Name, "").StartsWith("UP", StringComparison.Ordinal));
        if (sticky && writer!.Name != state.Writer)
        {
            state = state with { Writer = writer.Name };
            state.Save(folder);
        }
        return new FrontEndStatus(state, pid, writer, sticky, health);
    }

    /// <summary>
    /// Fail back: gives the write endpoint to the first provider again, once it holds everything the current writer has
    /// (its contextCSN covers the writer's, in both replicated naming contexts). The current writer is put in maintenance
    /// while its sessions are cut and the stick entry is cleared, so no connection reaches it meanwhile: never two writers.
    /// </summary>
    public static FrontEndStatus FailBack(string folder, TimeSpan catchUp)
    {
        var status = Status(folder);
        if (!status.Running)
            throw new FrontEndException($"The front end in {Path.GetFullPath(folder)} is not running: start it with casdir frontend --data {folder}.");
        var first = status.State.Providers[0];
        if (!status.Health.GetValueOrDefault(first.Name, "").StartsWith("UP", StringComparison.Ordinal))
            throw new FrontEndException($"{first.Name} ({first.Folder}) is not up ({status.Health.GetValueOrDefault(first.Name, "unknown")}): start it (casdir up --data {first.Folder}) and fail back once it answers.");
        if (status.Writer is not { } current || current == first)
            return status; // the first provider holds it (or gets the next connection) already
        WaitCaughtUp(first, current, catchUp);
        var socket = status.State.StatsSocket;
        foreach (var backend in WriterBackends)
            Haproxy.Ask(socket, $"disable server {backend}/{current.Name}");
        try
        {
            foreach (var backend in WriterBackends)
                Haproxy.Ask(socket, $"shutdown sessions server {backend}/{current.Name}");
            Haproxy.Ask(socket, $"clear table {WriterTable}");
        }
        finally
        {
            foreach (var backend in WriterBackends)
                Haproxy.Ask(socket, $"enable server {backend}/{current.Name}");
        }
        return Status(folder);
    }

    private static void WaitCaughtUp(FrontEndMember target, FrontEndMember writer, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        string behind;
        while (true)
        {
            behind = Behind(target, writer);
            if (behind.Length == 0)
                return;
            if (DateTime.UtcNow > deadline)
                break;
            Thread.Sleep(200);
        }
        throw new FrontEndException($"{target.Name} ({target.Folder}) has not caught up with the writer {writer.Name} ({behind}) within {limit.TotalSeconds:0} s: " +
                                    "the writer stays. Try again once replication has caught up (casdir status --data shows each server's contextCSN).");
    }

    /// <summary>What <paramref name="target"/> lacks of <paramref name="writer"/>'s changes (empty: nothing).</summary>
    private static string Behind(FrontEndMember target, FrontEndMember writer)
    {
        using var t = Session(target);
        using var w = Session(writer);
        var rootDse = w.Read("", "configurationNamingContext", "defaultNamingContext");
        foreach (var context in new[] { "configurationNamingContext", "defaultNamingContext" }.Select(a => rootDse?.Attributes[a]?[0] as string).OfType<string>())
        {
            var wanted = ChangeSequenceNumber.ByServer(Csns(w, context));
            if (!ChangeSequenceNumber.Covers(ChangeSequenceNumber.ByServer(Csns(t, context)), wanted))
                return $"{context}: it lacks changes up to {string.Join(", ", wanted.Values)}";
        }
        return "";
    }

    private static IEnumerable<string> Csns(DirectorySession session, string context) =>
        session.Read(context, "contextCSN")?.Attributes["contextCSN"]?.GetValues(typeof(string)).Cast<string>() ?? [];

    private static DirectorySession Session(FrontEndMember member)
    {
        var (endpoint, credential) = DirectoryTarget.Resolve(null, member.Folder, DirectoryAccounts.Admin);
        return new DirectorySession(endpoint with { Durable = null }, credential, maxRetries: 1);
    }

    private static FrontEndState Recorded(string folder) =>
        FrontEndState.IsIn(folder) ? FrontEndState.Load(folder)
        : throw new FrontEndException($"{Path.GetFullPath(folder)} holds no front end (no {FrontEndState.FileName}): start one with casdir frontend --data {folder} --providers A,B.", isUsage: true);

    private static FrontEndMember Member(string folder, string name, string expectedRole)
    {
        var data = new DataDirectory(folder);
        if (!data.Exists)
            throw new FrontEndException($"{data.Root} holds no CasDirectory directory: make it with casdir up --data {folder}{(expectedRole == ReplicaRole.Provider ? " (--mirror-of A for the second provider)" : " --consumer-of A")}.", isUsage: true);
        var state = LocalDirectoryState.Load(data);
        if (state.Role is { } role && role != expectedRole && !(expectedRole == ReplicaRole.Provider && role == ReplicaRole.Standalone))
            throw new FrontEndException($"{data.Root} is a {role}, not a {expectedRole}: list providers with --providers and consumers with --consumers.", isUsage: true);
        return new FrontEndMember(name, data.Root, state.Url, state.LdapsUrl);
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort(HashSet<int> taken)
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (taken.Add(port))
                return port;
        }
    }
}
