namespace CasDirectory.Testcontainers;

/// <summary>
/// The container's image is not on the Docker engine and can be neither pulled nor built there; the message says
/// what to do about it.
/// </summary>
public sealed class CasDirectoryImageUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
