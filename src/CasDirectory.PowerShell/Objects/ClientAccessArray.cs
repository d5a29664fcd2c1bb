using CasDirectory.Core.Arrays;
using CasDirectory.Core.Naming;

namespace CasDirectory.PowerShell.Objects;

/// <summary>What Get-ClientAccessArray writes. Members are computed when read (A3), never stored.</summary>
public sealed class ClientAccessArray
{
    public required string Name { get; init; }
    public ADObjectId? Site { get; init; }
    public required string Fqdn { get; init; }
    public ADObjectId[] Members { get; init; } = [];
    public string? ExchangeLegacyDN { get; init; }
    public required ADObjectId Identity { get; init; }
    public required string DistinguishedName { get; init; }
    public Guid? Guid { get; init; }

    public static ClientAccessArray From(Core.Arrays.ClientAccessArray array, IEnumerable<Core.Servers.ExchangeServer> servers, ConfigurationPartition partition) => new()
    {
        Name = array.Name,
        Site = array.SiteName is null ? null : ADObjectId.Site(array.SiteName, partition),
        Fqdn = array.Fqdn,
        Members = ClientAccessArrayMembership.Members(array, servers).Select(s => new ADObjectId(s.Name, s.DistinguishedName)).ToArray(),
        ExchangeLegacyDN = array.LegacyExchangeDN,
        Identity = new ADObjectId(array.Name, array.DistinguishedName),
        DistinguishedName = array.DistinguishedName,
        Guid = ExchangeServer.ParseGuid(array.Guid),
    };
}
