namespace CasDirectory.Testcontainers;

/// <summary>
/// The container started, but an LDIF given to <see cref="CasDirectoryBuilder.WithLdif"/> or a script given to
/// <see cref="CasDirectoryBuilder.WithCasdirScript"/> failed; the message carries the tool's own error.
/// </summary>
public sealed class CasDirectoryStartupException(string message) : Exception(message);
