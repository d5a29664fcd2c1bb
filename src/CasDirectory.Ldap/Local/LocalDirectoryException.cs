namespace CasDirectory.Ldap.Local;

/// <summary>A local directory could not be started, stopped or read; the message says why and what to do.</summary>
public sealed class LocalDirectoryException(string message, Exception? inner = null) : Exception(message, inner);
