using System.Net;
using CasDirectory.Core.Naming;

namespace CasDirectory.Core.Servers;

/// <summary>Whether a server in the directory is the one a New-ExchangeServer would make (for finishing and resuming).</summary>
public static class ServerProvisioning
{
    public static bool Same(ExchangeServer existing, ServerRoles roles, ServerVersion version, string fqdn, IReadOnlyList<IPAddress> addresses, string? site, string edition) =>
        existing.Roles == roles
        && existing.Version is { } v && v.ToSerialNumber() == version.ToSerialNumber()
        && string.Equals(existing.Fqdn, fqdn, StringComparison.OrdinalIgnoreCase)
        && existing.IPAddresses.ToHashSet().SetEquals(addresses)
        && ObjectName.Comparer.Equals(existing.SiteName, site)
        && string.Equals(existing.Edition, edition, StringComparison.OrdinalIgnoreCase);

    public static string Describe(ExchangeServer server) =>
        $"{ServerRoleNames.Format(server.Roles)}, {server.Version?.ToAdminDisplayVersion() ?? "no version"}, {server.Fqdn}, " +
        $"{string.Join(" ", server.IPAddresses)}, site {server.SiteName ?? "(none)"}";
}
