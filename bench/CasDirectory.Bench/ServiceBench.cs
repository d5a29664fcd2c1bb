using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Text;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Local;

namespace CasDirectory.Bench;

/// <summary>
/// The hosted service against raw tools, in one run: how fast a raw ldapmodify that moves a server shows in
/// msExchServerSite (p50/p95/p99) with the polled feed and then the pushed one (SiteTopology:Feed, same directory, same
/// run), how long converging takes after one subnet holding N servers is re-pointed compared with ldapmodify of the same
/// N changes, and the service's peak RSS and what its resident memory consists of.
/// </summary>
public static class ServiceBench
{
    public static void Run(string[] casdir, string work, int moves, int servers)
    {
        var (_, lab) = LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = Path.Combine(work, "service"), Sample = "lab" });
        var reader = Credential(lab, DirectoryAccounts.Reader);
        using var session = new DirectorySession(DirectoryEndpoint.Parse(lab.State.Url), reader);

        Process? service = null;
        try
        {
            // 1. Reaction latency: move E2K10-MLT-02 between the two sites' subnets with raw ldapmodify, polled feed first.
            service = Start(casdir, lab, "poll");
            var polled = MoveLatency.Measure(session, lab.State.ConfigurationDn, ldif => Modify(lab, ldif), moves);
            StopProcess(service);
            service.Dispose();
            service = Start(casdir, lab, "push");
            var pushed = MoveLatency.Measure(session, lab.State.ConfigurationDn, ldif => Modify(lab, ldif), moves);
            Console.WriteLine();
            Console.WriteLine($"Reaction latency, ldapmodify of ipHostNumber -> msExchServerSite updated ({moves} moves each, same directory)");
            Console.WriteLine($"  polled (Feed=poll, 200 ms)   {MoveLatency.Summary(polled)}");
            Console.WriteLine($"  pushed (Feed=push, default)  {MoveLatency.Summary(pushed)}");

            // 2. Convergence after one subnet holding N servers is re-pointed.
            var subnet = "10.50.0.0/16";
            var subnetDn = $"CN={subnet},CN=Subnets,CN=Sites,{lab.State.ConfigurationDn}";
            var add = new StringBuilder($"dn: {subnetDn}\nobjectClass: top\nobjectClass: subnet\ncn: {subnet}\nsiteObject: CN=Site-A,CN=Sites,{lab.State.ConfigurationDn}\n\n");
            var dns = new List<string>();
            for (var i = 0; i < servers; i++)
            {
                var name = $"BULK{i:00000}";
                var dn = $"CN={name},CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=First Organization,CN=Microsoft Exchange,CN=Services,{lab.State.ConfigurationDn}";
                dns.Add(dn);
                add.Append($"dn: {dn}\nobjectClass: top\nobjectClass: server\nobjectClass: msExchExchangeServer\nobjectClass: ipHost\ncn: {name}\n" +
                           $"msExchCurrentServerRoles: 2\nserialNumber: Version 14.2 (Build 30247.5)\nnetworkAddress: ncacn_ip_tcp:{name}.lab.local\n" +
                           $"ipHostNumber: 10.50.{i / 250}.{i % 250 + 1}\nmsExchServerSite: CN=Site-A,CN=Sites,{lab.State.ConfigurationDn}\n\n");
            }
            Add(lab, add.ToString());
            var passes = 0;
            MoveLatency.Wait(() => ++passes > 0 && CountIn(session, lab, "Site-A") >= servers, TimeSpan.FromMinutes(5));
            var converge = Stopwatch.StartNew();
            Modify(lab, $"dn: {subnetDn}\nchangetype: modify\nreplace: siteObject\nsiteObject: CN=Site-B,CN=Sites,{lab.State.ConfigurationDn}\n");
            MoveLatency.Wait(() => CountIn(session, lab, "Site-B") >= servers, TimeSpan.FromMinutes(30), pollMs: 200);
            var serviceSeconds = converge.Elapsed.TotalSeconds;
            var peakKb = PeakRssKb(service.Id);
            var resident = ResidentKb(service.Id);

            // 3. One full reconcile pass with nothing to move, as the service runs it after a reconnect, every
            //    ReconcileInterval, and every FallbackInterval while the access log is unreadable: its reads, plan and rules.
            var passes3 = new List<double>();
            using (var directory = Ldap.Exchange.ExchangeDirectory.Connect(DirectoryEndpoint.Parse(lab.State.Url), Credential(lab, DirectoryAccounts.Updater)))
            {
                for (var i = 0; i < 3; i++)
                {
                    var pass = Stopwatch.StartNew();
                    var plan = Core.SiteTopology.SiteTopologyPlanner.Plan(directory.ReadServersAndArraysUncached().Servers, directory.ReadSubnetsUncached(), "bench");
                    var topology = directory.ReadTopology();
                    _ = Core.BestPractice.BestPracticeRules.Evaluate(topology);
                    passes3.Add(pass.Elapsed.TotalSeconds);
                    if (plan.Moves.Count > 0)
                        throw new InvalidOperationException("the organisation was expected to have converged");
                }
            }

            // The same N changes with ldapmodify (service stopped, so nothing fights it).
            StopProcess(service);
            var modify = new StringBuilder();
            foreach (var dn in dns)
                modify.Append($"dn: {dn}\nchangetype: modify\nreplace: msExchServerSite\nmsExchServerSite: CN=Site-A,CN=Sites,{lab.State.ConfigurationDn}\n\n");
            var raw = Stopwatch.StartNew();
            Modify(lab, modify.ToString(), DirectoryAccounts.Admin);
            var rawSeconds = raw.Elapsed.TotalSeconds;

            Console.WriteLine();
            Console.WriteLine($"Converging after one subnet holding {servers} servers is re-pointed      seconds   vs ldapmodify");
            Console.WriteLine($"  ldapmodify of the same {servers} msExchServerSite changes            {rawSeconds,8:0.00}        1.00");
            Console.WriteLine($"  casdir serve (one subnet change -> {servers} moves)                  {serviceSeconds,8:0.00}  {serviceSeconds / rawSeconds,10:0.00}");
            Console.WriteLine();
            Console.WriteLine($"One full reconcile pass over {servers + 4} servers, nothing to move (median of 3): {passes3.Order().ElementAt(1):0.00} s");
            Console.WriteLine($"Peak RSS of casdir serve with {servers + 4} servers (pushed feed): {peakKb / 1024.0:0} MB; resident after converging: " +
                              string.Join(", ", resident.Select(r => $"{r.Key} {r.Value / 1024.0:0} MB")));
        }
        finally
        {
            if (service is { HasExited: false })
                StopProcess(service);
            service?.Dispose();
            LocalDirectory.Down(lab.DataDirectory);
        }
    }

    private static Process Start(string[] casdir, LocalDirectoryStatus lab, string feed)
    {
        var info = new ProcessStartInfo(casdir[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in casdir[1..].Concat(["serve", "--data", lab.DataDirectory, "--SiteTopology:HttpPrefix=", $"--SiteTopology:Feed={feed}"]))
            info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void StopProcess(Process process)
    {
        process.Kill();
        process.WaitForExit();
    }

    /// <summary>Resident memory by kind (anonymous: heaps and stacks; file: mapped assemblies and libraries; shared memory: the runtime's double-mapped code).</summary>
    private static IReadOnlyDictionary<string, long> ResidentKb(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("RssAnon:") || l.StartsWith("RssFile:") || l.StartsWith("RssShmem:"))
            .ToDictionary(l => l.Split(':')[0] switch { "RssAnon" => "anonymous", "RssFile" => "files", _ => "shared memory" },
                l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));

    private static long PeakRssKb(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmHWM:")).Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])).First();

    private static DirectoryCredential Credential(LocalDirectoryStatus lab, string account) =>
        DirectoryCredential.FromPasswordFile(lab.State.Accounts[account].Dn, lab.State.Accounts[account].PasswordFile);

    private static int CountIn(DirectorySession session, LocalDirectoryStatus lab, string site) =>
        session.Search(lab.State.ConfigurationDn, $"(&(objectClass=msExchExchangeServer)(cn=BULK*)(msExchServerSite=CN={site},CN=Sites,{lab.State.ConfigurationDn}))", SearchScope.Subtree, "1.1").Count;

    private static void Modify(LocalDirectoryStatus lab, string ldif, string account = DirectoryAccounts.Provisioning) => Tool("ldapmodify", lab, ldif, account);
    private static void Add(LocalDirectoryStatus lab, string ldif) => Tool("ldapadd", lab, ldif, DirectoryAccounts.Provisioning);

    private static void Tool(string tool, LocalDirectoryStatus lab, string ldif, string account)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-x", "-H", lab.State.Url, "-D", lab.State.Accounts[account].Dn, "-y", lab.State.Accounts[account].PasswordFile })
            info.ArgumentList.Add(argument);
        info.Environment["LDAPNOINIT"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(ldif);
        process.StandardInput.Close();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {error.Result}");
        _ = output.Result;
    }
}
