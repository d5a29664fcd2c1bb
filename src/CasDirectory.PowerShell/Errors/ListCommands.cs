namespace CasDirectory.PowerShell.Errors;

/// <summary>
/// Where to look when an identity names nothing: the cmdlet that lists that kind of object. The core says only what
/// was not found; this shell adds the advice ("Get-MailboxDatabase lists them."), since it knows its cmdlets.
/// </summary>
public static class ListCommands
{
    private static readonly Dictionary<string, string> ByKind = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Client Access array"] = "Get-ClientAccessArray",
        ["Exchange server"] = "Get-ExchangeServer",
        ["server"] = "Get-ExchangeServer",
        ["Client Access server"] = "Get-ClientAccessServer",
        ["mailbox database"] = "Get-MailboxDatabase",
        ["public folder database"] = "Get-PublicFolderDatabase",
        ["site"] = "Get-ADReplicationSite",
        ["subnet"] = "Get-ADReplicationSubnet",
        ["database availability group"] = "Get-DatabaseAvailabilityGroup",
        ["site link"] = "Get-AdSiteLink",
        ["mailbox"] = "Get-Mailbox",
        ["user"] = "Get-Mailbox",
        ["move request"] = "Get-MoveRequest",
    };

    /// <summary>"Get-MailboxDatabase lists them." for a kind the module lists, else null.</summary>
    public static string? Advice(string kind) => ByKind.TryGetValue(kind, out var command) ? $"{command} lists them." : null;
}
