namespace CasDirectory.Cli;

/// <summary>casdir's exit codes: 0 done, 1 refused or failed, 2 usage, 3 busy; 130 and 143 (128 + the signal's number,
/// as shells report a process a signal ended) when SIGINT (Ctrl-C) or SIGTERM stopped a line or script.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    /// <summary>Another casdir up or down is starting or stopping the directory in that folder; nothing was done.</summary>
    public const int Busy = 3;

    public const int Interrupted = 130;
    public const int Terminated = 143;
}
