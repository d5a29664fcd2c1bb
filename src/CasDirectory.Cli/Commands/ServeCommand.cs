using CasDirectory.Cli.Arguments;
using CasDirectory.Service.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CasDirectory.Cli.Commands;

/// <summary>
/// casdir serve: runs the hosted service until SIGTERM or Ctrl-C, with the configuration <see cref="CommandLine"/> made of
/// its arguments: --data DIR (or CASDIR_DATA), -DomainController URL (or CASDIR_DOMAIN_CONTROLLER), --log-format json
/// and --log-file as shorthands; any other setting as configuration (--SiteTopology:PollInterval=00:00:01,
/// CASDIR_SiteTopology__PollInterval, or appsettings.json next to casdir).
/// </summary>
public static class ServeCommand
{
    public static int Run(ServeArguments arguments)
    {
        var configuration = arguments.Configuration;
        if (configuration.Select(c => c.Split('=', 2)).FirstOrDefault(c => c.Length == 2 && c[0] == "--Logging:Format") is { } format
            && format[1].ToLowerInvariant() is not ("text" or "human" or "json"))
        {
            Console.Error.WriteLine($"casdir serve: --log-format must be human (text) or json, not '{format[1]}'.");
            return ExitCodes.Usage;
        }
        try
        {
            using var host = CasDirectoryHost.Build(configuration.ToArray());
            // Validate before starting, so a bad setting is one clear line rather than the host's stack trace.
            var settings = host.Services.GetRequiredService<IOptions<Service.SiteTopology.SiteTopologyOptions>>().Value;
            // The service takes the state folder's lock as it starts; asking here first gives a second instance one
            // clear line instead of the host's start-up failure.
            Service.SiteTopology.StateDirectoryLock.Acquire(settings.StateFolder).Dispose();
            var updater = host.Services.GetRequiredService<Service.SiteTopology.SiteTopologyUpdater>();
            // Resolved now: a host that fails to start is disposed by the time its exception arrives.
            var listeners = host.Services.GetServices<Service.Http.IListener>().ToList();
            try
            {
                host.Run();
            }
            catch (Exception e) when (Service.Http.ListenerBindFailure.Describe(e, listeners) is { } line)
            {
                // A port in use: nothing started (Kestrel binds before the updater starts).
                Console.Error.WriteLine($"casdir serve: {line}");
                return ExitCodes.Failed;
            }
            // A background service that failed stops the host "normally": that is still a failed service.
            if (updater.ExecuteTask is { IsFaulted: true } failed)
            {
                Console.Error.WriteLine($"casdir serve: stopped: {failed.Exception!.GetBaseException().Message}");
                return ExitCodes.Failed;
            }
            return ExitCodes.Success;
        }
        catch (Service.SiteTopology.StateDirectoryInUseException e)
        {
            Console.Error.WriteLine($"casdir serve: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (OptionsValidationException e)
        {
            Console.Error.WriteLine($"casdir serve: {string.Join(" ", e.Failures)}");
            return ExitCodes.Usage;
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            // Binding a setting such as --SiteTopology:PollInterval=abc.
            Console.Error.WriteLine($"casdir serve: {e.Message}");
            return ExitCodes.Usage;
        }
    }
}
