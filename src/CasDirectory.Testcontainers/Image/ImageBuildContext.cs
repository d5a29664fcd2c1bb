using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace CasDirectory.Testcontainers;

/// <summary>
/// The image's build context this assembly carries (docker/testcontainers/Dockerfile at its root and the sources it
/// copies, embedded at build time), and its digest: SHA-256 over the files' paths and contents, so it changes with
/// the sources and never with timestamps. An image of the package's version whose digest label differs is rebuilt.
/// </summary>
internal static class ImageBuildContext
{
    private const string ResourceName = "CasDirectory.Testcontainers.image-context.zip";
    public const string DigestLabel = "org.casdirectory.source-digest";

    private static readonly Lazy<string> LazyDigest = new(ComputeDigest);

    public static string Digest => LazyDigest.Value;

    /// <summary>Writes the context into a new temporary directory (the caller deletes it); shell scripts executable.</summary>
    public static DirectoryInfo Extract()
    {
        var directory = Directory.CreateTempSubdirectory("casdirectory-image-");
        using var archive = Open();
        archive.ExtractToDirectory(directory.FullName);
        if (!OperatingSystem.IsWindows())
        {
            foreach (var script in directory.EnumerateFiles("*.sh", SearchOption.AllDirectories))
                File.SetUnixFileMode(script.FullName, (UnixFileMode)0b111_101_101);
        }
        return directory;
    }

    private static ZipArchive Open() =>
        new(typeof(ImageBuildContext).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is missing from {typeof(ImageBuildContext).Assembly.GetName().Name}: the package was built without its image context."));

    private static string ComputeDigest()
    {
        using var archive = Open();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in archive.Entries.Where(e => e.Length > 0 || !e.FullName.EndsWith('/')).OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(entry.FullName.Replace('\\', '/') + "\0"));
            using var content = entry.Open();
            var buffer = new byte[81920];
            int read;
            while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
                hash.AppendData(buffer, 0, read);
            hash.AppendData([0]);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
