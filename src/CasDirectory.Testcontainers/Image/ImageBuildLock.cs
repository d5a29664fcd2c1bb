using System.Security.Cryptography;
using System.Text;

namespace CasDirectory.Testcontainers;

/// <summary>
/// One build of an image at a time on this machine, across processes: an exclusive lock on a file in the temporary
/// folder, named after the image and the engine. The lock is the operating system's (flock on Unix), so a process
/// that dies releases it.
/// </summary>
internal sealed class ImageBuildLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(30);

    // How often a caller found each lock file held and waited: shows a waiter really is waiting (tests).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> BusyCounts = new(StringComparer.Ordinal);

    private readonly FileStream? _file;

    private ImageBuildLock(FileStream? file) => _file = file;

    public static async Task<ImageBuildLock> AcquireAsync(string image, Uri? endpoint)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{endpoint}|{image}")))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"casdirectory-testcontainers-build-{key}.lock");
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return new ImageBuildLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                BusyCounts.AddOrUpdate(path, 1, (_, count) => count + 1);
                await Task.Delay(Poll).ConfigureAwait(false); // another process is building it
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's lock file: builds by different users on one machine are not kept apart.
                return new ImageBuildLock(null);
            }
            catch (IOException e)
            {
                throw new CasDirectoryImageUnavailableException(
                    $"The image '{image}' has been building in another process for {Patience.TotalMinutes:0} minutes (lock file {path}); if none is, remove the file.", e);
            }
        }
    }

    /// <summary>How many times, in this process, an attempt found the lock file at <paramref name="path"/> held.</summary>
    internal static int TimesFoundHeld(string path) => BusyCounts.TryGetValue(path, out var count) ? count : 0;

    /// <summary>The lock file (null when another user's file could not be opened).</summary>
    public string? FilePath => _file?.Name;

    public void Dispose() => _file?.Dispose();
}
