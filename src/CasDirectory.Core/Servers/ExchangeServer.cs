using System.Net;

namespace CasDirectory.Core.Servers;

/// <summary>An Exchange server as the directory holds it (msExchExchangeServer).</summary>
public sealed record ExchangeServer
{
    public required string Name { get; init; }
    public required string DistinguishedName { get; init; }
    public string? Fqdn { get; init; }
    public ServerRoles Roles { get; init; }
    public ServerVersion? Version { get; init; }
    public string? SiteName { get; init; }
    public IReadOnlyList<IPAddress> IPAddresses { get; init; } = [];
    public string? Edition { get; init; }
    public string? LegacyExchangeDN { get; init; }
    /// <summary>The server has CN=RpcClientAccess: the Exchange 2010 RPC Client Access service.</summary>
    public bool HasRpcClientAccess { get; init; }
    public string? DatabaseAvailabilityGroupName { get; init; }
    /// <summary>The object's GUID (entryUUID).</summary>
    public string? Guid { get; init; }
    /// <summary>An opaque token of the version that was read (LDAP entryCSN): a write guarded by it fails if someone changed the server since.</summary>
    public string? Revision { get; init; }

    public bool IsExchange2010 => Version?.IsExchange2010 == true;
    public bool HasRole(ServerRoles role) => (Roles & role) == role;

    /// <summary>A 2010 Client Access server with the RPC Client Access service: what arrays and D1 count.</summary>
    public bool IsRpcClientAccessServer => IsExchange2010 && HasRole(ServerRoles.ClientAccess) && HasRpcClientAccess;
}
