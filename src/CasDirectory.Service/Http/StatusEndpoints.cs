using System.Text.Json;
using CasDirectory.Service.Findings;
using CasDirectory.Service.SiteTopology;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CasDirectory.Service.Http;

/// <summary>
/// The status endpoint, at SiteTopology:HttpPrefix (loopback; empty switches it off): /healthz (the process is alive),
/// /readyz (the directory answered and the feed lag is under SiteTopology:ReadyLag), /findings (the current T4/B
/// findings as JSON). GET and HEAD; no authentication, hence loopback.
/// </summary>
public sealed class StatusEndpoints(IOptions<SiteTopologyOptions> options, SiteTopologyUpdater updater, FindingMonitor findings, ILogger<StatusEndpoints> logger) : IListener
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public string Name => "the status endpoint";

    public string Setting => $"{SiteTopologyOptions.Section}:{nameof(SiteTopologyOptions.HttpPrefix)}";

    public ListenAddress? Address => ListenAddress.TryParse(options.Value.HttpPrefix, out var address) ? address : null;

    /// <summary>Whether the configuration switches it on, known before the host is built (an empty prefix is off).</summary>
    public static bool IsOn(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetSection(SiteTopologyOptions.Section)[nameof(SiteTopologyOptions.HttpPrefix)] ?? new SiteTopologyOptions().HttpPrefix);

    public void Configure(ListenOptions listen)
    {
        // HTTP/1.x, as HttpListener served: what probes (curl, the container's bash /dev/tcp healthcheck) speak.
        listen.Protocols = HttpProtocols.Http1;
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/healthz", GetAndHead, () => Text(200, "ok\n"));
        routes.MapMethods("/readyz", GetAndHead, Ready);
        routes.MapMethods("/findings", GetAndHead, Findings);
        var pathBase = Address?.PathBase ?? "";
        routes.MapFallback("{*path}", () => Text(404, $"not found: {pathBase}/healthz, {pathBase}/readyz, {pathBase}/findings\n"));
    }

    public void Announce()
    {
        logger.LogInformation("Status endpoint at {Prefix} (healthz, readyz, findings)", options.Value.HttpPrefix);
        if (options.Value.StatusOnEveryInterface)
            logger.LogWarning("The status endpoint answers on every interface and has no authentication: publish its port on loopback only");
    }

    private IResult Ready()
    {
        if (updater.FeedProblem is { } problem)
            return Text(503, $"not ready: {problem}\n");
        var lag = DateTime.UtcNow - updater.LastPoll;
        return updater.LastPoll.Ticks != 0 && lag <= options.Value.ReadyLag
            ? Text(200, $"ready: feed lag {lag.TotalMilliseconds:0} ms\n")
            : Text(503, updater.LastPoll.Ticks == 0 ? "not ready: the directory has not answered yet\n" : $"not ready: feed lag {lag.TotalSeconds:0.0} s\n");
    }

    private IResult Findings() => Results.Text(JsonSerializer.Serialize(findings.Current.Select(f => new
    {
        ruleId = f.RuleId, severity = f.Severity.ToString().ToLowerInvariant(), site = f.Site, subject = f.Subject, finding = f.Message, why = f.Why, fix = f.Fix,
    }), Indented) + "\n", "application/json");

    private static IResult Text(int status, string body) => Results.Text(body, "text/plain", statusCode: status);
}
