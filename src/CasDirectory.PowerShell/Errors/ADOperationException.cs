namespace CasDirectory.PowerShell.Errors;

/// <summary>The directory refused an operation (EMS: ADOperationException).</summary>
public sealed class ADOperationException(string message, Exception inner) : Exception(message, inner);
