namespace CasDirectory.Ldap.Local;

/// <summary>
/// A local directory could not be started, stopped or read; the message says why and what to do.
/// <see cref="IsInvalidInput"/> marks a bad value given by the caller (a usage error for the CLI);
/// <see cref="IsBusy"/> another casdir up or down holding the folder (nothing was done: run it again later).
/// </summary>
public sealed class LocalDirectoryException(string message, Exception? inner = null, bool isInvalidInput = false, bool isBusy = false) : Exception(message, inner)
{
    public bool IsInvalidInput { get; } = isInvalidInput;
    public bool IsBusy { get; } = isBusy;

    public static LocalDirectoryException InvalidInput(string message) => new(message, isInvalidInput: true);

    public static LocalDirectoryException Busy(string message) => new(message, isBusy: true);
}
