using CasDirectory.Core.Servers;

namespace CasDirectory.PowerShell.Errors;

/// <summary>The warnings reads give for what an interrupted run left half-done (docs/rules.md, "Resumable writes").</summary>
internal static class IncompleteObjects
{
    public static string Server(ExchangeServer server) => server.Provisioning == ProvisioningState.Removing
        ? $"{server.Name} was left half-removed by an interrupted run; Remove-ExchangeServer {server.Name} finishes it."
        : $"{server.Name} was left half-created by an interrupted run; the same New-ExchangeServer finishes it (scripts: casdir -File SCRIPT -Resume).";

    public static string Database(string name) =>
        $"{name} has no copy: an interrupted run left it half-created; the same New-MailboxDatabase finishes it (scripts: casdir -File SCRIPT -Resume).";
}
