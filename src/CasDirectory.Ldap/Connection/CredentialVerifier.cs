using System.Collections.Concurrent;
using System.DirectoryServices.Protocols;
using System.Net;

namespace CasDirectory.Ldap.Connection;

/// <summary>
/// Checks a user's password the way a Client Access server does for Basic authentication: a simple bind as that user.
/// Binds reuse a few open connections (a bind on an open connection replaces its identity), so a check costs one round
/// trip, not a TCP and TLS handshake. An empty password is refused here: LDAP takes a DN with an empty password as an
/// unauthenticated bind that "succeeds" (RFC 4513, 5.1.2).
/// </summary>
public sealed class CredentialVerifier(DirectoryEndpoint endpoint, int connections = 4) : IDisposable
{
    private readonly ConcurrentBag<LdapConnection> _idle = [];
    private readonly SemaphoreSlim _slots = new(connections, connections);

    /// <summary>True for the right password, false for a wrong one (or none); the directory being away is an exception.</summary>
    public async Task<bool> VerifyAsync(string dn, string password, CancellationToken cancellation)
    {
        if (password.Length == 0 || dn.Length == 0)
            return false;
        await _slots.WaitAsync(cancellation);
        LdapConnection? connection = null;
        try
        {
            connection = _idle.TryTake(out var idle) ? idle : DirectoryConnectionFactory.Open(endpoint, null);
            connection.AuthType = AuthType.Basic; // opened anonymously; a simple bind replaces that identity
            connection.Bind(new NetworkCredential(dn, password));
            _idle.Add(connection);
            connection = null;
            return true;
        }
        catch (LdapException e) when (e.ErrorCode == (int)Errors.DirectoryResult.InvalidCredentials)
        {
            // The connection stays open for the next check (a failed bind leaves it anonymous): a wrong password costs
            // what a right one does, so the time an answer takes says nothing about the password.
            _idle.Add(connection!);
            connection = null;
            return false;
        }
        catch (LdapException e)
        {
            throw new Errors.DirectoryRefusedException(Errors.DirectoryResult.Other, $"{endpoint} could not check a password ({e.Message}).", e);
        }
        finally
        {
            connection?.Dispose();
            _slots.Release();
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var connection))
            connection.Dispose();
        _slots.Dispose();
    }
}
