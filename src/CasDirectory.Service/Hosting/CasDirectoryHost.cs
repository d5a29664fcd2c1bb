using CasDirectory.Service.SiteTopology;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Formatting.Json;

namespace CasDirectory.Service.Hosting;

/// <summary>
/// The hosted service (casdir serve): configuration from appsettings.json, CASDIR_-prefixed environment
/// variables and the command line; options validated at start; Serilog to the console (human, or JSON with
/// Logging:Format=json) and optionally a file (Logging:File); graceful stop on SIGTERM / Ctrl-C.
/// </summary>
public static class CasDirectoryHost
{
    /// <param name="extraSink">Also receives every log event (tests read the structured events from it).</param>
    public static IHost Build(string[] args, Action<IConfigurationBuilder>? configure = null, Serilog.Core.ILogEventSink? extraSink = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables("CASDIR_");
        builder.Configuration.AddCommandLine(args);
        configure?.Invoke(builder.Configuration);

        var logger = new LoggerConfiguration().MinimumLevel.Information();
        logger = string.Equals(builder.Configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase)
            ? logger.WriteTo.Console(new JsonFormatter(renderMessage: true))
            : logger.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}");
        if (extraSink is not null)
            logger = logger.WriteTo.Sink(extraSink);
        if (builder.Configuration["Logging:File"] is { Length: > 0 } file)
            logger = logger.WriteTo.File(new JsonFormatter(renderMessage: true), file);
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger.CreateLogger(), dispose: true);

        builder.Services.AddOptions<SiteTopologyOptions>()
            .Bind(builder.Configuration.GetSection(SiteTopologyOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<SiteTopologyOptions>, SiteTopologyOptionsValidator>();
        builder.Services.AddSingleton<Databases.DatabaseAgent>();
        builder.Services.AddSingleton<Findings.FindingMonitor>();
        builder.Services.AddSingleton<SiteTopologyUpdater>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<SiteTopologyUpdater>());
        builder.Services.AddHostedService<Http.StatusEndpoint>();
        return builder.Build();
    }
}
