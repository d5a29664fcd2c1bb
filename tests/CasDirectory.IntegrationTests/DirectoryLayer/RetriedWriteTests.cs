using System.Net;
using System.Net.Sockets;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.DirectoryLayer;

/// <summary>
/// "A retried write reads first" (docs/rules.md, "Resumable writes"): a write whose answer never came may have landed.
/// A proxy between the session and a real slapd forwards the add and swallows slapd's answer, so the first attempt lands
/// for certain and its outcome is unknown to the client; the retry on a new connection must count it as done.
/// </summary>
[TestFixture]
public sealed class RetriedWriteTests : FreshLabTest
{
    /// <summary>Forwards every connection to slapd; on a connection marked deaf, slapd's answers are read and dropped.</summary>
    private sealed class AnswerSwallowingProxy : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _clients = [];
        private readonly HashSet<int> _deaf = [];
        private readonly CancellationTokenSource _stop = new();

        public AnswerSwallowingProxy(int target)
        {
            _listener.Start();
            _ = Task.Run(async () =>
            {
                for (var index = 0; ; index++)
                {
                    TcpClient client;
                    try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
                    catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
                    var server = new TcpClient();
                    await server.ConnectAsync(IPAddress.Loopback, target);
                    lock (_clients) { _clients.Add(client); _clients.Add(server); }
                    var connection = index;
                    _ = Pump(client.GetStream(), server.GetStream(), () => false);
                    _ = Pump(server.GetStream(), client.GetStream(), () => { lock (_deaf) return _deaf.Contains(connection); });
                }
            });
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
        public int Connections { get { lock (_clients) return _clients.Count / 2; } }

        /// <summary>From now on, slapd's answers on the <paramref name="connection"/>th connection (0 first) are dropped.</summary>
        public void Deafen(int connection) { lock (_deaf) _deaf.Add(connection); }

        private async Task Pump(NetworkStream from, NetworkStream to, Func<bool> swallow)
        {
            var buffer = new byte[16384];
            try
            {
                int read;
                while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
                    if (!swallow())
                        await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_clients)
                foreach (var client in _clients)
                    client.Dispose();
        }
    }

    [Test]
    public void An_add_whose_answer_was_lost_and_that_had_landed_counts_as_done_on_retry()
    {
        using var proxy = new AnswerSwallowingProxy(new Uri(Lab.Url).Port);
        var provisioning = Lab.Account(DirectoryAccounts.Provisioning);
        using var session = new DirectorySession(DirectoryEndpoint.Loopback(proxy.Port), DirectoryCredential.FromPasswordFile(provisioning.Dn, provisioning.PasswordFile),
            timeouts: new DirectoryTimeouts(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2)));
        Assert.That(session.Read(Lab.Partition.SitesDn, "1.1"), Is.Not.Null, "bound through the proxy");
        var dn = Lab.Partition.SiteDn("Site-Lost-Answer");
        var writes = Lab.SuccessfulWrites();
        proxy.Deafen(0);

        session.Add(dn, [("objectClass", ["top", "site"]), ("cn", ["Site-Lost-Answer"])]);

        Assert.That(session.Connections, Is.EqualTo(2), "the first connection was given up after the timeout");
        Assert.That(session.Written, Is.EqualTo(new[] { "added " + dn }), "listed once, as written");
        Assert.That(session.Uncertain, Is.Empty, "the retry settled it");
        Assert.That(Lab.Tools.Entries(DirectoryAccounts.Reader, dn, scope: "base"), Has.Count.EqualTo(1));
        Assert.That(Lab.SuccessfulWrites() - writes, Is.EqualTo(1), "slapd applied the add once: the first attempt's");
    }
}
