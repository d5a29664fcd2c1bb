using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CasDirectory.Ldap.Local;

/// <summary>Starts slapd in the background, finds the slapds that serve a folder, and stops them.</summary>
internal static partial class SlapdProcess
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    /// <summary>
    /// The descriptors slapd is given where the hard limit allows (docs/security.md, "A connection flood"): every
    /// source port of one address on both listeners (2 × 65,535) and 16,384 to spare for its own files and the accounts.
    /// Its connection table costs about 640 bytes a descriptor (94 MB here; 670 MB at Docker's 1,048,576).
    /// </summary>
    public const int OpenDescriptors = 147_456;

    /// <summary>Runs a tool to completion, feeding it standard input; returns exit code and combined output.</summary>
    public static (int ExitCode, string Output) Run(string program, IEnumerable<string> arguments, string? standardInput = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = standardInput is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new LocalDirectoryException($"{program} could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
            process.StandardInput.Close();
        }
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new LocalDirectoryException($"{Path.GetFileName(program)} did not finish in time.");
        }
        process.WaitForExit();
        return (process.ExitCode, (stderr.Result + stdout.Result).Trim());
    }

    /// <summary>
    /// Starts a program in its own session (setsid), detached from casdir, its output appended to a log file.
    /// Returns its pid. slapd runs in the foreground (-d 0) so start-up errors land in the log.
    /// </summary>
    public static int StartDetached(string program, IEnumerable<string> arguments, string logFile)
    {
        try
        {
            File.AppendAllText(logFile, ""); // the log must be writable: say so plainly rather than through sh
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LocalDirectoryException($"slapd cannot be started: its log {logFile} cannot be written ({e.Message.Trim()}). " +
                "The data folder must be writable (a read-only file system or a full disk?).", e);
        }
        // sh backgrounds the job and prints its pid; setsid (no fork: the job is not a group leader) execs the program.
        // First it sets the job's descriptor limit (slapd's connection table): OpenDescriptors, raising the hard limit
        // where it may (root), else the hard limit. Only the job's: casdir keeps its own.
        var (code, output) = Run("/bin/sh",
            ["-c", $"n={OpenDescriptors}; h=$(ulimit -Hn); if [ \"$h\" != unlimited ] && [ \"$h\" -lt $n ]; then ulimit -Hn $n 2>/dev/null || n=$h; fi; ulimit -Sn $n; " +
                "setsid \"$@\" </dev/null >>\"$0\" 2>&1 & echo $!", logFile, program, .. arguments]);
        if (code != 0 || !int.TryParse(output.Trim(), out var pid))
            throw new LocalDirectoryException($"{Path.GetFileName(program)} could not be started: {output}");
        return pid;
    }

    /// <summary>True while the process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// The slapds whose command line names <paramref name="configFile"/> (<c>-f</c>): the processes that serve that
    /// folder, whatever its pid file says. The pid file can be deleted, or name a process that has since ended or a
    /// pid reused by another program; the command line cannot lie about which folder a slapd serves. The pid file's
    /// slapd comes first.
    /// </summary>
    public static IReadOnlyList<int> Serving(string configFile, string pidFile)
    {
        var config = Canonical(configFile);
        var serving = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), out var pid) && IsSlapd(pid) && ConfigFileOf(pid) is { } file && Canonical(file) == config)
                serving.Add(pid);
        }
        if (PidFileValue(pidFile) is { } recorded && serving.Remove(recorded))
            serving.Insert(0, recorded);
        return serving;
    }

    /// <summary>The pid the pid file holds (alive or not), or null without one.</summary>
    public static int? PidFileValue(string pidFile)
    {
        try
        {
            return int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>slapd's -f argument (as "-f PATH" or "-fPATH"), made absolute against the process's working folder.</summary>
    private static string? ConfigFileOf(int pid)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            for (var i = 1; i < arguments.Length; i++)
            {
                var value = arguments[i] == "-f" && i + 1 < arguments.Length ? arguments[i + 1]
                    : arguments[i].StartsWith("-f", StringComparison.Ordinal) && arguments[i].Length > 2 ? arguments[i][2..]
                    : null;
                if (value is not null)
                    return Path.IsPathRooted(value) ? value : Path.Combine(Directory.ResolveLinkTarget($"/proc/{pid}/cwd", false)?.FullName ?? "/", value);
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // it ended meanwhile, or belongs to another user and hides its folder
        }
    }

    /// <summary>The path with symbolic links resolved (one folder reached through two names is one folder).</summary>
    private static string Canonical(string path)
    {
        var full = Path.GetFullPath(path);
        var resolved = realpath(full, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
            return full; // the file is gone: compare as written
        try
        {
            return Marshal.PtrToStringUTF8(resolved) ?? full;
        }
        finally
        {
            free(resolved);
        }
    }

    private static bool IsSlapd(int pid)
    {
        try
        {
            return IsAlive(pid) && File.ReadAllText($"/proc/{pid}/comm").Trim() == "slapd";
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, then SIGKILL if slapd has not stopped within the grace period.</summary>
    public static void Stop(int pid, TimeSpan grace)
    {
        _ = kill(pid, SigTerm);
        var deadline = Stopwatch.StartNew();
        while (IsSlapd(pid))
        {
            if (deadline.Elapsed > grace)
            {
                _ = kill(pid, SigKill);
                grace += TimeSpan.FromSeconds(5);
            }
            Thread.Sleep(20);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr realpath(string path, IntPtr resolved);

    [LibraryImport("libc")]
    private static partial void free(IntPtr pointer);
}
