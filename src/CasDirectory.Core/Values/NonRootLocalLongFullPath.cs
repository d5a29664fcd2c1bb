using System.Text.RegularExpressions;

namespace CasDirectory.Core.Values;

/// <summary>
/// A full local path on the Exchange server, as Exchange's NonRootLocalLongFullPath: a drive letter, a backslash and at
/// least one folder (<c>D:\Databases\MDB03</c>); not a drive's root, not a UNC share, no character Windows refuses in a
/// path, at most 260 characters. casdir stores it (msExchESEParamLogFilePath) and never touches a disk.
/// </summary>
public partial class NonRootLocalLongFullPath
{
    public const int MaximumLength = 260;

    public NonRootLocalLongFullPath(string path)
    {
        if (!IsValid(path))
            throw new DomainRuleException(
                $"'{path}' is not a full local path on the server: use a drive letter and at least one folder, such as D:\\Databases\\MDB03, without < > \" / | ? * and at most {MaximumLength} characters.",
                isMalformedInput: true);
        PathName = path.TrimEnd('\\');
    }

    public string PathName { get; }

    public static bool IsValid(string? path) =>
        path is { Length: > 3 and <= MaximumLength } && LocalPath().IsMatch(path) && !path.Any(char.IsControl)
        && path[3..].Split('\\', StringSplitOptions.RemoveEmptyEntries).All(part => part.Trim().Length > 0 && part is not "." and not "..");

    public override string ToString() => PathName;

    [GeneratedRegex(@"^[A-Za-z]:\\[^<>:""/|?*]+$")]
    private static partial Regex LocalPath();
}
