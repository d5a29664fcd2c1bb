namespace CasDirectory.Core.Databases;

/// <summary>What a database's RpcClientAccessServer names: a server or an array, by legacyExchangeDN and FQDN.</summary>
public sealed record RpcClientAccessEndpoint(string Name, string Fqdn, string LegacyExchangeDN, bool IsArray);
