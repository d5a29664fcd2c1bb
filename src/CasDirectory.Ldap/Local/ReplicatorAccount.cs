using System.DirectoryServices.Protocols;
using CasDirectory.Core.Security;
using CasDirectory.Ldap.Connection;

namespace CasDirectory.Ldap.Local;

/// <summary>
/// Adds the replicator account (docs/replication.md) to a running directory made before it existed, as the rootdn:
/// the entry accounts.ldif.template gives a new directory, its objectSid the domain's SID (read from the provisioning
/// account's) with RID 1104.
/// </summary>
internal static class ReplicatorAccount
{
    public static void Add(DirectoryEndpoint endpoint, DirectoryCredential admin, string dn, string provisioningDn, string passwordHash)
    {
        using var connection = DirectoryConnectionFactory.Open(endpoint, admin, TimeSpan.FromSeconds(10));
        var existing = (SearchResponse)connection.SendRequest(new SearchRequest(provisioningDn, "(objectClass=*)", SearchScope.Base, "objectSid"));
        var provisioningSid = existing.Entries.Cast<SearchResultEntry>().Single().Attributes["objectSid"].GetValues(typeof(byte[])).Cast<byte[]>().Single();
        var provisioning = SecurityIdentifier.FromBinary(provisioningSid);
        var domain = new SecurityIdentifier(provisioning.IdentifierAuthority, [.. provisioning.SubAuthorities.Take(provisioning.SubAuthorities.Count - 1)]);
        var sid = domain.Account(DirectoryAccounts.Rid(DirectoryAccounts.Replicator)).ToBinary();
        try
        {
            connection.SendRequest(new AddRequest(dn,
                new DirectoryAttribute("objectClass", "top", "applicationProcess", "simpleSecurityObject", "securityPrincipal"),
                new DirectoryAttribute("cn", "casdir-replicator"),
                new DirectoryAttribute("sAMAccountName", "casdir-replicator"),
                new DirectoryAttribute("objectSid", sid),
                new DirectoryAttribute("description", "CasDirectory replication account (a mirror or consumer reads with it; writes nothing)"),
                new DirectoryAttribute("userPassword", passwordHash)));
        }
        catch (DirectoryOperationException e) when (e.Response?.ResultCode == ResultCode.EntryAlreadyExists)
        {
            // Made by an earlier attempt whose password file was lost: give it the new password.
            connection.SendRequest(new ModifyRequest(dn, DirectoryAttributeOperation.Replace, "userPassword", passwordHash));
        }
    }
}
