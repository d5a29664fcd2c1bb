using CasDirectory.Core.Naming;
using CasDirectory.Core.Servers;

namespace CasDirectory.Core.Arrays;

/// <summary>
/// A3: an array's members are the Exchange 2010 Client Access servers (with the RPC Client Access
/// service) whose site is the array's site, sorted by name. 2007/2003 servers never count.
/// </summary>
public static class ClientAccessArrayMembership
{
    public static IReadOnlyList<ExchangeServer> Members(ClientAccessArray array, IEnumerable<ExchangeServer> servers) =>
        array.SiteName is null ? [] :
        servers.Where(s => s.IsRpcClientAccessServer && ObjectName.Comparer.Equals(s.SiteName, array.SiteName))
            .OrderBy(s => s.Name, ObjectName.Comparer)
            .ToList();
}
