using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace CasDirectory.Ldap.FrontEnd;

/// <summary>
/// The haproxy program and its admin socket: checking a configuration (<c>haproxy -c</c>), starting it as a daemon with a
/// pid file, stopping it, and the runtime API (show table, show stat, clear table…) over the 0600 Unix socket.
/// </summary>
public static class Haproxy
{
    public const string InstallHint = "haproxy is not installed: sudo apt-get install -y haproxy (Debian/Ubuntu), then run casdir frontend again.";

    /// <summary>The haproxy binary: CASDIR_HAPROXY, or haproxy on PATH, /usr/sbin or /usr/local/sbin.</summary>
    public static string Binary()
    {
        if (Environment.GetEnvironmentVariable("CASDIR_HAPROXY") is { Length: > 0 } given)
            return File.Exists(given) ? given : throw new FrontEndException($"CASDIR_HAPROXY names {given}, which does not exist. {InstallHint}");
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/local/sbin", "/sbin"]);
        return path.Select(d => Path.Combine(d, "haproxy")).FirstOrDefault(File.Exists) ?? throw new FrontEndException(InstallHint);
    }

    /// <summary>haproxy -c: the configuration is checked before anything is started; its complaint is the error.</summary>
    public static void Check(string configFile)
    {
        var (code, output) = Run(Binary(), "-c", "-q", "-f", configFile);
        if (code != 0)
            throw new FrontEndException($"haproxy refused the configuration {configFile}: {Summary(output)}");
    }

    /// <summary>Starts haproxy as a daemon (it writes its pid file and returns once it listens, or fails).</summary>
    public static void Start(string configFile)
    {
        var (code, output) = Run(Binary(), "-f", configFile);
        if (code != 0)
            throw new FrontEndException($"haproxy did not start: {Summary(output)}");
    }

    /// <summary>The running haproxy's pid, from its pid file, when that process is still a haproxy.</summary>
    public static int? RunningPid(string pidFile)
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
            return null;
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited || !process.ProcessName.StartsWith("haproxy", StringComparison.Ordinal) ? null : pid;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Stops the haproxy of <paramref name="pidFile"/> (SIGTERM, then waits up to 10 s); false if none ran.</summary>
    public static bool Stop(string pidFile)
    {
        if (RunningPid(pidFile) is not { } pid)
            return false;
        using var process = Process.GetProcessById(pid);
        // SIGTERM (Process.Kill would be SIGKILL): haproxy closes its listeners and exits at once in TCP mode.
        if (kill(pid, 15) != 0)
            throw new FrontEndException($"haproxy (pid {pid}) could not be stopped: it may belong to another user.");
        if (!process.WaitForExit(10_000))
            throw new FrontEndException($"haproxy (pid {pid}) did not stop within 10 s of SIGTERM.");
        File.Delete(pidFile);
        return true;
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>One command on the admin socket (the runtime API), its answer as text.</summary>
    public static string Ask(string socket, string command)
    {
        if (!File.Exists(socket))
            throw new FrontEndException($"The front end's admin socket {socket} does not exist: is its haproxy running? (casdir frontend --data FE --providers … starts it)");
        try
        {
            using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            client.ReceiveTimeout = 5000;
            client.SendTimeout = 5000;
            client.Connect(new UnixDomainSocketEndPoint(socket));
            client.Send(Encoding.ASCII.GetBytes(command + "\n"));
            var answer = new StringBuilder();
            var buffer = new byte[65536];
            int read;
            while ((read = client.Receive(buffer)) > 0)
                answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
            return answer.ToString();
        }
        catch (SocketException e)
        {
            throw new FrontEndException($"The front end's admin socket {socket} does not answer ({e.Message}): is its haproxy running?");
        }
    }

    private static string Summary(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.Contains("ALERT", StringComparison.Ordinal) || l.Contains("error", StringComparison.OrdinalIgnoreCase)).ToList();
        return string.Join(" ", lines.Count > 0 ? lines : output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3));
    }

    private static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new FrontEndException($"{file} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            throw new FrontEndException($"{file} {string.Join(' ', arguments)} did not finish within 30 s.");
        }
        return (process.ExitCode, output.Result + error.Result);
    }
}
