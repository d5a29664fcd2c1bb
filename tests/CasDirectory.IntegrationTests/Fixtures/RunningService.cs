using System.Collections.Concurrent;
using CasDirectory.Service.Findings;
using CasDirectory.Service.Hosting;
using CasDirectory.Service.SiteTopology;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog.Core;
using Serilog.Events;

namespace CasDirectory.IntegrationTests.Fixtures;

/// <summary>The hosted service (what casdir serve runs) in-process against a lab, with its log events captured.</summary>
public sealed class RunningService : IAsyncDisposable, ILogEventSink
{
    private readonly IHost _host;

    private RunningService(LabDirectory lab, string[] extra)
    {
        HttpPrefix = $"http://127.0.0.1:{FreePort.Next()}/";
        _host = CasDirectoryHost.Build([$"--SiteTopology:DataDirectory={lab.DataDirectory}", "--SiteTopology:PollInterval=00:00:00.05",
            $"--SiteTopology:HttpPrefix={HttpPrefix}", .. extra], extraSink: this);
    }

    public ConcurrentQueue<LogEvent> Events { get; } = new();

    public string HttpPrefix { get; }

    public (int Status, string Body) Get(string path)
    {
        using var client = new HttpClient();
        var response = client.GetAsync(HttpPrefix + path.TrimStart('/')).GetAwaiter().GetResult();
        return ((int)response.StatusCode, response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
    }

    public SiteTopologyUpdater Updater => _host.Services.GetRequiredService<SiteTopologyUpdater>();

    public FindingMonitor Findings => _host.Services.GetRequiredService<FindingMonitor>();

    /// <summary>
    /// Waits until the updater has completed <paramref name="count"/> more reconcile passes than <paramref name="since"/>
    /// and every findings change they made has been logged: the service has moved past the point, and said so.
    /// </summary>
    public void WaitForPassesAndSettledFindings(int since, int count, string what) =>
        Wait.Until(() => Updater.Passes >= since + count && Findings.Settled, what);

    public static async Task<RunningService> Start(LabDirectory lab, params string[] extra)
    {
        var service = new RunningService(lab, extra);
        await service._host.StartAsync();
        Wait.Until(() => service.Updater.Passes > 0, "the first reconcile");
        return service;
    }

    public IReadOnlyList<string> Messages => Events.Select(e => e.RenderMessage()).ToList();

    public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(10));
        _host.Dispose();
    }
}

/// <summary>Polls a condition until it holds or the deadline passes (then fails with what was awaited).</summary>
public static class Wait
{
    public static void Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}.");
            Thread.Sleep(25);
        }
    }
}
