namespace CasDirectory.Service.SiteTopology;

/// <summary>
/// One service per state directory: two would race on the feed cursor and each other's writes. The lock is an
/// exclusive lock on site-topology.lock, held for the life of the process (the kernel drops it if the process dies);
/// site-topology.pid names the holder for the message the second one gives.
/// </summary>
public sealed class StateDirectoryLock : IDisposable
{
    private readonly FileStream _lock;

    private StateDirectoryLock(FileStream lockFile) => _lock = lockFile;

    public static StateDirectoryLock Acquire(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        var lockPath = Path.Combine(stateDirectory, "site-topology.lock");
        var pidPath = Path.Combine(stateDirectory, "site-topology.pid");
        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var holder = File.Exists(pidPath) ? File.ReadAllText(pidPath).Trim() : "unknown";
            throw new StateDirectoryInUseException(
                $"Another casdir serve (pid {holder}) already runs on {stateDirectory}; one service per directory. Stop it first, or give this one its own --SiteTopology:StateDirectory.");
        }
        var pid = Environment.ProcessId + "\n";
        if (!File.Exists(pidPath) || File.ReadAllText(pidPath) != pid)
            File.WriteAllText(pidPath, pid);
        return new StateDirectoryLock(stream);
    }

    public void Dispose() => _lock.Dispose();
}

/// <summary>The state directory is held by another running service.</summary>
public sealed class StateDirectoryInUseException(string message) : Exception(message);
