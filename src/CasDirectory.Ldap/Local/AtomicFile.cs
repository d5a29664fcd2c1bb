namespace CasDirectory.Ldap.Local;

/// <summary>
/// The one way casdir replaces a state file (casdir.json, url, certificates and keys, the service's cursor): a
/// temporary file of this process's own in the same folder, flushed to disk, renamed over the old one. A crash or a
/// full disk leaves the old file or the new one, never half of either; a private file is 0600 from its first byte.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, string text, bool isPrivate = false)
    {
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, new FileStreamOptions
                   {
                       Mode = FileMode.CreateNew,
                       Access = FileAccess.Write,
                       UnixCreateMode = isPrivate ? UnixFileMode.UserRead | UnixFileMode.UserWrite : null,
                   }))
            {
                stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
