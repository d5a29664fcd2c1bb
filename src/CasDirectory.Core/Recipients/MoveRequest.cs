namespace CasDirectory.Core.Recipients;

/// <summary>
/// The move request Exchange 2010 keeps on the user it moves (msExchMailboxMove* attributes; docs/recipients.md). A move
/// in the directory model completes at once: the request is left Completed, as a real one is when it ends, until
/// Remove-MoveRequest clears it.
/// </summary>
public sealed record MoveRequest
{
    public required RequestStatus Status { get; init; }
    public string? SourceDatabaseDn { get; init; }
    public string? TargetDatabaseDn { get; init; }
    public string? BatchName { get; init; }
    public MoveRequestFlags Flags { get; init; }
}

/// <summary>msExchMailboxMoveStatus: Exchange 2010's RequestStatus (Get-MoveRequest -MoveStatus).</summary>
public enum RequestStatus
{
    None = 0,
    Queued = 1,
    InProgress = 2,
    AutoSuspended = 3,
    CompletionInProgress = 4,
    Completed = 10,
    CompletedWithWarning = 11,
    Suspended = 98,
    Failed = 99,
}

/// <summary>msExchMailboxMoveFlags (Exchange 2010's RequestFlags).</summary>
[Flags]
public enum MoveRequestFlags
{
    None = 0,
    CrossOrg = 1,
    IntraOrg = 2,
    Push = 4,
    Pull = 8,
    Offline = 16,
    Protected = 32,
    RemoteLegacy = 64,
    HighPriority = 128,
    Suspend = 256,
    SuspendWhenReadyToComplete = 512,
    MoveOnlyPrimaryMailbox = 1024,
    MoveOnlyArchiveMailbox = 2048,
}
