using System.Diagnostics;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Fixtures;

/// <summary>
/// The repository's docker-compose.yml as its own throwaway project (a unique name, free host ports), on the Docker
/// engine DOCKER_HOST names. Uses `docker compose` (v2) when present, else `docker-compose` (v1). Disposing removes
/// the project's containers and volumes. A missing engine is a failure with the way to get one, never a skip.
/// </summary>
public sealed class ComposeProject : IDisposable
{
    private readonly string[] _compose;
    private readonly string _file;

    private ComposeProject(string[] compose, string name, string file)
    {
        _compose = compose;
        Name = name;
        _file = file;
    }

    public string Name { get; }
    public int LdapPort { get; } = FreePort.Next();
    public int LdapsPort { get; } = FreePort.Next();
    public int StatusPort { get; } = FreePort.Next();
    public int AutodiscoverPort { get; } = FreePort.Next();
    /// <summary>docker-compose.ha.yml's read endpoint (CASDIR_READ_PORT).</summary>
    public int ReadPort { get; } = FreePort.Next();
    public string LdapUrl => $"ldap://127.0.0.1:{LdapPort}";
    public string LdapsUrl => $"ldaps://127.0.0.1:{LdapsPort}";
    public string StatusUrl => $"http://127.0.0.1:{StatusPort}/";

    /// <summary>A project of <paramref name="file"/> (docker-compose.yml, or docker-compose.ha.yml for the replicated one).</summary>
    public static ComposeProject Create(string file = "docker-compose.yml")
    {
        var engine = Docker("version", "--format", "{{.Server.Version}}");
        if (engine.ExitCode != 0)
            Assert.Fail("No Docker engine answers (DOCKER_HOST=" + (Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "unset") + "): " + engine.Error.Trim() +
                        "\nRun the tests with ./test, which starts a private engine as root (scripts/docker-engine.sh), or: scripts/docker-engine.sh run dotnet test ...");
        string[] compose = Docker("compose", "version").ExitCode == 0 ? ["docker", "compose"] : ["docker-compose"];
        return new ComposeProject(compose, $"casdirtest{Guid.NewGuid():N}"[..20], file);
    }

    public static ProcessResult Docker(params string[] arguments) => Run(["docker", .. arguments], null, TimeSpan.FromMinutes(2));

    /// <summary>docker compose -p NAME -f FILE ARGUMENTS, with this project's ports and the local base images.</summary>
    public ProcessResult Compose(IEnumerable<string> arguments, string? input = null, TimeSpan? timeout = null) =>
        Run([.. _compose, "-p", Name, "-f", RepositoryPaths.Combine(_file), .. arguments], input, timeout ?? TimeSpan.FromMinutes(2), ComposeEnvironment);

    public ProcessResult Compose(params string[] arguments) => Compose((IEnumerable<string>)arguments);

    /// <summary>Compose that must succeed.</summary>
    public ProcessResult Must(params string[] arguments)
    {
        var result = Compose(arguments);
        Assert.That(result.ExitCode, Is.Zero, () => $"{string.Join(' ', _compose)} {string.Join(' ', arguments)}: {result}");
        return result;
    }

    /// <summary>The CLI through the casdir image: docker compose run --rm [-T] casdir ARGUMENTS.</summary>
    public ProcessResult Casdir(string[] arguments, string? input = null) =>
        Compose(["run", "--rm", "-T", "casdir", .. arguments], input);

    /// <summary>A file of a running service (a password, the CA) read as the docs say: docker compose exec -T.</summary>
    public string Read(string service, string path) => Must("exec", "-T", service, "cat", path).Output;

    public IReadOnlyDictionary<string, string> Health()
    {
        var ids = Must("ps", "-q").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var states = new Dictionary<string, string>();
        foreach (var id in ids)
        {
            var inspect = Docker("inspect", "--format", "{{index .Config.Labels \"com.docker.compose.service\"}} {{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}", id);
            if (inspect.ExitCode == 0 && inspect.Output.Trim().Split(' ') is [var service, var state])
                states[service] = state;
        }
        return states;
    }

    /// <summary>Waits for every service to report healthy; returns how long it took.</summary>
    public TimeSpan WaitHealthy(params string[] services) => WaitHealthy(TimeSpan.FromSeconds(90), services);

    public TimeSpan WaitHealthy(TimeSpan timeout, params string[] services)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyDictionary<string, string> states = new Dictionary<string, string>();
        while (clock.Elapsed < timeout)
        {
            states = Health();
            if (services.All(s => states.GetValueOrDefault(s) == "healthy"))
                return clock.Elapsed;
            if (states.Values.Any(s => s is "unhealthy" or "exited" or "dead"))
                break;
            Thread.Sleep(250);
        }
        Assert.Fail($"not healthy after {clock.Elapsed.TotalSeconds:F0} s: {string.Join(", ", states.Select(s => $"{s.Key}={s.Value}"))}\n{Compose("logs", "--tail", "30").Output}");
        return clock.Elapsed;
    }

    /// <summary>The variables docker-compose.yml reads: this project's host ports and the base images.</summary>
    private Dictionary<string, string> ComposeEnvironment => new()
    {
        ["CASDIR_LDAP_PORT"] = LdapPort.ToString(),
        ["CASDIR_LDAPS_PORT"] = LdapsPort.ToString(),
        ["CASDIR_STATUS_PORT"] = StatusPort.ToString(),
        ["CASDIR_AUTODISCOVER_PORT"] = AutodiscoverPort.ToString(),
        ["CASDIR_READ_PORT"] = ReadPort.ToString(),
        // scripts/docker-engine.sh names the local base images; elsewhere the files' public defaults apply.
        ["CASDIR_BASE_IMAGE"] = Environment.GetEnvironmentVariable("CASDIR_BASE_IMAGE") ?? "debian:bookworm-slim",
        ["CASDIR_SDK_IMAGE"] = Environment.GetEnvironmentVariable("CASDIR_SDK_IMAGE") ?? "mcr.microsoft.com/dotnet/sdk:10.0",
    };

    private static ProcessResult Run(string[] command, string? input, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = ProcessRunner.StartInfo(command[0], command[1..]);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        try
        {
            return ProcessRunner.Run(info, input, timeout);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ProcessResult(127, "", $"{command[0]}: {e.Message} (apt-get install docker.io docker-compose, or scripts/docker-engine.sh)");
        }
    }

    public void Dispose()
    {
        var down = Compose(["down", "-v", "--remove-orphans", "--timeout", "5"]);
        if (down.ExitCode != 0)
            TestContext.Progress.WriteLine($"compose down of {Name} failed: {down}");
    }
}
