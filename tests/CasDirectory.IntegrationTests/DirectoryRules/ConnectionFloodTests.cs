using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>
/// A connection flood (docs/security.md, "A connection flood"): idle anonymous connections, as many as this
/// process may open, do not keep the accounts from the directory. Alone: the flood takes nearly all of this process's
/// descriptors, which fixtures running beside it would need.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class ConnectionFloodTests : SharedLabTest
{
    /// <summary>What the launcher gives slapd where the hard limit allows (SlapdProcess.OpenDescriptors).</summary>
    private const int OpenDescriptors = 147_456;

    private const int FloodCap = 19_000;

    /// <summary>Descriptors this process keeps for itself (the runtime, NUnit, the reader's own connection).</summary>
    private const int Reserve = 1_000;

    private static readonly TimeSpan ReaderBound = TimeSpan.FromSeconds(5);

    private int SlapdPid => Lab.Status.ProcessId ?? throw new InvalidOperationException("the lab has no slapd pid");

    [Test]
    public void An_idle_anonymous_flood_leaves_the_reader_served()
    {
        var (soft, _) = OpenFilesLimit("self");
        var target = Math.Min(FloodCap, (int)Math.Min(int.MaxValue, soft) - Reserve);
        var endpoint = new IPEndPoint(IPAddress.Loopback, DirectoryEndpoint.Parse(Lab.Url).Port);
        var flood = new List<Socket>(target);
        try
        {
            var opening = Stopwatch.StartNew();
            var stop = Flood(endpoint, target, flood);
            opening.Stop();
            TestContext.Out.WriteLine($"flood: {flood.Count} idle anonymous connections opened in {opening.Elapsed.TotalSeconds:0.0} s (limit {target}; {stop ?? "all opened"})");
            // slapd has accepted them all (not merely the kernel's listen queue): they hold its descriptors now. A flood that
            // stopped early because slapd stopped accepting fails here, as it should.
            var baseline = Descriptors(SlapdPid);
            var accepted = Poll(() => Descriptors(SlapdPid) >= flood.Count, TimeSpan.FromMinutes(2));
            TestContext.Out.WriteLine($"slapd holds {Descriptors(SlapdPid)} descriptors (limit {OpenFilesLimit(SlapdPid.ToString()).Soft})");
            Assert.That(accepted, Is.True, $"slapd did not accept the flood: it holds {Descriptors(SlapdPid)} descriptors for {flood.Count} connections (was {baseline})");

            var (entries, error, elapsed) = ReaderSearch();
            TestContext.Out.WriteLine($"reader: bind and search answered in {elapsed.TotalMilliseconds:0} ms ({entries?.ToString() ?? error})");
            Assert.Multiple(() =>
            {
                Assert.That(error, Is.Null, "the reader was not served under the flood");
                Assert.That(entries, Is.EqualTo(4), "the lab's four Exchange servers");
                Assert.That(elapsed, Is.LessThan(ReaderBound), "the reader waited under the flood");
                Assert.That(IsSlapd(SlapdPid), Is.True, "slapd ended under the flood");
            });
        }
        finally
        {
            foreach (var socket in flood)
                socket.Dispose();
        }
    }

    [Test]
    public void The_Flood_settings_are_in_slapd_conf_and_in_slapds_limits()
    {
        var conf = File.ReadAllText(Path.Combine(Lab.DataDirectory, "slapd", "slapd.conf"));
        Assert.Multiple(() =>
        {
            foreach (var (name, value) in new[]
            {
                ("idletimeout", "300"), ("writetimeout", "60"), ("conn_max_pending", "8"), ("sockbuf_max_incoming", "4095"),
                ("sizelimit", "10"), ("timelimit", "5"),
            })
                Assert.That(Regex.IsMatch(conf, $@"^{name}\s+{value}\s*$", RegexOptions.Multiline), Is.True, $"slapd.conf lacks `{name} {value}`");
        });

        var (slapdSoft, slapdHard) = OpenFilesLimit(SlapdPid.ToString());
        var (_, ownHard) = OpenFilesLimit("self");
        TestContext.Out.WriteLine($"slapd's descriptors: {slapdSoft} (hard {slapdHard}); this process's hard limit {ownHard}");
        Assert.Multiple(() =>
        {
            // OpenDescriptors, or as many as the hard limit allows where it cannot be raised (no CAP_SYS_RESOURCE).
            Assert.That(slapdSoft, Is.EqualTo(Math.Min(OpenDescriptors, slapdHard)));
            Assert.That(slapdHard, Is.GreaterThanOrEqualTo(Math.Min(OpenDescriptors, ownHard)));
        });
    }

    /// <summary>
    /// Opens idle TCP connections to <paramref name="endpoint"/> in parallel until <paramref name="target"/> are open or
    /// one fails (this process out of descriptors, or slapd out of them and its listen queue full: a connect times out).
    /// Returns why it stopped early, or null.
    /// </summary>
    internal static string? Flood(IPEndPoint endpoint, int target, List<Socket> opened)
    {
        var remaining = target;
        string? stop = null;
        var gate = new object();
        async Task Worker()
        {
            while (true)
            {
                lock (gate)
                {
                    if (stop is not null || remaining == 0)
                        return;
                    remaining--;
                }
                Socket? socket = null;
                try
                {
                    socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await socket.ConnectAsync(endpoint, timeout.Token);
                    lock (gate)
                        opened.Add(socket);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException)
                {
                    socket?.Dispose();
                    lock (gate)
                        stop ??= e is OperationCanceledException ? "a connect timed out" : e.Message;
                }
            }
        }
        Task.WaitAll(Enumerable.Range(0, 32).Select(_ => Task.Run(Worker)).ToArray());
        return stop;
    }

    private (int? Entries, string? Error, TimeSpan Elapsed) ReaderSearch()
    {
        var account = Lab.Account(DirectoryAccounts.Reader);
        return ReaderSearch(DirectoryEndpoint.Parse(Lab.Url), DirectoryCredential.FromPasswordFile(account.Dn, account.PasswordFile), Lab.Partition.ConfigurationDn);
    }

    /// <summary>The reader binds and searches the configuration partition on a new connection: its entries or its error, and how long that took.</summary>
    internal static (int? Entries, string? Error, TimeSpan Elapsed) ReaderSearch(DirectoryEndpoint endpoint, DirectoryCredential credential, string configurationDn)
    {
        var clock = Stopwatch.StartNew();
        var search = Task.Run(() =>
        {
            using var connection = DirectoryConnectionFactory.Open(endpoint, credential, TimeSpan.FromSeconds(60));
            var response = (SearchResponse)connection.SendRequest(new SearchRequest(configurationDn,
                "(&(objectClass=msExchExchangeServer)(!(objectClass=msExchClientAccessArray)))", SearchScope.Subtree, "1.1"));
            return response.Entries.Count;
        });
        try
        {
            // A failure limit, far above the bound: a reader that waits longer is reported with how long it waited.
            if (!search.Wait(TimeSpan.FromSeconds(90)))
                return (null, "no answer within 90 s", clock.Elapsed);
            return (search.Result, null, clock.Elapsed);
        }
        catch (AggregateException e)
        {
            return (null, e.InnerException?.Message ?? e.Message, clock.Elapsed);
        }
    }

    /// <summary>Waits for <paramref name="condition"/>, checking it ten times a second (listing 19,000 descriptors is not free).</summary>
    private static bool Poll(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
                return false;
            Thread.Sleep(100);
        }
        return true;
    }

    private static int Descriptors(int pid) => Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;

    private static bool IsSlapd(int pid) =>
        File.Exists($"/proc/{pid}/comm") && File.ReadAllText($"/proc/{pid}/comm").Trim() == "slapd";

    /// <summary>"Max open files" of /proc/<paramref name="pid"/>/limits: soft and hard.</summary>
    internal static (long Soft, long Hard) OpenFilesLimit(string pid)
    {
        var line = File.ReadLines($"/proc/{pid}/limits").Single(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var match = OpenFiles().Match(line);
        Assert.That(match.Success, Is.True, line);
        static long Parse(string value) => value == "unlimited" ? long.MaxValue : long.Parse(value);
        return (Parse(match.Groups[1].Value), Parse(match.Groups[2].Value));
    }

    [GeneratedRegex(@"^Max open files\s+(\S+)\s+(\S+)")]
    private static partial Regex OpenFiles();
}
