using CasDirectory.Service.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CasDirectory.Cli.Commands;

/// <summary>
/// casdir serve: runs the hosted service until SIGTERM or Ctrl-C. Takes --data DIR, -DomainController URL and
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
        if (!configuration.Any(c => c.StartsWith("--SiteTopology:DataDirectory=", StringComparison.Ordinal))
            && Environment.GetEnvironmentVariable(Ldap.Connection.DirectoryTarget.DataVariable) is { Length: > 0 } data)
            configuration.Add($"--SiteTopology:DataDirectory={Path.GetFullPath(data)}");
        try
        {
            using var host = CasDirectoryHost.Build(configuration.ToArray());
            // Validate before starting, so a bad setting is one clear line rather than the host's stack trace.
            _ = host.Services.GetRequiredService<IOptions<Service.SiteTopology.SiteTopologyOptions>>().Value;
            host.Run();
            return ExitCodes.Success;
        }
        catch (OptionsValidationException e)
        {
            Console.Error.WriteLine($"casdir serve: {string.Join(" ", e.Failures)}");
            return ExitCodes.Usage;
        }
    }
}
