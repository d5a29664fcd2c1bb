using CasDirectory.Service.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;

namespace CasDirectory.Service.Hosting;

/// <summary>
/// The one place the service's HTTP listeners are set up: each <see cref="IListener"/> gets its Kestrel endpoint
/// (its connections tagged with its name) and its routes (answered on that endpoint only, <see cref="ListenerMatcherPolicy"/>).
/// Another listener is one more registration here and, if its setting can switch it off, one more term in AnyOn.
/// </summary>
public static class HttpListeners
{
    public static void Add(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StatusEndpoints>();
        builder.Services.AddSingleton<IListener>(provider => provider.GetRequiredService<StatusEndpoints>());
        builder.Services.AddSingleton<Autodiscover.AutodiscoverDirectory>();
        builder.Services.AddSingleton<Autodiscover.AutodiscoverCertificate>();
        builder.Services.AddSingleton<Autodiscover.BasicAuthentication>();
        builder.Services.AddSingleton<Autodiscover.ProfileRecorder>();
        builder.Services.AddSingleton<Autodiscover.AutodiscoverAnswers>();
        builder.Services.AddSingleton<Autodiscover.AutodiscoverEndpoints>();
        builder.Services.AddSingleton<IListener>(provider => provider.GetRequiredService<Autodiscover.AutodiscoverEndpoints>());

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, ListenerMatcherPolicy>());
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IEnumerable<IListener>>((kestrel, listeners) =>
        {
            foreach (var listener in listeners)
            {
                var tag = new ListenerTag(listener.Name);
                listener.Address?.Listen(kestrel, endpoint =>
                {
                    endpoint.Use(next => connection =>
                    {
                        connection.Features.Set(tag);
                        return next(connection);
                    });
                    listener.Configure(endpoint);
                });
            }
        });
        if (!AnyOn(builder))
            builder.Services.AddSingleton<IServer, NoServer>();
        if (Autodiscover.AutodiscoverEndpoints.IsOn(builder.Configuration))
        {
            // Each Autodiscover request waits on LDAP (System.DirectoryServices.Protocols is synchronous on Linux): without
            // threads at hand, 50 clients at once wait for the pool to grow, one thread a second.
            ThreadPool.GetMinThreads(out var workers, out var io);
            ThreadPool.SetMinThreads(Math.Max(workers, 64), io);
        }
    }

    /// <summary>Known from the configuration alone, before the host (and Kestrel) is built.</summary>
    private static bool AnyOn(WebApplicationBuilder builder) => StatusEndpoints.IsOn(builder.Configuration) || Autodiscover.AutodiscoverEndpoints.IsOn(builder.Configuration);

    public static void Map(WebApplication app, Serilog.ILogger logger)
    {
        // One line per request, at Debug (Serilog:MinimumLevel Debug shows it): probes ask every few seconds.
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = logger;
            options.GetLevel = (_, _, error) => error is null ? LogEventLevel.Debug : LogEventLevel.Error;
        });
        var listeners = app.Services.GetServices<IListener>().ToList();
        foreach (var listener in listeners)
            listener.Map(app.MapGroup(listener.Address?.PathBase ?? "").WithMetadata(new ListenerTag(listener.Name)));
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var listener in listeners.Where(l => l.Address is not null))
                listener.Announce();
        });
    }
}
