namespace CasDirectory.Core.Servers;

/// <summary>How the shell writes roles: "Mailbox, ClientAccess, HubTransport", or "None".</summary>
public static class ServerRoleNames
{
    private static readonly (ServerRoles Role, string Name)[] Names =
    [
        (ServerRoles.Mailbox, "Mailbox"),
        (ServerRoles.ClientAccess, "ClientAccess"),
        (ServerRoles.UnifiedMessaging, "UnifiedMessaging"),
        (ServerRoles.HubTransport, "HubTransport"),
        (ServerRoles.Edge, "Edge"),
    ];

    public static string Format(ServerRoles roles) =>
        roles == ServerRoles.None ? "None" : string.Join(", ", Names.Where(n => roles.HasFlag(n.Role)).Select(n => n.Name));

    /// <summary>Parses "Mailbox,ClientAccess,HubTransport" (any case; Edge may be written EdgeTransport).</summary>
    public static ServerRoles Parse(string? text)
    {
        var roles = ServerRoles.None;
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.Equals("EdgeTransport", StringComparison.OrdinalIgnoreCase) ? "Edge" : part;
            var match = Names.FirstOrDefault(n => n.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (match.Name is null && !name.Equals("None", StringComparison.OrdinalIgnoreCase))
                throw new DomainRuleException($"'{part}' is not a server role. Roles: {string.Join(", ", Names.Select(n => n.Name))}.", isMalformedInput: true);
            roles |= match.Role;
        }
        if (roles.HasFlag(ServerRoles.Edge) && roles != ServerRoles.Edge)
            throw new DomainRuleException("The Edge role cannot be combined with other roles.", isMalformedInput: true);
        return roles;
    }
}
