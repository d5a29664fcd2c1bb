namespace CasDirectory.Core.Servers;

/// <summary>
/// Whether an object casdir writes as several entries is whole (docs/rules.md, "Resumable writes"). A server carries
/// Creating from its first entry to its last, Removing from the start of its removal: one that still shows either was
/// interrupted, and the same command run again finishes it.
/// </summary>
public enum ProvisioningState
{
    Complete,
    Creating,
    Removing,
}

public static class ProvisioningStates
{
    /// <summary>The directory's value (casdirProvisioningState): absent is Complete; anything unknown counts as Creating.</summary>
    public static ProvisioningState Parse(string? value) => value?.ToLowerInvariant() switch
    {
        null or "" => ProvisioningState.Complete,
        "removing" => ProvisioningState.Removing,
        _ => ProvisioningState.Creating,
    };

    public static string ToDirectoryValue(this ProvisioningState state) => state.ToString().ToLowerInvariant();
}
