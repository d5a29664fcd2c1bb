using CasDirectory.Core.Arrays;
using CasDirectory.Core.Servers;

namespace CasDirectory.Core.Databases;

/// <summary>
/// What a database's RpcClientAccessServer shows (D2): the FQDN of the server or array its legacyExchangeDN
/// names; for an object that no longer exists, the name that legacyExchangeDN ends with.
/// </summary>
public sealed class RpcClientAccessServerNames(IReadOnlyList<ExchangeServer> servers, IReadOnlyList<ClientAccessArray> arrays)
{
    private readonly Dictionary<string, string> _fqdnByLegacyDn = servers.Where(s => s.LegacyExchangeDN is not null)
        .Select(s => (s.LegacyExchangeDN!, s.Fqdn ?? s.Name))
        .Concat(arrays.Where(a => a.LegacyExchangeDN is not null).Select(a => (a.LegacyExchangeDN!, a.Fqdn)))
        .GroupBy(x => x.Item1, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First().Item2, StringComparer.OrdinalIgnoreCase);

    public string? Of(MailboxDatabase database) =>
        database.RpcClientAccessLegacyDN is not { } legacy ? null
        : _fqdnByLegacyDn.TryGetValue(legacy, out var fqdn) ? fqdn
        : legacy[(legacy.LastIndexOf("/cn=", StringComparison.OrdinalIgnoreCase) + 4)..];
}
