using CasDirectory.Core.Naming;

namespace CasDirectory.Core.SiteTopology;

/// <summary>
/// T3 narrowed (docs/rules.md, "The site-topology service"): adding or modifying an Exchange server's own entry can
/// change that server's site and no other's (T1 reads only its addresses and the subnets), so the updater re-plans that
/// server alone. Every other change (a subnet, a site, a delete, a rename, an entry below or beside a server) can move
/// any server, and re-plans every one.
/// </summary>
public static class SingleServerChange
{
    /// <summary>
    /// <paramref name="dn"/> when an <paramref name="operation"/> of the access log ("add", "modify") on it concerns one
    /// Exchange server's own entry (CN=server,CN=Servers,CN=group,CN=Administrative Groups,CN=organisation,CN=Microsoft
    /// Exchange,CN=Services,CN=Configuration,…, in any administrative group); otherwise null.
    /// </summary>
    public static string? ServerOf(string operation, string dn)
    {
        if (operation is not ("add" or "modify"))
            return null;
        var rdns = DistinguishedNames.Split(dn);
        return rdns.Count > 8
               && IsCn(rdns[0], null) && IsCn(rdns[1], "Servers") && IsCn(rdns[2], null) && IsCn(rdns[3], "Administrative Groups")
               && IsCn(rdns[4], null) && IsCn(rdns[5], "Microsoft Exchange") && IsCn(rdns[6], "Services") && IsCn(rdns[7], "Configuration")
            ? dn
            : null;
    }

    private static bool IsCn((string Type, string Value) rdn, string? value) =>
        rdn.Type.Equals("cn", StringComparison.OrdinalIgnoreCase) && rdn.Value.Length > 0
                                                                   && (value is null || rdn.Value.Equals(value, StringComparison.OrdinalIgnoreCase));
}
