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
        var connection = new LdapConnection(new LdapDirectoryIdentifier(endpoint.Host, endpoint.Port, fullyQualifiedDnsHostName: true, connectionless: false))
        {
            AuthType = credential is null ? AuthType.Anonymous : AuthType.Basic,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
        try
        {
            connection.SessionOptions.ProtocolVersion = 3;
            connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
            if (credential is null)
                connection.Bind();
            else
                connection.Bind(new NetworkCredential(credential.Dn, credential.Password));
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
