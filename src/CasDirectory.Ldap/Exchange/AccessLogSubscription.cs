using System.Formats.Asn1;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Errors;

namespace CasDirectory.Ldap.Exchange;

/// <summary>
/// cn=accesslog pushed rather than polled: a refreshAndPersist sync search (RFC 4533) on the log, as a syncrepl consumer
/// makes one, over a connection of its own. S.DS.P cannot carry it on Linux (its partial results fail with "No results
/// were returned" at the first Sync Info message), so this speaks the few LDAP messages it needs itself
/// (<see cref="LdapWire"/>) over a socket, with TLS as the endpoint asks (docs/rules.md, "The LDAP client on Linux").
/// Open returns once the refresh phase is done; from then on <see cref="ReadAsync"/> yields each new successful write as
/// slapd logs it. No cookie is kept: the refresh starts a little before the log's newest record (its contextCSN, the
/// server's clock, never ours), and callers reconcile after each Open instead.
/// Which server answers: each server keeps its own log, stamped with its own clock to the microsecond, so a record seen
/// before (<see cref="LastRecord"/>) that the log no longer holds means another server behind the same address (or a
/// log purged or rebuilt): <see cref="Continues"/>. cn=accesslog itself carries no entryUUID, and the root DSE is the
/// same template on every server.
/// Every failure is a <see cref="DirectoryException"/>: unreachable, dropped, garbled or ended by the server is
/// transient (reconnect), a refused bind or search is not.
/// </summary>
public sealed class AccessLogSubscription : IAsyncDisposable
{
    private static readonly string[] RecordAttributes = ["reqStart", "reqType", "reqDN", "reqMod"];
    private const int SearchId = 9;
    private readonly TcpClient _client;
    private readonly Stream _stream;
    private readonly Stream _reader;

    private AccessLogSubscription(DirectoryEndpoint endpoint, TcpClient client, Stream stream, bool? continues)
    {
        Endpoint = endpoint;
        _client = client;
        _stream = stream;
        _reader = new BufferedStream(stream, 64 * 1024);
        Continues = continues;
    }

    public DirectoryEndpoint Endpoint { get; }

    /// <summary>Whether this server's log holds the record Open was given (null when given none): false means another
    /// server answers at this address now, or its log was purged or rebuilt. Either way a cursor from before means nothing here.</summary>
    public bool? Continues { get; }

    /// <summary>The reqStart of the newest record seen (in the refresh or since): what the next Open checks <see cref="Continues"/> with.</summary>
    public string? LastRecord { get; private set; }

    /// <summary>Records the refresh phase returned (those just before the subscription began; callers reconcile instead).</summary>
    public int RefreshedRecords { get; private set; }

    /// <summary>Connects, binds, checks the record seen before is still there, sends the sync search and waits for the end of its refresh phase.</summary>
    /// <param name="lastRecord">The reqStart of the newest record a previous subscription saw, if any.</param>
    public static async Task<AccessLogSubscription> OpenAsync(DirectoryEndpoint endpoint, DirectoryCredential credential, TimeSpan overlap, string? lastRecord,
        CancellationToken cancellationToken)
    {
        var timeouts = DirectoryTimeouts.FromEnvironment();
        var client = new TcpClient();
        AccessLogSubscription? subscription = null;
        try
        {
            using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connecting.CancelAfter(timeouts.Connect);
                await client.ConnectAsync(endpoint.Host, endpoint.Port, connecting.Token);
            }
            KeepAlive(client.Client);
            using var setup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            setup.CancelAfter(timeouts.Connect + timeouts.Operation);
            Stream stream = client.GetStream();
            var id = 1;
            if (endpoint.StartTls)
            {
                await stream.WriteAsync(LdapWire.StartTls(id++), setup.Token);
                var (code, message) = (await Expect(stream, LdapWire.ExtendedResponse, endpoint, setup.Token)).Result();
                if (code != 0)
                    throw new DirectoryRefusedException(DirectoryResult.Other, $"The server at {endpoint} refused StartTLS ({message.Trim()}; result {code}). casdir sent no bind.");
            }
            if (endpoint.Secure || endpoint.StartTls)
                stream = await Tls(stream, endpoint, setup.Token);
            await stream.WriteAsync(LdapWire.SimpleBind(id++, credential.Dn, credential.Password), setup.Token);
            var bind = (await Expect(stream, LdapWire.BindResponse, endpoint, setup.Token)).Result();
            if (bind.Code != 0)
                throw Refused(endpoint, bind.Code, bind.Message, "refused the updater's bind");

            // Is the record seen before still here? Then this is the same server's log.
            bool? continues = null;
            if (lastRecord is not null)
            {
                var anchor = $"reqStart={lastRecord},{AccessLogFeed.Suffix}";
                await stream.WriteAsync(LdapWire.Search(id++, anchor, 0, new LdapWire.Present("objectClass"), ["1.1"]), setup.Token);
                continues = false;
                while ((await Expect(stream, -1, endpoint, setup.Token)) is var message && message.Operation != LdapWire.SearchResultDone)
                    continues |= message.Operation == LdapWire.SearchResultEntry;
            }

            // The log's contextCSN: the server's time of its newest record.
            await stream.WriteAsync(LdapWire.Search(id++, AccessLogFeed.Suffix, 0, new LdapWire.Present("objectClass"), ["contextCSN"]), setup.Token);
            string? newest = null;
            while (true)
            {
                var message = await Expect(stream, -1, endpoint, setup.Token);
                if (message.Operation == LdapWire.SearchResultEntry)
                    newest = message.Entry().Attributes.GetValueOrDefault("contextCSN")?.Select(csn => csn.Split('#')[0]).Max(StringComparer.Ordinal);
                else if (message.Operation == LdapWire.SearchResultDone)
                {
                    var (code, text) = message.Result();
                    if (code != 0)
                        throw Refused(endpoint, code, text, "refused to show cn=accesslog to the updater");
                    break;
                }
            }

            // Only successful writes, and only from a little before the newest record on: no refresh of the whole 7-day log.
            LdapWire.Filter filter = newest is null
                ? new LdapWire.And(new LdapWire.Equal("objectClass", "auditWriteObject"), new LdapWire.Equal("reqResult", "0"))
                : new LdapWire.And(new LdapWire.Equal("objectClass", "auditWriteObject"), new LdapWire.Equal("reqResult", "0"),
                    new LdapWire.GreaterOrEqual("reqStart", AccessLogFeed.Minus(newest, overlap)));
            await stream.WriteAsync(LdapWire.Search(SearchId, AccessLogFeed.Suffix, 1, filter, RecordAttributes,
                [(LdapWire.SyncRequestOid, true, LdapWire.SyncRequestValue(persist: true))]), setup.Token);
            subscription = new AccessLogSubscription(endpoint, client, stream, continues) { LastRecord = lastRecord };
            while (await subscription.Next(setup.Token) is { } record)
            {
                if (record is RefreshDone)
                    return subscription;
                subscription.RefreshedRecords++;
            }
            throw new DirectoryUnavailableException($"{endpoint} closed the connection during the access log's refresh.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await Close(subscription, client);
            throw new DirectoryUnavailableException($"{endpoint} did not set up the access-log subscription in time ({DirectoryTimeouts.ConnectVariable} and {DirectoryTimeouts.OperationVariable} set the limits).");
        }
        catch (Exception e) when (e is SocketException or IOException or InvalidDataException or AsnContentException or AuthenticationException)
        {
            await Close(subscription, client);
            throw new DirectoryUnavailableException($"The access-log subscription to {endpoint} failed: {e.Message}", e);
        }
        catch
        {
            await Close(subscription, client);
            throw;
        }
    }

    private static async Task Close(AccessLogSubscription? subscription, TcpClient client)
    {
        if (subscription is not null)
            await subscription.DisposeAsync();
        else
            client.Dispose();
    }

    /// <summary>The next successful write slapd logged (null when the subscription is cancelled).</summary>
    /// <exception cref="DirectoryUnavailableException">The connection dropped, the server ended the search, or sent garbage.</exception>
    public async Task<AccessLogEntry> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var next = await Next(cancellationToken);
                if (next is AccessLogEntry entry)
                    return entry;
                if (next is null)
                    throw new DirectoryUnavailableException($"{Endpoint} closed the access-log subscription's connection.");
            }
        }
        catch (Exception e) when (e is SocketException or IOException or InvalidDataException or AsnContentException)
        {
            throw new DirectoryUnavailableException($"The access-log subscription to {Endpoint} was lost: {e.Message}", e);
        }
    }

    private sealed record RefreshDone;

    /// <summary>The next record, <see cref="RefreshDone"/>, or null at the end of the stream; other messages are skipped.</summary>
    private async Task<object?> Next(CancellationToken cancellationToken)
    {
        while (await LdapWire.ReadAsync(_reader, cancellationToken) is { } message)
        {
            if (message.Id == 0)
                throw new DirectoryUnavailableException($"{Endpoint} ended the connection (notice of disconnection).");
            if (message.Id != SearchId)
                continue;
            switch (message.Operation)
            {
                case LdapWire.SearchResultEntry:
                    var (dn, attributes) = message.Entry();
                    var record = Record(dn, attributes);
                    if (record.Start.Length > 0 && (LastRecord is null || string.CompareOrdinal(record.Start, LastRecord) > 0))
                        LastRecord = record.Start;
                    return record;
                case LdapWire.IntermediateResponse when message.EndsRefresh():
                    return new RefreshDone();
                case LdapWire.SearchResultDone:
                    var (code, text) = message.Result();
                    throw code == 0 || code == 4096 // e-syncRefreshRequired: subscribe again
                        ? new DirectoryUnavailableException($"{Endpoint} ended the access-log subscription (result {code}{(text.Length > 0 ? ": " + text.Trim() : "")}).")
                        : Refused(Endpoint, code, text, "refused the access-log subscription (a sync search on cn=accesslog; its database needs overlay syncprov)");
            }
        }
        return null;
    }

    /// <summary>A log record as the poll reads it; a record missing its attributes still yields one (with empty parts), never an exception.</summary>
    private static AccessLogEntry Record(string dn, Dictionary<string, List<string>> attributes)
    {
        string One(string name) => attributes.GetValueOrDefault(name)?.FirstOrDefault() ?? "";
        var start = One("reqStart");
        if (start.Length == 0 && dn.StartsWith("reqStart=", StringComparison.OrdinalIgnoreCase))
            start = dn["reqStart=".Length..].Split(',')[0];
        return new AccessLogEntry(start, One("reqType"), One("reqDN"),
            (attributes.GetValueOrDefault("reqMod") ?? []).Select(m => m.Split(':')[0]).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
    }

    private static async Task<LdapWire.Received> Expect(Stream stream, int operation, DirectoryEndpoint endpoint, CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await LdapWire.ReadAsync(stream, cancellationToken)
                          ?? throw new DirectoryUnavailableException($"{endpoint} closed the connection.");
            if (message.Id == 0)
                throw new DirectoryUnavailableException($"{endpoint} ended the connection (notice of disconnection).");
            if (operation < 0 || message.Operation == operation)
                return message;
        }
    }

    private static DirectoryException Refused(DirectoryEndpoint endpoint, int code, string text, string what) =>
        code is 51 or 52
            ? new DirectoryUnavailableException($"{endpoint} {what}: result {code}{(text.Length > 0 ? " " + text.Trim() : "")}")
            : new DirectoryRefusedException(Enum.IsDefined(typeof(DirectoryResult), code) ? (DirectoryResult)code : DirectoryResult.Other,
                $"{endpoint} {what}: result {code}{(text.Length > 0 ? " " + text.Trim() : "")}") { Reason = text.Trim() };

    /// <summary>A silently dead peer (a host gone without a reset) is noticed within about 30 s instead of hours.</summary>
    private static void KeepAlive(Socket socket)
    {
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 15);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 5);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
    }

    /// <summary>TLS as libldap does it for the other connections: the host name must match, the chain must end at the
    /// system store or the endpoint's CA file.</summary>
    private static async Task<Stream> Tls(Stream stream, DirectoryEndpoint endpoint, CancellationToken cancellationToken)
    {
        var tls = new SslStream(stream, leaveInnerStreamOpen: false, (_, certificate, _, errors) => Trusted(endpoint, certificate, errors));
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = endpoint.Host }, cancellationToken);
        }
        catch (AuthenticationException e)
        {
            await tls.DisposeAsync();
            throw new DirectoryRefusedException(DirectoryResult.Other, $"The TLS handshake with {endpoint} failed ({e.Message}); casdir sent no bind.", e);
        }
        return tls;
    }

    private static bool Trusted(DirectoryEndpoint endpoint, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
            return true;
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || presented is null || endpoint.CaFile is not { } caFile)
            return false;
        using var certificate = new X509Certificate2(presented);
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(File.ReadAllText(caFile)));
        return chain.Build(certificate);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            await _stream.WriteAsync(LdapWire.Unbind(99), quick.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // Gone already: nothing to say goodbye to.
        }
        await _reader.DisposeAsync();
        _client.Dispose();
    }
}
