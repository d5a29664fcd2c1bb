using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Errors;
using CasDirectory.Ldap.Exchange;
using Microsoft.Extensions.Logging;

namespace CasDirectory.Service.SiteTopology;

/// <summary>
/// The access log as slapd pushes it (SiteTopology:Feed=push): keeps one <see cref="AccessLogSubscription"/> open,
/// reopening it with backoff when it drops, and turns what it hears into requests for a reconcile that the updater
/// takes with <see cref="Take"/>. It reads the socket all the time, whatever the updater is doing, so a slow pass never
/// makes slapd queue records for us: requests coalesce into one pending <see cref="PushedWork"/>, which names the servers
/// to re-plan while every record since the last one taken concerned a server's own entry, and asks for every server
/// otherwise. A reconcile of every server is requested after every subscription (what happened while none was open has
/// no push), and the last record seen is checked on each: a log that lacks it is another server behind the address
/// (<see cref="Switches"/>), whose state is reconciled in full.
/// </summary>
/// <param name="serverOf">The server entry a trigger record concerns alone (<see cref="Core.SiteTopology.SingleServerChange"/>), or null.</param>
public sealed class PushedFeed(Func<(DirectoryEndpoint Endpoint, DirectoryCredential Credential)> target, TimeSpan overlap,
    Func<AccessLogEntry, bool> isTrigger, Func<AccessLogEntry, string?> serverOf, ILogger logger) : IAsyncDisposable
{
    /// <summary>More servers than this waiting at once are read in one search of every server, not one by one.</summary>
    public const int MaxServersNamed = 200;

    private static readonly TimeSpan HealthyPeriod = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private readonly List<string> _causes = [];
    private readonly List<string> _events = [];
    private readonly HashSet<string> _servers = new(StringComparer.OrdinalIgnoreCase);
    private bool _everyServer;
    private Task? _running;
    private volatile bool _live;
    private volatile string? _problem;
    private int _subscriptions;
    private int _switches;

    /// <summary>True while a subscription is open and past its refresh: every write reaches us as it is logged.</summary>
    public bool Live => _live;

    /// <summary>Why no subscription is open right now (null while one is, or while the first is being opened).</summary>
    public string? Problem => _problem;

    /// <summary>Subscriptions opened so far.</summary>
    public int Subscriptions => Volatile.Read(ref _subscriptions);

    /// <summary>How often the address turned out to lead to another server (another access log) than before.</summary>
    public int Switches => Volatile.Read(ref _switches);

    /// <summary>The record the next subscription checks the log with; null before any was seen.</summary>
    public string? LastRecord { get; private set; }

    public void Start() => _running = Task.Run(() => Run(_stop.Token));

    /// <summary>What asks for a reconcile since the last call, or null. Its cause: what the subscription went through first
    /// (another server, reopened), then the first record that changed something and how many more did.</summary>
    public PushedWork? Take()
    {
        lock (_gate)
        {
            if (_causes.Count == 0 && _events.Count == 0)
                return null;
            var parts = new List<string>(_events);
            if (_causes.Count > 0)
                parts.Add(_causes.Count == 1 ? _causes[0] : $"{_causes[0]} and {_causes.Count - 1} more change(s)");
            var servers = _everyServer || _events.Count > 0 || _servers.Count > MaxServersNamed ? null : _servers.ToArray();
            _causes.Clear();
            _events.Clear();
            _servers.Clear();
            _everyServer = false;
            return new PushedWork(string.Join("; ", parts), servers);
        }
    }

    /// <summary>Waits until something is pushed or <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    /// <param name="subscription">A subscription's event (listed first) rather than a record.</param>
    /// <param name="server">The one server entry the record concerns; null: it may concern every server.</param>
    private void Request(string cause, bool subscription = false, string? server = null)
    {
        lock (_gate)
        {
            (subscription ? _events : _causes).Add(cause);
            if (server is null)
                _everyServer = true;
            else if (!_everyServer && _servers.Count <= MaxServersNamed)
                _servers.Add(server);
        }
        try
        {
            if (_wake.CurrentCount == 0)
                _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the updater will take every cause at once.
        }
    }

    private async Task Run(CancellationToken stopping)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        var outage = false;
        while (!stopping.IsCancellationRequested)
        {
            var opened = DateTime.UtcNow;
            try
            {
                var (endpoint, credential) = target();
                await using var subscription = await AccessLogSubscription.OpenAsync(endpoint, credential, overlap, LastRecord, stopping);
                var first = Interlocked.Increment(ref _subscriptions) == 1;
                if (subscription.Continues == false)
                {
                    Interlocked.Increment(ref _switches);
                    logger.LogWarning("The directory at {Url} is another server than before: its access log lacks the record {Record} this service saw " +
                                      "(a failover, or a log purged or rebuilt). Reconciling in full: its state may differ, and writes lost in the switch show as findings",
                        endpoint.Url, LastRecord);
                }
                else if (outage)
                    logger.LogInformation("The access-log subscription to {Url} is back; reconciling", endpoint.Url);
                outage = false;
                _problem = null;
                LastRecord = subscription.LastRecord;
                _live = true;
                Request(subscription.Continues == false ? $"switched to another server at {endpoint.Url}"
                        : first ? "start" : "access-log subscription reopened", subscription: true);
                while (true)
                {
                    var record = await subscription.ReadAsync(stopping);
                    LastRecord = subscription.LastRecord;
                    if (isTrigger(record))
                        Request($"{record.Type} {record.TargetDn}", server: serverOf(record));
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Whatever went wrong (unreachable, refused, garbage on the wire, a bug of ours): never the end of the
                // service. One line per outage, then retry with backoff, reset only after a healthy period.
                _live = false;
                _problem = $"the access-log subscription is down ({e.Message})";
                if (!outage)
                {
                    if (e is DirectoryException { IsTransient: true })
                        logger.LogWarning("The access-log subscription dropped ({Error}); reopening it with backoff, reconciling every fallback interval meanwhile", e.Message);
                    else
                        logger.LogError(e is DirectoryException ? null : e, "The access-log subscription failed ({Error}); reopening it with backoff, reconciling every fallback interval meanwhile", e.Message);
                }
                outage = true;
                if (DateTime.UtcNow - opened > HealthyPeriod)
                    delay = TimeSpan.FromMilliseconds(200);
                try
                {
                    await Task.Delay(delay, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 10_000));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
            await _running;
        _stop.Dispose();
        _wake.Dispose();
    }
}
