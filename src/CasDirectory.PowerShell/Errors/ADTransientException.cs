namespace CasDirectory.PowerShell.Errors;

/// <summary>The directory could not be reached (EMS: ADTransientException).</summary>
public sealed class ADTransientException(string message, Exception inner) : Exception(message, inner);
