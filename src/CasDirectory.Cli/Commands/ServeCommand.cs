using CasDirectory.Service.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CasDirectory.Cli.Commands;

/// <summary>
/// casdir serve: runs the hosted service until SIGTERM or Ctrl-C. Takes --data DIR (or CASDIR_DATA), -DomainController URL
/// (or CASDIR_DOMAIN_CONTROLLER) and
/// --log-format json as shorthands; any other setting as configuration (--SiteTopology:PollInterval=00:00:01,
/// CASDIR_SiteTopology__PollInterval, or appsettings.json next to casdir).
/// </summary>
public static class ServeCommand
{
    public static int Run(IReadOnlyList<string> arguments)
    {
        var configuration = new List<string>();
        for (var i = 0; i < arguments.Count; i++)
        {
            var name = arguments[i].TrimStart('-').ToLowerInvariant();
            var hasValue = i + 1 < arguments.Count;
            switch (name)
            {
                case "data" when hasValue: configuration.Add($"--SiteTopology:DataDirectory={Path.GetFullPath(arguments[++i])}"); break;
                case "domaincontroller" when hasValue: configuration.Add($"--SiteTopology:DomainController={arguments[++i]}"); break;
                case "log-format" or "logformat" when hasValue: configuration.Add($"--Logging:Format={arguments[++i]}"); break;
                case "log-file" or "logfile" when hasValue: configuration.Add($"--Logging:File={arguments[++i]}"); break;
                default: configuration.Add(arguments[i]); break;
            }
        }
        // CASDIR_DOMAIN_CONTROLLER and CASDIR_DATA name the directory as they do for every other command (the container sets the first).
        var named = configuration.Any(c => c.StartsWith("--SiteTopology:DataDirectory=", StringComparison.Ordinal) || c.StartsWith("--SiteTopology:DomainController=", StringComparison.Ordinal));
        if (!named && Environment.GetEnvironmentVariable(Ldap.Connection.DirectoryTarget.DomainControllerVariable) is { Length: > 0 } domainController)
            configuration.Add($"--SiteTopology:DomainController={domainController}");
        else if (!named && Environment.GetEnvironmentVariable(Ldap.Connection.DirectoryTarget.DataVariable) is { Length: > 0 } data)
            configuration.Add($"--SiteTopology:DataDirectory={Path.GetFullPath(data)}");
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
            host.Run();
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
