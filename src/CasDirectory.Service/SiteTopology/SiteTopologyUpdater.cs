using CasDirectory.Ldap.Errors;
using CasDirectory.Core.SiteTopology;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Exchange;
using CasDirectory.Ldap.Local;
using CasDirectory.Service.Databases;
using CasDirectory.Service.Findings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CasDirectory.Service.SiteTopology;

/// <summary>
/// What Exchange's AD Topology service does, in about a second: follows cn=accesslog from a persisted cursor,
/// recomputes each Exchange server's site from its addresses and the subnets (T1) when a server, subnet or
/// site changes (T3), and writes msExchServerSite only where it differs, guarded by entryCSN so it never
/// overwrites a change it has not seen (T2). A full reconcile runs at start and every ReconcileInterval.
/// When the directory goes away it retries with backoff on a new connection, logging once per outage.
/// </summary>
public sealed class SiteTopologyUpdater(
    IOptions<SiteTopologyOptions> options, DatabaseAgent databases, FindingMonitor findings, ILogger<SiteTopologyUpdater> logger) : BackgroundService
{
    private readonly SiteTopologyOptions _options = options.Value;
    private HashSet<string> _withoutSubnet = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Completed reconcile passes (for tests and readiness).</summary>
    public int Passes { get; private set; }

    /// <summary>When the feed was last read successfully (UTC): /readyz measures the lag from it.</summary>
    public DateTime LastPoll { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        var outage = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var directory = Connect();
                if (outage)
                    logger.LogInformation("Directory {Url} is back; reconciling", directory.Endpoint.Url);
                outage = false;
                delay = TimeSpan.FromMilliseconds(200);
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

    private async Task Follow(ExchangeDirectory directory, CancellationToken stoppingToken)
    {
        var feed = directory.OpenFeed();
        var cursor = ReadCursor() ?? feed.Latest();
        Reconcile(directory, "start");
        var lastFull = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            var changes = feed.ReadAfter(cursor);
            LastPoll = DateTime.UtcNow;
            if (changes.Count > 0)
            {
                cursor = changes[^1].Start;
                var trigger = changes.FirstOrDefault(IsTrigger);
                if (trigger is not null)
                    Reconcile(directory, $"{trigger.Type} {trigger.TargetDn}");
                WriteCursor(cursor);
            }
            if (DateTime.UtcNow - lastFull > _options.ReconcileInterval)
            {
                Reconcile(directory, "periodic reconcile");
                lastFull = DateTime.UtcNow;
            }
            await Task.Delay(_options.PollInterval, stoppingToken);
        }
    }

    /// <summary>T3: a server's addresses, a subnet, or a site changed. Our own msExchServerSite writes are not triggers.</summary>
    private static bool IsTrigger(AccessLogEntry change) =>
        !(change.Type == "modify" && change.ChangedAttributes.All(a => a.Equals("msExchServerSite", StringComparison.OrdinalIgnoreCase)
                                                                        || a.Equals("modifiersName", StringComparison.OrdinalIgnoreCase)
                                                                        || a.Equals("modifyTimestamp", StringComparison.OrdinalIgnoreCase)
                                                                        || a.Equals("entryCSN", StringComparison.OrdinalIgnoreCase)));

    private void Reconcile(ExchangeDirectory directory, string cause)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var servers = directory.ReadServersAndArraysUncached().Servers;
            var plan = SiteTopologyPlanner.Plan(servers, directory.ReadSubnetsUncached(), cause);
            var stale = false;
            foreach (var move in plan.Moves)
            {
                var server = servers.First(s => s.Name == move.Server);
                if (directory.TrySetServerSite(server, move.NewSite))
                    logger.LogInformation("Moved {Server} from {OldSite} to {NewSite} ({Cause})", move.Server, move.OldSite ?? "(none)", move.NewSite, move.Cause);
                else
                    stale = true; // changed since we read it: read again
            }
            // T2: reported once when it happens, not on every pass.
            foreach (var server in plan.ServersWithoutSubnet.Where(s => !_withoutSubnet.Contains(s)))
                logger.LogWarning("No subnet contains the addresses of {Server}; its site is left as it is", server);
            _withoutSubnet = plan.ServersWithoutSubnet.ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!stale)
                break;
        }
        // One snapshot after the moves serves the database agent and the findings; read again only if the agent wrote.
        var topology = directory.ReadTopology();
        if (databases.Reconcile(directory, topology) > 0)
            topology = directory.ReadTopology();
        findings.Update(topology);
        LastPoll = DateTime.UtcNow;
        Passes++;
    }

    private string? ReadCursor() => File.Exists(_options.CursorFile) ? File.ReadAllText(_options.CursorFile).Trim() : null;

    private void WriteCursor(string cursor)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_options.CursorFile)!);
        var temporary = _options.CursorFile + ".tmp";
        File.WriteAllText(temporary, cursor);
        File.Move(temporary, _options.CursorFile, overwrite: true);
    }
}
