using System.Diagnostics;

namespace CasDirectory.IntegrationTests.Fixtures;

/// <summary>
/// slapd run by a test itself, in the foreground (-d 0), on a lab's configuration and URL, optionally under a wrapper
/// such as valgrind: for what `casdir up` does not do (a broken configuration, a memory checker). Stopped with SIGTERM,
/// as an administrator stops it, so it shuts down cleanly and a checker sees its whole life.
/// </summary>
public sealed class ForegroundSlapd : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;

    private ForegroundSlapd(Process process)
    {
        _process = process;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        _output = Task.WhenAll(stdout, stderr).ContinueWith(t => t.Result[1] + t.Result[0], TaskScheduler.Default);
    }

    public static string SlapdPath => new[] { "/usr/sbin/slapd", "/usr/local/sbin/slapd", "/usr/local/libexec/slapd" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("slapd was not found: sudo apt-get install -y slapd");

    public static ForegroundSlapd Start(string configFile, string url, params string[] wrapper)
    {
        var program = wrapper.Length > 0 ? wrapper[0] : SlapdPath;
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in wrapper.Skip(1).Concat(wrapper.Length > 0 ? [SlapdPath] : []).Concat(["-d", "0", "-f", configFile, "-h", url]))
            info.ArgumentList.Add(argument);
        return new ForegroundSlapd(Process.Start(info) ?? throw new InvalidOperationException($"{program} could not be started"));
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for slapd to end by itself (a configuration it refuses); its exit code and what it printed.</summary>
    public (int ExitCode, string Output) WaitForExit(TimeSpan bound)
    {
        if (!_process.WaitForExit(bound))
            throw new TimeoutException($"slapd was still running after {bound}");
        _process.WaitForExit();
        return (_process.ExitCode, _output.Result);
    }

    /// <summary>Waits until slapd answers a root DSE read on its URL (or ends, which is reported).</summary>
    public void WaitUntilServing(LdapTools tools, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        while (tools.Search(LdapTools.Anonymous, "", "(objectClass=*)", "base", "namingContexts").ExitCode != 0)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"slapd ended while starting (exit {_process.ExitCode}): {_output.Result}");
            if (clock.Elapsed > bound)
                throw new TimeoutException($"slapd did not answer within {bound}");
            Thread.Sleep(100);
        }
    }

    /// <summary>SIGTERM, then waits for a clean end; returns what slapd printed.</summary>
    public string Stop(TimeSpan bound)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
            kill.WaitForExit();
        }
        return WaitForExit(bound).Output;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
