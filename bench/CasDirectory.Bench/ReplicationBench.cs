using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Net;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.FrontEnd;
using CasDirectory.Ldap.Local;

namespace CasDirectory.Bench;

/// <summary>
/// Mirror mode behind the front end, in one run (docs/replication.md): what a durable write costs against a plain one,
/// replication lag to the mirror under a provisioning load, the failover a client sees through the front end (kill -9 of
/// the writer until its first successful write), and read throughput of concurrent clients against one server vs the
/// front end's read endpoint with one and with two consumers.
/// </summary>
public static class ReplicationBench
{
    public static void Run(string work, int writes, int seconds, int clients)
    {
        var a = Up(new LocalDirectoryOptions { DataDirectory = Path.Combine(work, "a"), Sample = "lab" });
        var b = Up(new LocalDirectoryOptions { DataDirectory = Path.Combine(work, "b"), MirrorOf = a.DataDirectory });
        var c = Up(new LocalDirectoryOptions { DataDirectory = Path.Combine(work, "c"), ConsumerOf = [a.DataDirectory] });
        var d = Up(new LocalDirectoryOptions { DataDirectory = Path.Combine(work, "d"), ConsumerOf = [a.DataDirectory] });
        var oneConsumer = FrontEnd.Start(new FrontEndOptions { Folder = Path.Combine(work, "fe1"), Providers = [a.DataDirectory, b.DataDirectory], Consumers = [c.DataDirectory] });
        var twoConsumers = FrontEnd.Start(new FrontEndOptions { Folder = Path.Combine(work, "fe2"), Providers = [a.DataDirectory, b.DataDirectory], Consumers = [c.DataDirectory, d.DataDirectory] });
        try
        {
            var writer = Credential(a, DirectoryAccounts.Provisioning);
            var aEndpoint = DirectoryEndpoint.Parse(a.State.Url) with { ServerId = a.State.ServerId };
            var bEndpoint = DirectoryEndpoint.Parse(b.State.Url) with { ServerId = b.State.ServerId };
            var subnets = new SubnetNames(a.State.ConfigurationDn);

            foreach (var server in new[] { a, b, c, d })
                Console.WriteLine($"  {Path.GetFileName(server.DataDirectory)}: {(LocalDirectory.Status(server.DataDirectory).Running ? "running" : "NOT RUNNING")} {LocalDirectory.Status(server.DataDirectory).State.Url} (pid {LocalDirectory.Status(server.DataDirectory).ProcessId}, started as {server.State.Url})");
            // 1. Durable vs plain writes to A (durable: each add waits until B's contextCSN holds it).
            Console.WriteLine($"Writes to the provider A, {writes} subnet adds each (one session, one connection)");
            var plain = TimeWrites(new DirectorySession(aEndpoint, writer), subnets, writes);
            var durable = TimeWrites(new DirectorySession(aEndpoint with { Durable = new DurableWrites(TimeSpan.FromSeconds(10), [aEndpoint, bEndpoint]) }, writer), subnets, writes);
            Console.WriteLine($"  plain    {Summary(plain)}   {1000 / plain.Average():0} writes/s");
            Console.WriteLine($"  durable  {Summary(durable)}   {1000 / durable.Average():0} writes/s   ({durable.Average() / plain.Average():0.00}x the plain write's time)");

            // 2. Replication lag: from A's answer to B's contextCSN holding the write, while another session provisions.
            try
            {
            using (var load = new BackgroundWriter(aEndpoint, writer, subnets))
            {
                using var session = new DirectorySession(aEndpoint, writer);
                using var mirror = new DirectorySession(bEndpoint, writer);
                var lags = new List<double>();
                for (var i = -5; i < writes; i++) // the first five (connections opening) are not counted
                {
                    var values = session.Add(subnets.Next(out var attributes), attributes, "entryCSN");
                    var clock = Stopwatch.StartNew();
                    var csn = ChangeSequenceNumber.TryParse(values["entryCSN"][0])!.Value;
                    while (!(ChangeSequenceNumber.ByServer(mirror.Read(a.State.ConfigurationDn, "contextCSN")?.Attributes["contextCSN"]?.GetValues(typeof(string)).Cast<string>() ?? [])
                                 .TryGetValue(csn.ServerId, out var held) && held >= csn))
                        if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("B did not catch up within 30 s.");
                    if (i >= 0)
                        lags.Add(clock.Elapsed.TotalMilliseconds);
                }
                lags.Sort();
                Console.WriteLine($"Replication lag A -> B ({writes} writes while another session adds; includes one poll's round trip)");
                Console.WriteLine($"  {Summary(lags)}   (the load wrote {load.Count} entries meanwhile)");
            }
            }
            catch (Ldap.Errors.DirectoryUnavailableException e)
            {
                // Seen on slapd 2.5.13: the mirror, polled without pause while it applies replicated writes, died with a segfault
                // in libslapi (dmesg); reported, not hidden.
                Console.WriteLine($"Replication lag: not measured: {e.Message} (the mirror B {(LocalDirectory.Status(b.DataDirectory).Running ? "runs" : "DIED: see dmesg for a segfault")})");
            }

            // 3. Read throughput: concurrent clients (each its own connection, base searches) for a few seconds each.
            var reader = new NetworkCredential(a.State.Accounts[DirectoryAccounts.Reader].Dn, File.ReadAllText(a.State.Accounts[DirectoryAccounts.Reader].PasswordFile).TrimEnd('\n'));
            var direct = Reads(DirectoryEndpoint.Parse(a.State.Url), reader, a.State.ConfigurationDn, clients, seconds);
            var viaOne = Reads(DirectoryEndpoint.Parse(oneConsumer.ReadUrl), reader, a.State.ConfigurationDn, clients, seconds);
            var viaTwo = Reads(DirectoryEndpoint.Parse(twoConsumers.ReadUrl), reader, a.State.ConfigurationDn, clients, seconds);
            Console.WriteLine($"Read throughput, {clients} concurrent clients, {seconds} s each (base searches; all servers share this machine's {Environment.ProcessorCount} cores)");
            Console.WriteLine($"  one server (A)                     {direct,8:0} searches/s   1.00");
            Console.WriteLine($"  front end, one consumer (C)        {viaOne,8:0} searches/s   {viaOne / direct:0.00}");
            Console.WriteLine($"  front end, two consumers (C, D)    {viaTwo,8:0} searches/s   {viaTwo / direct:0.00}");

            // 4. Failover through the front end: writes in a loop, kill -9 of A, the time to the first write that succeeds.
            FrontEnd.Stop(Path.Combine(work, "fe1"));
            var writeEndpoint = DirectoryEndpoint.Parse(twoConsumers.WriteUrl);
            using (var session = new DirectorySession(writeEndpoint, writer))
                session.Add(subnets.Next(out var first), first); // the stick table now names A
            var killed = Stopwatch.StartNew();
            Process.GetProcessById(int.Parse(File.ReadAllText(new DataDirectory(a.DataDirectory).PidFile).Trim())).Kill();
            var attempts = 0;
            while (true)
            {
                attempts++;
                try
                {
                    using var session = new DirectorySession(writeEndpoint, writer, maxRetries: 0, new DirectoryTimeouts(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)));
                    session.Add(subnets.Next(out var attributes), attributes);
                    break;
                }
                catch (Ldap.Errors.DirectoryException)
                {
                    if (killed.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("No write succeeded within 60 s of the kill.");
                    Thread.Sleep(20);
                }
            }
            Console.WriteLine($"Failover through the front end: kill -9 of the writer A -> first successful write (to B) {killed.Elapsed.TotalMilliseconds:0} ms, {attempts} attempts");
            Console.WriteLine($"  the front end's writer now: {FrontEnd.Status(Path.Combine(work, "fe2")).Writer?.Name}");
        }
        catch
        {
            foreach (var directory in new[] { a, b })
            {
                var log = new DataDirectory(directory.DataDirectory).LogFile;
                Console.Error.WriteLine($"--- {log} (last lines), slapd {(LocalDirectory.Status(directory.DataDirectory).Running ? "running" : "NOT running")}");
                if (File.Exists(log))
                    foreach (var line in File.ReadLines(log).TakeLast(15))
                        Console.Error.WriteLine(line);
            }
            throw;
        }
        finally
        {
            FrontEnd.Stop(Path.Combine(work, "fe1"));
            FrontEnd.Stop(Path.Combine(work, "fe2"));
            foreach (var directory in new[] { d, c, b, a })
                LocalDirectory.Down(directory.DataDirectory);
        }
    }

    private static LocalDirectoryStatus Up(LocalDirectoryOptions options) => LocalDirectory.Up(options).Status;

    private static DirectoryCredential Credential(LocalDirectoryStatus lab, string account) =>
        DirectoryCredential.FromPasswordFile(lab.State.Accounts[account].Dn, lab.State.Accounts[account].PasswordFile);

    private static List<double> TimeWrites(DirectorySession session, SubnetNames subnets, int writes)
    {
        using (session)
        {
            session.Add(subnets.Next(out var warm), warm); // connect and bind outside the timing
            var times = new List<double>();
            for (var i = 0; i < writes; i++)
            {
                var dn = subnets.Next(out var attributes);
                var clock = Stopwatch.StartNew();
                session.Add(dn, attributes);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            return times;
        }
    }

    private static string Summary(List<double> sorted) =>
        $"p50 {MoveLatency.Percentile(sorted, 0.5),7:0.00} ms  p99 {MoveLatency.Percentile(sorted, 0.99),7:0.00} ms  max {sorted[^1],7:0.00} ms";

    private static double Reads(DirectoryEndpoint endpoint, NetworkCredential reader, string baseDn, int clients, int seconds)
    {
        var total = 0L;
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        var threads = Enumerable.Range(0, clients).Select(_ => new Thread(() =>
        {
            using var connection = new LdapConnection(new LdapDirectoryIdentifier(endpoint.Host, endpoint.Port), reader, AuthType.Basic);
            connection.SessionOptions.ProtocolVersion = 3;
            connection.Bind();
            var request = new SearchRequest(baseDn, "(objectClass=*)", SearchScope.Base, "cn");
            var count = 0L;
            while (DateTime.UtcNow < until)
            {
                connection.SendRequest(request);
                count++;
            }
            Interlocked.Add(ref total, count);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return total / (double)seconds;
    }

    /// <summary>New subnets (10.x.y.0/24) in Site-A, each name once per run.</summary>
    private sealed class SubnetNames(string configurationDn)
    {
        private int _next;

        public string Next(out IReadOnlyList<(string Name, IReadOnlyList<string> Values)> attributes)
        {
            var n = Interlocked.Increment(ref _next);
            // Never twice in a run: the background writer adds tens of thousands while the lag is measured.
            var name = $"{10 + n / 65536}.{n / 256 % 256}.{n % 256}.0/24";
            attributes = [("objectClass", ["top", "subnet"]), ("cn", [name]), ("siteObject", [$"CN=Site-A,CN=Sites,{configurationDn}"])];
            return $"CN={name},CN=Subnets,CN=Sites,{configurationDn}";
        }
    }

    /// <summary>Another session adding subnets as fast as it can until disposed: the provisioning load.</summary>
    private sealed class BackgroundWriter : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;
        private int _count;

        public BackgroundWriter(DirectoryEndpoint endpoint, DirectoryCredential credential, SubnetNames subnets)
        {
            _thread = new Thread(() =>
            {
                using var session = new DirectorySession(endpoint, credential);
                while (!_stop.IsCancellationRequested)
                {
                    session.Add(subnets.Next(out var attributes), attributes);
                    Interlocked.Increment(ref _count);
                }
            });
            _thread.Start();
        }

        public int Count => _count;

        public void Dispose()
        {
            _stop.Cancel();
            _thread.Join();
        }
    }
}
