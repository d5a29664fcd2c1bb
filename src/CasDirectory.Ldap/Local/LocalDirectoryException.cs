namespace CasDirectory.Ldap.Local;

/// <summary>
/// A local directory could not be started, stopped or read; the message says why and what to do.
/// <see cref="IsInvalidInput"/> marks a bad value given by the caller (a usage error for the CLI).
/// </summary>
public sealed class LocalDirectoryException(string message, Exception? inner = null, bool isInvalidInput = false) : Exception(message, inner)
{
    public bool IsInvalidInput { get; } = isInvalidInput;

    public static LocalDirectoryException InvalidInput(string message) => new(message, isInvalidInput: true);
}
