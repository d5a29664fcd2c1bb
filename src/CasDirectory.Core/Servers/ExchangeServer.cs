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

    /// <summary>The raw values of the server settings (ExchangeServerSettings, ClientAccessServerSettings), by attribute.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Stored { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>A server setting as Exchange shows it, with Exchange's default when unset.</summary>
    public object? Setting(Settings.SettingDefinition definition) => ClientAccess.ClientAccessServerSettings.Read(definition, Stored);

    /// <summary>Creating or Removing when casdir was interrupted writing or deleting the server's entries.</summary>
    public ProvisioningState Provisioning { get; init; }
    public bool IsComplete => Provisioning == ProvisioningState.Complete;

    public bool IsExchange2010 => Version?.IsExchange2010 == true;
    public bool HasRole(ServerRoles role) => (Roles & role) == role;

    /// <summary>A whole 2010 Client Access server with the RPC Client Access service: what arrays and D1 count
    /// (never a half-written one: D1 must not be decided on it).</summary>
    public bool IsRpcClientAccessServer => IsComplete && IsExchange2010 && HasRole(ServerRoles.ClientAccess) && HasRpcClientAccess;
}
