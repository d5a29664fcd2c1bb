using System.Diagnostics;
using System.DirectoryServices.Protocols;
using CasDirectory.Ldap.Connection;

namespace CasDirectory.Bench;

/// <summary>
/// How fast a raw ldapmodify that moves E2K10-MLT-02 between the sample lab's two subnets shows in its
/// msExchServerSite: the service's reaction latency, wherever the service and the directory run.
/// </summary>
public static class MoveLatency
{
    public static string ServerDn(string configurationDn) =>
        $"CN=E2K10-MLT-02,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=First Organization,CN=Microsoft Exchange,CN=Services,{configurationDn}";

    /// <summary>Milliseconds from the start of each ldapmodify (run by <paramref name="modify"/>) to the new site being read, sorted.
    /// Two moves before them are not counted: a service just started compiles its code on the first ones.</summary>
    public static IReadOnlyList<double> Measure(DirectorySession reader, string configurationDn, Action<string> modify, int moves)
    {
        const int warmUp = 2;
        var serverDn = ServerDn(configurationDn);
        Wait(() => SiteOf(reader, serverDn) is not null, TimeSpan.FromSeconds(30));
        var latencies = new List<double>();
        for (var i = -warmUp; i < moves; i++)
        {
            var (ip, site) = (i + warmUp) % 2 == 0 ? ("10.2.0.12", "Site-B") : ("10.1.0.12", "Site-A");
            var clock = Stopwatch.StartNew();
            modify($"dn: {serverDn}\nchangetype: modify\nreplace: ipHostNumber\nipHostNumber: {ip}\n");
            Wait(() => SiteOf(reader, serverDn)?.StartsWith($"CN={site},", StringComparison.OrdinalIgnoreCase) == true, TimeSpan.FromSeconds(30));
            if (i >= 0)
                latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        latencies.Sort();
        return latencies;
    }

    public static double Percentile(IReadOnlyList<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    public static string Summary(IReadOnlyList<double> sorted) =>
        $"p50 {Percentile(sorted, 0.50),6:0} ms   p95 {Percentile(sorted, 0.95),6:0} ms   p99 {Percentile(sorted, 0.99),6:0} ms   max {sorted[^1],6:0} ms";

    private static string? SiteOf(DirectorySession session, string dn) =>
        session.Search(dn, "(objectClass=*)", SearchScope.Base, "msExchServerSite").FirstOrDefault() is { } e && e.Attributes.Contains("msExchServerSite")
            ? (string)e.Attributes["msExchServerSite"][0] : null;

    public static void Wait(Func<bool> condition, TimeSpan timeout, int pollMs = 5)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The service did not converge in time.");
            Thread.Sleep(pollMs);
        }
    }
}
