namespace CasDirectory.Cli;

/// <summary>The command line itself is wrong (exit code 2); PointToHelp adds "Run 'casdir --help' for usage." to the message.</summary>
public sealed class UsageException(string message, bool pointToHelp = false) : Exception(message)
{
    public bool PointToHelp { get; } = pointToHelp;
}
