using CasDirectory.Service.SiteTopology;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;

namespace CasDirectory.Service.Hosting;

/// <summary>
/// The hosted service (casdir serve): a Generic Host (ASP.NET Core's, so Kestrel serves its HTTP listeners) with
/// configuration from appsettings.json, CASDIR_-prefixed environment variables and the command line; options validated
/// at start; Serilog (<see cref="ServiceLogging"/>); graceful stop on SIGTERM / Ctrl-C.
/// </summary>
public static class CasDirectoryHost
{
    /// <param name="extraSink">Also receives every log event (tests read the structured events from it).</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting does not validate (the listeners read theirs as the host is built).</exception>
    public static IHost Build(string[] args, Action<IConfigurationBuilder>? configure = null, Serilog.Core.ILogEventSink? extraSink = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables("CASDIR_");
        builder.Configuration.AddCommandLine(args);
        configure?.Invoke(builder.Configuration);

        var logger = ServiceLogging.Create(builder.Configuration, extraSink);
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(logger, dispose: true);

        builder.Services.AddOptions<SiteTopologyOptions>()
            .Bind(builder.Configuration.GetSection(SiteTopologyOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<SiteTopologyOptions>>(new SectionValidator<SiteTopologyOptions>(SiteTopologyOptions.Section));
        builder.Services.AddOptions<Autodiscover.AutodiscoverOptions>()
            .Bind(builder.Configuration.GetSection(Autodiscover.AutodiscoverOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Autodiscover.AutodiscoverOptions>>(new SectionValidator<Autodiscover.AutodiscoverOptions>(Autodiscover.AutodiscoverOptions.Section));
        builder.Services.AddSingleton<Databases.DatabaseAgent>();
        builder.Services.AddSingleton<Findings.FindingMonitor>();
        builder.Services.AddSingleton<SiteTopologyUpdater>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<SiteTopologyUpdater>());
        HttpListeners.Add(builder);

        var app = builder.Build();
        HttpListeners.Map(app, logger);
        return app;
    }
}
