namespace CasDirectory.PowerShell.Hosting;

/// <summary>The directory refused an operation (EMS: ADOperationException).</summary>
public sealed class ADOperationException(string message, Exception inner) : Exception(message, inner);
