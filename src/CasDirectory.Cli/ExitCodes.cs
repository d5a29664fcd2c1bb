namespace CasDirectory.Cli;

/// <summary>casdir's exit codes: 0 done, 1 refused or failed, 2 usage.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int Usage = 2;
}
