namespace CasDirectory.Core.Servers;

/// <summary>The msExchCurrentServerRoles bitmask of Exchange 2007/2010 (a 2010 multi-role server is 38).</summary>
[Flags]
public enum ServerRoles
{
    None = 0,
    Mailbox = 2,
    ClientAccess = 4,
    UnifiedMessaging = 16,
    HubTransport = 32,
    Edge = 64,
}
