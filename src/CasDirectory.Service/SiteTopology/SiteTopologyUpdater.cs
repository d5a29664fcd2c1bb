using CasDirectory.Core.Naming;
using CasDirectory.Core.SiteTopology;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Errors;
using CasDirectory.Ldap.Exchange;
using CasDirectory.Ldap.Local;
using CasDirectory.Service.Databases;
using CasDirectory.Service.Findings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CasDirectory.Service.SiteTopology;

/// <summary>
/// What Exchange's AD Topology service does, within milliseconds: follows cn=accesslog (pushed by slapd through a sync
/// search, <see cref="PushedFeed"/>; or, with SiteTopology:Feed=poll, polled from a persisted cursor),
/// recomputes each Exchange server's site from its addresses and the subnets (T1) when a server, subnet or
/// site changes (T3: only the servers named when the pushed records named only servers' own entries,
/// <see cref="SingleServerChange"/>; every server otherwise), and writes msExchServerSite only where it differs,
/// guarded by entryCSN so it never overwrites a change it has not seen (T2).
/// It never trusts the feed alone (docs/rules.md, "The site-topology service"): a full reconcile runs at start, after
/// every reconnect (also one its session's retries hid: slapd may have restarted and lost records), after every
/// subscription to the pushed log (and in full when the address now leads to another server), every ReconcileInterval,
/// and every FallbackInterval while the access log cannot be followed; each poll reads FeedOverlap behind the cursor,
/// so a write that commits late is still seen. Unreachable: backoff, one line per outage, reset
/// only after a healthy minute. Refused: logged with the DN and result, that server skipped. One instance per state folder.
/// </summary>
public sealed class SiteTopologyUpdater(
    IOptions<SiteTopologyOptions> options, DatabaseAgent databases, FindingMonitor findings, ILogger<SiteTopologyUpdater> logger) : BackgroundService
{
    private static readonly TimeSpan HealthyPeriod = TimeSpan.FromMinutes(1);
    private readonly SiteTopologyOptions _options = options.Value;
    private HashSet<string> _withoutSubnet = new(ObjectName.Comparer);
    private readonly HashSet<string> _refusals = new(StringComparer.Ordinal);
    private StateDirectoryLock? _lock;
    private long _passes;
    private long _lastPollTicks;
    private volatile string? _feedProblem;

    /// <summary>Completed reconcile passes (for tests and readiness).</summary>
    public int Passes => (int)Interlocked.Read(ref _passes);

    /// <summary>When the feed (or, without one, a reconcile) last succeeded (UTC): /readyz measures the lag from it.</summary>
    public DateTime LastPoll => new(Interlocked.Read(ref _lastPollTicks), DateTimeKind.Utc);

    /// <summary>Why the access log cannot be followed right now (null when it can): /readyz says it.</summary>
    public string? FeedProblem => _feedProblem;

    private void Polled() => Interlocked.Exchange(ref _lastPollTicks, DateTime.UtcNow.Ticks);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _lock = StateDirectoryLock.Acquire(_options.StateFolder); // a second instance fails here, before the host runs
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _snapshotDue.Dispose();
        _lock?.Dispose();
        base.Dispose();
    }

    private PushedFeed? _pushed;

    /// <summary>With the pushed feed, a pass's snapshot waits until no change has come for this long...</summary>
    private static readonly TimeSpan SnapshotQuiet = TimeSpan.FromMilliseconds(150);

    /// <summary>...or until the first move waiting for it is this old (under a stream of changes, such as 10,000 servers
    /// added one by one, a snapshot of everything every few seconds would double what the service reads and holds).</summary>
    private static readonly TimeSpan SnapshotLatest = TimeSpan.FromSeconds(10);

    /// <summary>The pushed feed (null with Feed=poll): its subscriptions and server switches, for tests and the status endpoint.</summary>
    public PushedFeed? Pushed => _pushed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.UsesPushedFeed)
        {
            _pushed = new PushedFeed(() => DirectoryTarget.Resolve(_options.DomainController, _options.DataDirectory, DirectoryAccounts.Updater),
                _options.FeedOverlap, IsTrigger, change => SingleServerChange.ServerOf(change.Type, change.TargetDn), logger);
            _pushed.Start();
        }
        var snapshots = _pushed is null ? Task.CompletedTask : Task.Run(() => RunSnapshots(stoppingToken), CancellationToken.None);
        try
        {
            await Run(stoppingToken);
        }
        finally
        {
            if (_pushed is not null)
                await _pushed.DisposeAsync();
            await snapshots;
        }
    }

    private readonly SemaphoreSlim _snapshotDue = new(0, 1);
    private long _lastMoveTicks;

    private void RequestSnapshot()
    {
        Interlocked.Exchange(ref _lastMoveTicks, DateTime.UtcNow.Ticks);
        try
        {
            if (_snapshotDue.CurrentCount == 0)
                _snapshotDue.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already due.
        }
    }

    /// <summary>
    /// With the pushed feed, a pass's snapshot (nine searches, the database agent, the rules) runs here, on a connection
    /// of its own, once the moves have been quiet for a moment (at most SnapshotLatest after they asked): the moves never
    /// wait for it. Findings settle for a second anyway. A failure waits a second and tries again; never fatal.
    /// </summary>
    private async Task RunSnapshots(CancellationToken stoppingToken)
    {
        ExchangeDirectory? own = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _snapshotDue.WaitAsync(stoppingToken);
                var asked = DateTime.UtcNow;
                while (DateTime.UtcNow - new DateTime(Interlocked.Read(ref _lastMoveTicks), DateTimeKind.Utc) < SnapshotQuiet && DateTime.UtcNow - asked < SnapshotLatest)
                    await Task.Delay(SnapshotQuiet / 3, stoppingToken);
                try
                {
                    own ??= Connect();
                    Snapshot(own);
                }
                catch (DirectoryException e)
                {
                    logger.LogDebug("The pass's snapshot failed ({Error}); trying again", e.Message);
                    own?.Dispose();
                    own = null;
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                    RequestSnapshot();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            own?.Dispose();
        }
    }

    private async Task Run(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        var outage = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var connected = DateTime.UtcNow;
            try
            {
                using var directory = Connect();
                if (outage)
                    logger.LogInformation("Directory {Url} is back; reconciling", directory.Endpoint.Url);
                outage = false;
                if (_pushed is not null)
                    await FollowPushed(directory, _pushed, stoppingToken);
                else
                    await Follow(directory, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (DirectoryException e)
            {
                if (!outage)
                    logger.LogWarning(e.IsTransient ? "Directory unreachable ({Error}); retrying with backoff" : "Directory refused the updater ({Error}); retrying with backoff", e.Message);
                outage = true;
                // Backoff resets only after a healthy period: a directory that answers and then fails at once is not hammered.
                if (DateTime.UtcNow - connected > HealthyPeriod)
                    delay = TimeSpan.FromMilliseconds(200);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 10_000));
            }
        }
    }

    private ExchangeDirectory Connect()
    {
        var (endpoint, credential) = DirectoryTarget.Resolve(_options.DomainController, _options.DataDirectory, DirectoryAccounts.Updater);
        return ExchangeDirectory.Connect(endpoint, credential);
    }

    /// <summary>
    /// Reconciles when the pushed feed asks (a trigger record, a new subscription, another server), after the session
    /// reconnects, every ReconcileInterval, and every FallbackInterval while no subscription is open. Waits on the feed,
    /// waking at least every second to flush findings and to say it is alive.
    /// </summary>
    private async Task FollowPushed(ExchangeDirectory directory, PushedFeed feed, CancellationToken stoppingToken)
    {
        var lastFull = DateTime.UtcNow;
        var connections = directory.Connections;
        var started = _passes > 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var causes = new List<string>();
            if (directory.Connections != connections)
            {
                connections = directory.Connections;
                causes.Add("reconnected to the directory");
            }
            IReadOnlyCollection<string>? only = null;
            if (feed.Take() is { } pushed)
            {
                causes.Add(pushed.Cause);
                only = pushed.Servers;
            }
            if (causes.Count == 0 && !feed.Live && (feed.Problem is not null || !started) && DateTime.UtcNow - lastFull > _options.FallbackInterval)
                causes.Add(started ? "access log not followed: fallback reconcile" : "start");
            if (causes.Count == 0 && DateTime.UtcNow - lastFull > _options.ReconcileInterval)
                causes.Add("periodic reconcile");
            _feedProblem = feed.Problem is { } problem ? $"{problem}; reconciling every {_options.FallbackInterval.TotalSeconds:0.#} s instead" : null;
            if (causes.Count > 0)
            {
                // The moves at once (of the named servers only, when the records named nothing else); the snapshot on its
                // own connection and thread (RunSnapshots).
                if (causes.Count > 1)
                    only = null;
                MoveServers(directory, string.Join("; ", causes), only);
                if (only is null)
                    lastFull = DateTime.UtcNow;
                RequestSnapshot();
                started = true;
            }
            if (feed.Live)
                Polled();
            findings.Flush();
            await feed.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
        }
    }

    private async Task Follow(ExchangeDirectory directory, CancellationToken stoppingToken)
    {
        var feed = directory.OpenFeed();
        var cursor = ReadCursor() ?? feed.Latest();
        var seen = new Dictionary<string, bool>(StringComparer.Ordinal); // records in the overlap window already handled
        Reconcile(directory, "start");
        var lastFull = DateTime.UtcNow;
        var connections = directory.Connections;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (directory.Connections != connections)
            {
                // The session reconnected under us: slapd may have restarted, and a write committed just before a crash
                // can have no access-log record. Only a full reconcile is sure to see it. The address may also lead to
                // another server now, whose log knows nothing of our cursor: follow it from its newest record.
                connections = directory.Connections;
                var switched = cursor is not null && !feed.Holds(cursor);
                if (switched)
                {
                    logger.LogWarning("The directory at {Url} is another server than before: its access log lacks the record {Record} this service saw " +
                                      "(a failover, or a log purged or rebuilt). Reconciling in full: its state may differ, and writes lost in the switch show as findings",
                        directory.Endpoint.Url, cursor);
                    cursor = feed.Latest();
                    seen.Clear();
                }
                Reconcile(directory, switched ? $"switched to another server at {directory.Endpoint.Url}" : "reconnected to the directory");
                lastFull = DateTime.UtcNow;
            }
            var changes = ReadFeed(feed, cursor);
            if (changes is null)
            {
                if (DateTime.UtcNow - lastFull > _options.FallbackInterval)
                {
                    Reconcile(directory, "access log unreadable: fallback reconcile");
                    lastFull = DateTime.UtcNow;
                }
            }
            else
            {
                var fresh = changes.Where(c => seen.TryAdd(c.Start, true)).ToList();
                if (fresh.Count > 0)
                {
                    if (cursor is null || string.CompareOrdinal(fresh[^1].Start, cursor) > 0)
                        cursor = fresh[^1].Start;
                    var trigger = fresh.FirstOrDefault(IsTrigger);
                    if (trigger is not null)
                        Reconcile(directory, $"{trigger.Type} {trigger.TargetDn}");
                    WriteCursor(cursor!);
                }
                if (cursor is not null)
                {
                    var oldest = AccessLogFeed.Minus(cursor, _options.FeedOverlap);
                    foreach (var old in seen.Keys.Where(k => string.CompareOrdinal(k, oldest) < 0).ToList())
                        seen.Remove(old);
                }
            }
            if (DateTime.UtcNow - lastFull > _options.ReconcileInterval)
            {
                Reconcile(directory, "periodic reconcile");
                lastFull = DateTime.UtcNow;
            }
            findings.Flush();
            await Task.Delay(_options.PollInterval, stoppingToken);
        }
    }

    /// <summary>The feed from the overlap window behind the cursor; null (and one log line) while it cannot be read.</summary>
    private IReadOnlyList<AccessLogEntry>? ReadFeed(AccessLogFeed feed, string? cursor)
    {
        try
        {
            var changes = cursor is null ? feed.ReadAfter(null) : feed.ReadSince(AccessLogFeed.Minus(cursor, _options.FeedOverlap));
            if (_feedProblem is not null)
            {
                logger.LogInformation("The access log is readable again; following it");
                _feedProblem = null;
            }
            Polled();
            return changes;
        }
        catch (DirectoryRefusedException e)
        {
            if (_feedProblem is null)
                logger.LogError("The access log cannot be read ({Error}); reconciling every {Interval} instead. To recover it: casdir repair-accesslog --data DIR (README, \"Recovering the access log\")",
                    e.Message, _options.FallbackInterval);
            _feedProblem = $"the access log cannot be read ({e.Reason ?? e.Message}); reconciling every {_options.FallbackInterval.TotalSeconds:0.#} s instead";
            return null;
        }
    }

    /// <summary>T3: a server's addresses, a subnet, or a site changed. Our own msExchServerSite writes are not triggers.</summary>
    internal static bool IsTrigger(AccessLogEntry change) =>
        !(change.Type == "modify" && change.ChangedAttributes.All(a => a.Equals("msExchServerSite", StringComparison.OrdinalIgnoreCase)
                                                                        || a.Equals("modifiersName", StringComparison.OrdinalIgnoreCase)
                                                                        || a.Equals("modifyTimestamp", StringComparison.OrdinalIgnoreCase)
                                                                        || a.Equals("entryCSN", StringComparison.OrdinalIgnoreCase)));

    /// <summary>A full pass: the moves, then the snapshot for the database agent and the findings.</summary>
    private void Reconcile(ExchangeDirectory directory, string cause)
    {
        MoveServers(directory, cause);
        Snapshot(directory);
    }

    /// <summary>Servers the last planning read: every server, or only those the pushed records named.</summary>
    public int LastPlanned => Volatile.Read(ref _lastPlanned);
    private int _lastPlanned;

    /// <summary>T1-T3: reads servers (every one, or only <paramref name="only"/>: DNs of server entries) and subnets,
    /// writes each move (guarded by entryCSN), reads again if one was stale.</summary>
    private void MoveServers(ExchangeDirectory directory, string cause, IReadOnlyCollection<string>? only = null)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var servers = only is null ? directory.ReadServerPlacements() : directory.ReadServerPlacements(only);
            Volatile.Write(ref _lastPlanned, servers.Count);
            var plan = SiteTopologyPlanner.Plan(servers, directory.ReadSubnetsUncached(), cause);
            var stale = false;
            // By name, not by scanning: a subnet re-pointed under 10,000 servers is 10,000 moves.
            var byName = plan.Moves.Count == 0 ? null : servers.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var move in plan.Moves)
            {
                var server = byName![move.Server];
                try
                {
                    if (directory.TrySetServerSite(server, move.NewSite))
                        logger.LogInformation("Moved {Server} from {OldSite} to {NewSite} ({Cause})", move.Server, move.OldSite ?? "(none)", move.NewSite, move.Cause);
                    else
                        stale = true; // changed since we read it: read again
                }
                catch (DirectoryRefusedException e)
                {
                    // Refused is not unreachable: say which entry and why, once, and go on with the others.
                    if (_refusals.Add($"{server.DistinguishedName}|{e.Result}"))
                        logger.LogWarning("The directory refused to move {Server} ({Dn}) to {NewSite}: {Result} {Reason}", move.Server, server.DistinguishedName, move.NewSite, e.Result, e.Reason);
                }
            }
            // T2: reported once when it happens, not on every pass.
            foreach (var server in plan.ServersWithoutSubnet.Where(s => !_withoutSubnet.Contains(s)))
                logger.LogWarning("No subnet contains the addresses of {Server}; its site is left as it is", server);
            if (only is null)
                _withoutSubnet = plan.ServersWithoutSubnet.ToHashSet(ObjectName.Comparer);
            else
            {
                _withoutSubnet.ExceptWith(servers.Select(s => s.Name));
                _withoutSubnet.UnionWith(plan.ServersWithoutSubnet);
            }
            if (!stale)
                break;
            if (attempt == 3)
                logger.LogInformation("Servers kept changing while being moved ({Cause}); the next change or pass moves them", cause);
        }
        directory.ForgetWritten(); // each move is in the log already; the session lives as long as the service
    }

    /// <summary>One snapshot after the moves serves the database agent and the findings (T4); read again only if the agent
    /// wrote. Ends a pass.</summary>
    private void Snapshot(ExchangeDirectory directory)
    {
        var topology = directory.ReadTopology();
        if (databases.Reconcile(directory, topology) > 0)
            topology = directory.ReadTopology();
        findings.Update(topology);
        directory.ForgetReads(); // the next snapshot reads afresh anyway: do not hold every server until then
        if (_feedProblem is null)
            Polled();
        Interlocked.Increment(ref _passes);
    }

    private string? ReadCursor() => File.Exists(_options.CursorFile) ? File.ReadAllText(_options.CursorFile).Trim() : null;

    /// <summary>Atomically (AtomicFile); a failure here (a full disk) is fatal.</summary>
    private void WriteCursor(string cursor)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_options.CursorFile)!);
        AtomicFile.Write(_options.CursorFile, cursor);
    }
}
