namespace CasDirectory.Cli;

/// <summary>casdir's exit codes: 0 done, 1 refused or failed, 2 usage, 3 busy.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    /// <summary>Another casdir up or down is starting or stopping the directory in that folder; nothing was done.</summary>
    public const int Busy = 3;
}
