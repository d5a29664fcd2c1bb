using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using Serilog.Events;

namespace CasDirectory.IntegrationTests.Service;

/// <summary>The status endpoint over Kestrel (README, "`casdir serve`: the hosted service") and the service's Serilog logs.</summary>
[TestFixture]
public sealed class StatusEndpointTests : SharedLabTest
{
    private static string? SourceOf(LogEvent e) =>
        e.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: string name } ? name : null;

    [Test]
    public async Task Status_endpoints_answer_over_kestrel_with_keep_alive()
    {
        await using var service = await RunningService.Start(Lab);
        var connections = 0;
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            ConnectCallback = async (context, cancel) =>
            {
                Interlocked.Increment(ref connections);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, cancel);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(service.HttpPrefix), Timeout = TimeSpan.FromSeconds(30) };
        Wait.Until(() => http.GetAsync("readyz").Result.StatusCode == HttpStatusCode.OK, "readiness");

        for (var round = 0; round < 5; round++)
        {
            var health = await http.GetAsync("healthz");
            Assert.That(((int)health.StatusCode, await health.Content.ReadAsStringAsync()), Is.EqualTo((200, "ok\n")));
            Assert.That(health.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/plain"));

            var ready = await http.GetAsync("readyz");
            Assert.That(await ready.Content.ReadAsStringAsync(), Does.StartWith("ready: feed lag"));

            var findings = await http.GetAsync("findings");
            Assert.That(findings.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/json"));
            Assert.That(JsonDocument.Parse(await findings.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()),
                Does.Contain("B1"));

            var missing = await http.GetAsync("nothing-here");
            Assert.That(((int)missing.StatusCode, await missing.Content.ReadAsStringAsync()), Is.EqualTo((404, "not found: /healthz, /readyz, /findings\n")));

            var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "healthz"));
            Assert.That(((int)head.StatusCode, (await head.Content.ReadAsByteArrayAsync()).Length), Is.EqualTo((200, 0)), "HEAD: the status, no body");
        }

        Assert.That(connections, Is.EqualTo(1), "every request over the one kept-alive connection");
    }

    [Test]
    public async Task A_bare_HTTP_1_0_probe_like_the_containers_healthcheck_gets_200()
    {
        await using var service = await RunningService.Start(Lab);
        var port = new Uri(service.HttpPrefix).Port;

        string StatusLine(string path)
        {
            // What docker/casdir/entrypoint.sh --probe sends through bash's /dev/tcp: HTTP/1.0, then it reads one line.
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            using var stream = client.GetStream();
            stream.ReadTimeout = 30_000;
            stream.Write(Encoding.ASCII.GetBytes($"GET /{path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n"));
            return new StreamReader(stream, Encoding.ASCII).ReadLine() ?? "";
        }

        Assert.That(StatusLine("healthz"), Does.Contain(" 200 "));
        Wait.Until(() => StatusLine("readyz").Contains(" 200 "), "readiness through the probe");
    }

    [Test]
    public async Task Requests_are_one_debug_line_each_and_never_logged_at_information()
    {
        await using (var quiet = await RunningService.Start(Lab))
        {
            for (var i = 0; i < 10; i++)
                Assert.That(quiet.Get("/healthz").Status, Is.EqualTo(200));
            Assert.That(quiet.Events.Where(e => SourceOf(e)?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true && e.Level < LogEventLevel.Warning),
                Is.Empty, "Kestrel's own request logging stays below Information");
            Assert.That(quiet.Messages.Where(m => m.Contains("/healthz", StringComparison.Ordinal) && !m.StartsWith("Status endpoint at", StringComparison.Ordinal)), Is.Empty);
        }

        await using var verbose = await RunningService.Start(Lab, "--Serilog:MinimumLevel:Default=Debug");
        for (var i = 0; i < 3; i++)
            verbose.Get("/healthz");
        // The line is written as the request completes, which may be just after the client has its answer.
        List<LogEvent> Requests() => verbose.Events.Where(e => SourceOf(e) == "Serilog.AspNetCore.RequestLoggingMiddleware").ToList();
        Wait.Until(() => Requests().Count >= 3, "the three request lines");
        var requests = Requests();
        Assert.That(requests.Select(e => (e.Level, e.RenderMessage())), Has.Exactly(3).Matches<(LogEventLevel Level, string Message)>(
            r => r.Level == LogEventLevel.Debug && r.Message.StartsWith("HTTP \"GET\" \"/healthz\" responded 200", StringComparison.Ordinal)));
        Assert.That(verbose.Events.Where(e => SourceOf(e)?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true && e.Level < LogEventLevel.Warning),
            Is.Empty, "Serilog:MinimumLevel:Default does not lift the Microsoft.AspNetCore override");
    }

    [Test]
    public void A_status_port_already_in_use_stops_serve_with_one_clear_line()
    {
        var (holder, port) = HoldAPort();
        using var _ = holder;

        var info = ProcessRunner.StartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "casdir.dll"), "serve", "--data", Lab.DataDirectory,
            $"--SiteTopology:HttpPrefix=http://127.0.0.1:{port}/"]);
        var result = ProcessRunner.Run(info, timeout: TimeSpan.FromSeconds(120));

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error.Trim(), Is.EqualTo($"casdir serve: the status endpoint cannot listen on http://127.0.0.1:{port}/ (SiteTopology:HttpPrefix): " +
                                                    "address already in use. Stop what uses it or choose another address."), result.ToString());
        Assert.That(result.Error + result.Output, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(result.Output, Does.Not.Contain("Application started"), "nothing started");
    }

    [Test]
    public void A_status_prefix_on_port_0_is_refused_before_starting()
    {
        var result = Casdir.Run(["serve", "--data", Lab.DataDirectory, "--SiteTopology:HttpPrefix=http://127.0.0.1:0/"]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("HttpPrefix 'http://127.0.0.1:0/' must name its port (1-65535)"));
        Assert.That(result.Error + result.Output, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public async Task A_prefix_with_a_path_serves_the_endpoints_under_it()
    {
        var prefix = $"http://localhost:{FreePort.Next()}/status/";
        await using var service = await RunningService.Start(Lab, $"--SiteTopology:HttpPrefix={prefix}");
        using var http = new HttpClient { BaseAddress = new Uri(prefix.Replace("localhost", "127.0.0.1")), Timeout = TimeSpan.FromSeconds(30) };

        Assert.That(await http.GetStringAsync("healthz"), Is.EqualTo("ok\n"));
        var missing = await http.GetAsync("healthz/more");
        Assert.That(((int)missing.StatusCode, await missing.Content.ReadAsStringAsync()),
            Is.EqualTo((404, "not found: /status/healthz, /status/readyz, /status/findings\n")));
        Assert.That((await http.GetAsync("/healthz")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "nothing outside the prefix's path");
    }

    [Test]
    public void Json_logs_are_compact_json_events()
    {
        using var folder = new TemporaryFolder("casdir-logs");
        var file = folder.Combine("service.log");
        var prefix = $"http://127.0.0.1:{FreePort.Next()}/";
        var info = ProcessRunner.StartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "casdir.dll"), "serve", "--data", Lab.DataDirectory,
            $"--SiteTopology:HttpPrefix={prefix}", "--log-format", "json", "--log-file", file]);
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        // Kestrel warns that the address in ASPNETCORE_URLS is overridden: a warning from ASP.NET Core still gets through.
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:1/";
        using var process = Process.Start(info)!;
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            Wait.Until(() => process.HasExited || lines.Any(l => l.Contains("Status endpoint at")), "the service to start", TimeSpan.FromSeconds(90));
            Assert.That(process.HasExited, Is.False, () => "the service ended: " + string.Join("\n", lines) + error.Result);
        }
        finally
        {
            ProcessRunner.Run(ProcessRunner.StartInfo("kill", ["-TERM", process.Id.ToString()]));
            Assert.That(process.WaitForExit(TimeSpan.FromSeconds(30)), Is.True, "stopped");
        }
        process.WaitForExit(); // the output's end

        var console = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.That(console, Has.Count.GreaterThanOrEqualTo(3));
        foreach (var e in console)
        {
            Assert.That(DateTimeOffset.TryParse(e.GetProperty("@t").GetString(), out _), Is.True, e.ToString());
            Assert.That(e.GetProperty("@m").ValueKind, Is.EqualTo(JsonValueKind.String), e.ToString());
            Assert.That(e.GetProperty("@i").GetString(), Does.Match("^[0-9a-f]{8}$"), e.ToString());
            Assert.That(e.TryGetProperty("MessageTemplate", out _) || e.TryGetProperty("RenderedMessage", out _) || e.TryGetProperty("Properties", out _), Is.False,
                "compact, not Serilog's old JsonFormatter");
        }
        var status = console.Single(e => e.GetProperty("@m").GetString()!.StartsWith("Status endpoint at", StringComparison.Ordinal));
        Assert.That(status.GetProperty("Prefix").GetString(), Is.EqualTo(prefix), "properties at the top level");
        Assert.That(status.GetProperty("SourceContext").GetString(), Is.EqualTo("CasDirectory.Service.Http.StatusEndpoints"));
        Assert.That(status.TryGetProperty("@l", out _), Is.False, "@l is left out for Information");
        var overridden = console.Single(e => e.GetProperty("@m").GetString()!.StartsWith("Overriding address(es)", StringComparison.Ordinal));
        Assert.That(overridden.GetProperty("@l").GetString(), Is.EqualTo("Warning"));
        Assert.That(console.Select(e => e.GetProperty("@m").GetString()), Does.Contain("Application is shutting down..."));

        var logged = File.ReadAllLines(file).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("@m").GetString()).ToList();
        Assert.That(logged, Is.EqualTo(console.Select(e => e.GetProperty("@m").GetString()).ToList()), "--log-file: the same events, in the same format");
    }

    /// <summary>A port another process holds, as a listening socket on 127.0.0.1 (tries again if another test took the chosen port first).</summary>
    private static (TcpListener, int) HoldAPort()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var listener = new TcpListener(IPAddress.Loopback, port);
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (SocketException) when (attempt < 5)
            {
                listener.Dispose();
            }
        }
    }
}
