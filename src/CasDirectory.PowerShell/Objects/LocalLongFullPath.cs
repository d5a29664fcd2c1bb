namespace CasDirectory.PowerShell.Objects;

/// <summary>
/// EMS's LocalLongFullPath: a full local Windows path (C:\Program Files\Microsoft\Exchange Server\V14\Logging\IRMLogs).
/// Checked as it binds: a drive letter, no characters Windows refuses, at most 248 characters.
/// </summary>
public sealed class LocalLongFullPath
{
    public LocalLongFullPath(string path)
    {
        if (!Core.Servers.LocalPathSyntax.IsValid(path ?? ""))
            throw new ArgumentException($"'{path}' is not a full local path: use one such as C:\\Logs\\IRM, of at most {Core.Servers.LocalPathSyntax.MaximumLength} characters.");
        PathName = path!;
    }

    public string PathName { get; }

    public override string ToString() => PathName;
}
