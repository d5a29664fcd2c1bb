namespace CasDirectory.Testcontainers;

/// <summary>
/// The directory did not come up: the container ended while starting (the message carries its exit code and last
/// log lines), or an LDIF given to <see cref="CasDirectoryBuilder.WithLdif"/> or a script given to
/// <see cref="CasDirectoryBuilder.WithCasdirScript"/> failed (the message carries the tool's own error).
/// </summary>
public sealed class CasDirectoryStartupException(string message, Exception? innerException = null) : Exception(message, innerException);
