using System.Diagnostics;

namespace CasDirectory.IntegrationTests.Fixtures;

/// <summary>
/// The slapd processes whose command line names a folder, read from /proc: what serves a folder as the system sees
/// it, without trusting the pid file or casdir's own lookup.
/// </summary>
public static class SlapdProcesses
{
    public static IReadOnlyList<int> Serving(string folder)
    {
        var prefix = Path.GetFullPath(folder).TrimEnd('/') + "/";
        var pids = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry), out var pid) && NamesFolder(pid, prefix))
                pids.Add(pid);
        }
        return pids;
    }

    /// <summary>Kills what a failed test left serving the folder, by pid, and waits until it is gone.</summary>
    public static void KillServing(string folder)
    {
        foreach (var pid in Serving(folder))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(TimeSpan.FromSeconds(30));
            }
            catch (ArgumentException)
            {
                // it ended meanwhile
            }
        }
    }

    private static bool NamesFolder(int pid, string prefix)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == "slapd"
                   && File.ReadAllText($"/proc/{pid}/cmdline").Split('\0').Any(a => a.StartsWith(prefix, StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // it ended while we looked
        }
    }
}
