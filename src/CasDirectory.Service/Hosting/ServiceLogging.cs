using CasDirectory.Service.Http;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace CasDirectory.Service.Hosting;

/// <summary>
/// The service's Serilog logger: human lines on the console, or with Logging:Format=json one compact JSON event per
/// line (@t, @m, @i, @l unless Information, @x, then the event's properties); Logging:File also gets the JSON events.
/// Information and up; ASP.NET Core (Kestrel, routing) only from Warning, since it logs every request. The
/// "Serilog" configuration section (Serilog:MinimumLevel...) overrides the levels.
/// </summary>
public static class ServiceLogging
{
    private const string HumanLine = "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}";

    public static Logger Create(IConfiguration configuration, ILogEventSink? extraSink)
    {
        var logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            // The host logs a listener that cannot bind with a stack trace; casdir serve says it in one line (ListenerBindFailure).
            .Filter.ByExcluding(e => e.Exception is { } error && ListenerBindFailure.Is(error) && IsHostStartFailure(e));
        logger = string.Equals(configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase)
            ? logger.WriteTo.Console(new RenderedCompactJsonFormatter())
            : logger.WriteTo.Console(outputTemplate: HumanLine);
        if (extraSink is not null)
            logger = logger.WriteTo.Sink(extraSink);
        if (configuration["Logging:File"] is { Length: > 0 } file)
            logger = logger.WriteTo.File(new RenderedCompactJsonFormatter(), file);
        return logger.CreateLogger();
    }

    /// <summary>The host's "Hosting failed to start" event, and no other (a service that fails later is still logged in full).</summary>
    private static bool IsHostStartFailure(LogEvent e) =>
        e.MessageTemplate.Text == "Hosting failed to start"
        && e.Properties.TryGetValue(Constants.SourceContextPropertyName, out var source) && source is ScalarValue { Value: "Microsoft.Extensions.Hosting.Internal.Host" };
}
