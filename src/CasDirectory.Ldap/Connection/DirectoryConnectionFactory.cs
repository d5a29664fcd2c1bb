using System.DirectoryServices.Protocols;
using System.Net;

namespace CasDirectory.Ldap.Connection;

/// <summary>
/// Opens System.DirectoryServices.Protocols connections as "The LDAP client on Linux" in docs/rules.md requires:
/// LDAP v3, simple bind, no referral chasing, and an explicit Bind() on one thread before the
/// connection is shared. A connection that threw an LdapException is poisoned: dispose it.
/// </summary>
public static class DirectoryConnectionFactory
{
    public static LdapConnection Open(DirectoryEndpoint endpoint, DirectoryCredential? credential, TimeSpan? timeout = null)
    {
        var timeouts = DirectoryTimeouts.FromEnvironment();
        var connection = new LdapConnection(new LdapDirectoryIdentifier(endpoint.Host, endpoint.Port, fullyQualifiedDnsHostName: true, connectionless: false))
        {
            AuthType = credential is null ? AuthType.Anonymous : AuthType.Basic,
            Timeout = timeout ?? timeouts.Operation,
        };
        connection.SessionOptions.ProtocolVersion = 3;
        connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
        if (endpoint.Secure || endpoint.StartTls)
        {
            connection.SessionOptions.SecureSocketLayer = endpoint.Secure;
            connection.SessionOptions.TrustedCertificatesDirectory = endpoint.CaFile is { } caFile ? TrustDirectory.For(caFile) : TrustDirectory.SystemCertificates;
            connection.SessionOptions.StartNewTlsSessionContext(); // libldap reads TLS options into a new context only
        }
        // On Linux, Bind() waits for ever on a port that accepts and never answers (it ignores Timeout), so it
        // runs on its own thread under a watchdog. A bind that timed out keeps its thread and connection:
        // disposing a handle libldap is still using would be worse than leaking one.
        var bind = Task.Factory.StartNew(() =>
        {
            if (endpoint.StartTls)
            {
                // S.DS.P on Linux starts TLS only on an open socket: an anonymous root DSE read opens it (no password
                // goes anywhere before the upgrade), then StartTLS; if that fails, it throws and nothing is bound.
                // Not even an anonymous bind before the upgrade: S.DS.P would otherwise bind on the read.
                connection.AutoBind = false;
                connection.SendRequest(new SearchRequest("", "(objectClass=*)", SearchScope.Base, "1.1"));
                try
                {
                    connection.SessionOptions.StartTransportLayerSecurity(null);
                }
                catch (DirectoryOperationException e)
                {
                    // The server answered the StartTLS request itself with an error (slapd without TLS: protocolError,
                    // "unsupported extended operation"): no handshake took place, so no certificate is to blame.
                    throw new Errors.DirectoryRefusedException(Errors.DirectoryResult.Other,
                        $"The server at {endpoint} refused StartTLS ({StartTlsRefusal(endpoint, e)}). casdir sent no bind.", e)
                    { Reason = e.Response?.ErrorMessage };
                }
                catch (LdapException e)
                {
                    // The server accepted StartTLS and the handshake failed: the same upgrade by hand says whether the
                    // certificate is to blame, and what it has wrong.
                    var trust = endpoint.CaFile is { } ca ? $"the CA in {ca}" : "a CA of the system store (name one with CASDIR_CA_FILE)";
                    var problem = ServerCertificateCheck.StartTlsProblem(endpoint, timeouts.Connect);
                    throw new Errors.DirectoryRefusedException(Errors.DirectoryResult.Other, problem switch
                    {
                        ServerCertificateCheck.NoCertificate => $"StartTLS with {endpoint} failed: the server presented no certificate in the TLS handshake ({e.Message}). casdir sent no bind.",
                        null => $"StartTLS with {endpoint} failed in the TLS handshake ({e.Message}), though its certificate passes casdir's own check against {trust}: " +
                                "look at the TLS versions and ciphers both sides allow. casdir sent no bind.",
                        _ => $"StartTLS with {endpoint} failed: its certificate {problem["it ".Length..]}. casdir sent no bind.",
                    }, e) { Reason = problem };
                }
            }
            connection.AutoBind = true;
            if (credential is null)
                connection.Bind();
            else
                connection.Bind(new NetworkCredential(credential.Dn, credential.Password));
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var connectTimeout = timeout is { } t && t < timeouts.Connect ? t : timeouts.Connect;
        if (!((IAsyncResult)bind).AsyncWaitHandle.WaitOne(connectTimeout))
            throw new DirectoryUnresponsiveException(
                $"{endpoint} did not answer within {connectTimeout.TotalSeconds:0.#} s ({DirectoryTimeouts.ConnectVariable} sets the limit)");
        try
        {
            bind.GetAwaiter().GetResult();
            return connection;
        }
        catch (LdapException) when (endpoint.Secure)
        {
            // libldap only says "the LDAP server is unavailable", also for a certificate it refused (and then it sent
            // nothing: over LDAPS no LDAP message precedes the handshake). A handshake of our own names the problem.
            connection.Dispose();
            ServerCertificateCheck.Verify(endpoint, connectTimeout);
            throw;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The server's own words for refusing StartTLS. S.DS.P on Linux gives only its text for the result code, so a
    /// second plain connection sends the extended request itself and reads the server's diagnostic message.
    /// </summary>
    private static string StartTlsRefusal(DirectoryEndpoint endpoint, DirectoryOperationException refused)
    {
        var code = refused.Response?.ResultCode;
        var text = code is { } c ? $"result {(int)c} {c}" : refused.Message;
        try
        {
            using var probe = new LdapConnection(new LdapDirectoryIdentifier(endpoint.Host, endpoint.Port, fullyQualifiedDnsHostName: true, connectionless: false))
            {
                AuthType = AuthType.Anonymous,
                Timeout = TimeSpan.FromSeconds(5),
                AutoBind = false,
            };
            probe.SessionOptions.ProtocolVersion = 3;
            probe.SendRequest(new SearchRequest("", "(objectClass=*)", SearchScope.Base, "1.1")); // opens the socket: no bind
            probe.SendRequest(new ExtendedRequest(StartTlsOid));
            return text; // it accepted this time: the probe closes without a handshake
        }
        catch (DirectoryOperationException e) when (e.Response is { } response && !string.IsNullOrWhiteSpace(response.ErrorMessage))
        {
            return $"{response.ErrorMessage.Trim()}; result {(int)response.ResultCode} {response.ResultCode}";
        }
        catch (Exception e) when (e is DirectoryOperationException or LdapException)
        {
            return text;
        }
    }

    private const string StartTlsOid = "1.3.6.1.4.1.1466.20037";
}
