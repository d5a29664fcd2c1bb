using CasDirectory.Core.Naming;

namespace CasDirectory.Core.Servers;

/// <summary>What a new Exchange server's name, FQDN and roles must be: a computer name (NetBIOS: 15 characters, letters, digits, hyphens), one role set.</summary>
public static class ExchangeServerNames
{
    public const int MaximumComputerNameLength = 15;

    public static string RequireComputerName(string name)
    {
        name = ObjectName.Require(name);
        if (name.Length > MaximumComputerNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') || name.StartsWith('-') || name.EndsWith('-'))
            throw new DomainRuleException($"-Name '{name}' is not a computer name: at most {MaximumComputerNameLength} letters, digits and hyphens (no spaces, dots or underscores).", isMalformedInput: true);
        return name;
    }

    /// <summary>NAME.domain, which must itself be a valid FQDN.</summary>
    public static string RequireDefaultFqdn(string name, string domain) => Fqdn.Require($"{name}.{domain}");

    /// <summary>At least one role, and Edge alone (ServerRoleNames gives the same rule for text).</summary>
    public static ServerRoles RequireRoles(ServerRoles roles)
    {
        if (roles == ServerRoles.None)
            throw new DomainRuleException("-Roles needs at least one role: Mailbox, ClientAccess, UnifiedMessaging, HubTransport or Edge.", isMalformedInput: true);
        if (roles.HasFlag(ServerRoles.Edge) && roles != ServerRoles.Edge)
            throw new DomainRuleException("The Edge role cannot be combined with other roles.", isMalformedInput: true);
        return roles;
    }
}
