using System.Net;
using System.Text;
using System.Text.Json;
using CasDirectory.Core.BestPractice;
using CasDirectory.Service.Findings;
using CasDirectory.Service.SiteTopology;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CasDirectory.Service.Http;

/// <summary>
/// Loopback HTTP: /healthz (the process is alive), /readyz (the directory answered and the feed lag is under
/// SiteTopology:ReadyLag), /findings (the current T4/B findings as JSON).
/// </summary>
public sealed class StatusEndpoint(IOptions<SiteTopologyOptions> options, SiteTopologyUpdater updater, FindingMonitor findings, ILogger<StatusEndpoint> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var prefix = options.Value.HttpPrefix;
        if (string.IsNullOrWhiteSpace(prefix))
            return;
        using var listener = new HttpListener();
        listener.Prefixes.Add(prefix);
        listener.Start();
        logger.LogInformation("Status endpoint at {Prefix} (healthz, readyz, findings)", prefix);
        if (options.Value.StatusOnEveryInterface)
            logger.LogWarning("The status endpoint answers on every interface and has no authentication: publish its port on loopback only");
        using var registration = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            try
            {
                Respond(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
            {
                // A client that went away mid-answer is its problem, never a reason to stop the host.
                logger.LogDebug("Status request failed: {Error}", e.Message);
            }
        }
    }

    private void Respond(HttpListenerContext context)
    {
        var (status, body) = context.Request.Url?.AbsolutePath.TrimEnd('/') switch
        {
            "/healthz" => (200, "ok\n"),
            "/readyz" => Ready(),
            "/findings" => (200, JsonSerializer.Serialize(findings.Current.Select(f => new
            {
                ruleId = f.RuleId, severity = f.Severity.ToString().ToLowerInvariant(), site = f.Site, subject = f.Subject, finding = f.Message, why = f.Why, fix = f.Fix,
            }), new JsonSerializerOptions { WriteIndented = true }) + "\n"),
            _ => (404, "not found: /healthz, /readyz, /findings\n"),
        };
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = body.StartsWith('[') ? "application/json" : "text/plain";
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
    }

    private (int, string) Ready()
    {
        if (updater.FeedProblem is { } problem)
            return (503, $"not ready: {problem}\n");
        var lag = DateTime.UtcNow - updater.LastPoll;
        return updater.LastPoll.Ticks != 0 && lag <= options.Value.ReadyLag
            ? (200, $"ready: feed lag {lag.TotalMilliseconds:0} ms\n")
            : (503, updater.LastPoll == new DateTime(0, DateTimeKind.Utc) ? "not ready: the directory has not answered yet\n" : $"not ready: feed lag {lag.TotalSeconds:0.0} s\n");
    }
}
