namespace CasDirectory.Ldap.Local;

/// <summary>
/// One <c>casdir up</c> or <c>down</c> at a time per data folder: an exclusive lock (flock, through FileShare.None) on
/// DIR/casdir.lock, held while slapd is created, started or stopped. Two ups at once would both create the directory
/// and start two slapds. The kernel drops the lock when casdir exits, however it exits; slapd never holds it (casdir
/// opens files close-on-exec), so a running directory is found by its slapd process (SlapdProcess.Serving), not by
/// this lock. DIR/casdir.lock.holder names the holder for the message the loser gives.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _holderFile;

    private DataDirectoryLock(FileStream lockFile, string holderFile)
    {
        _lock = lockFile;
        _holderFile = holderFile;
    }

    /// <summary>Takes the lock at once or throws a busy <see cref="LocalDirectoryException"/> naming the holder;
    /// <paramref name="verb"/> (up, down, repair-accesslog) is what this process is doing, for that message.</summary>
    public static DataDirectoryLock Acquire(DataDirectory data, string verb)
    {
        var lockFile = Path.Combine(data.Root, LockFileName);
        var holderFile = Path.Combine(data.Root, HolderFileName);
        FileStream stream;
        try
        {
            Directory.CreateDirectory(data.Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            // Read access is enough for flock, and works on a read-only folder (slapd then names the cause).
            var exists = File.Exists(lockFile);
            stream = new FileStream(lockFile, new FileStreamOptions
            {
                Mode = exists ? FileMode.Open : FileMode.OpenOrCreate,
                Access = FileAccess.Read,
                Share = FileShare.None,
                UnixCreateMode = exists ? null : UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(lockFile) && Directory.Exists(data.Root))
        {
            throw LocalDirectoryException.Busy(BusyMessage(data, holderFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LocalDirectoryException($"Cannot write to {data.Root}: {e.Message.Trim()}", e);
        }
        try
        {
            // The holder's note is best effort: a read-only folder still locks, and the lock is what counts.
            File.WriteAllText(holderFile, $"{Environment.ProcessId} {verb}\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return new DataDirectoryLock(stream, holderFile);
    }

    public const string LockFileName = "casdir.lock";
    public const string HolderFileName = "casdir.lock.holder";

    private static string BusyMessage(DataDirectory data, string holderFile)
    {
        var (pid, verb) = ReadHolder(holderFile);
        var who = pid is null ? "" : $" (pid {pid})";
        return verb switch
        {
            "down" => $"another casdir down is stopping the directory in {data.Root}{who}; wait for it or run casdir status --data {data.Root}.",
            "repair-accesslog" => $"another casdir repair-accesslog is restarting the directory in {data.Root}{who}; wait for it or run casdir status --data {data.Root}.",
            _ => $"another casdir up is starting the directory in {data.Root}{who}; wait for it or run casdir status --data {data.Root}.",
        };
    }

    /// <summary>The holder writes its note just after taking the lock: a loser that came a moment later waits for it, briefly.</summary>
    private static (int? Pid, string? Verb) ReadHolder(string holderFile)
    {
        var patience = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var parts = File.ReadAllText(holderFile).Split(' ', 2, StringSplitOptions.TrimEntries);
                if (int.TryParse(parts[0], out var pid) && parts.Length > 1)
                    return (SlapdProcess.IsAlive(pid) ? pid : null, parts[1]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // not written yet, or the folder is not readable
            }
            if (patience.Elapsed > TimeSpan.FromSeconds(1))
                return (null, null);
            Thread.Sleep(10);
        }
    }

    /// <summary>The lock file stays: deleting it under a waiting opener would let two processes lock two files.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(_holderFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        _lock.Dispose();
    }
}
