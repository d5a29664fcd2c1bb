using System.DirectoryServices.Protocols;

namespace CasDirectory.Ldap.Connection;

/// <summary>
/// Something accepted the connection but did not answer the bind in time (a wrong port, a hung server). Not retried:
/// waiting again would only multiply the wait.
/// </summary>
public sealed class DirectoryUnresponsiveException(string message) : LdapException(85, message);
