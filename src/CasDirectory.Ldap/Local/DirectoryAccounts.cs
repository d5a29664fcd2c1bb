using CasDirectory.Core.Naming;

namespace CasDirectory.Ldap.Local;

/// <summary>
/// The accounts of a CasDirectory directory (README: Accounts). <c>admin</c> is slapd's rootdn, for set-up only;
/// the others are least-privilege application accounts under CN=Users.
/// </summary>
public static class DirectoryAccounts
{
    public const string Admin = "admin";
    public const string Provisioning = "provisioning";
    public const string Updater = "updater";
    public const string Reader = "reader";
    /// <summary>The account a replica binds as to read its provider (docs/replication.md): reads everything but cn=accesslog, writes nothing.</summary>
    public const string Replicator = "replicator";

    public static IReadOnlyList<string> All { get; } = [Admin, Provisioning, Updater, Reader, Replicator];

    /// <summary>
    /// The application accounts' relative identifiers: each account's objectSid is the domain's SID and this (docs/security.md,
    /// "Security descriptors and SIDs"). Fixed, so casdir-guard's descriptors and the tests name the same accounts in every
    /// directory; 1101 on, where a new domain's first accounts begin.
    /// </summary>
    public static uint Rid(string account) => account switch
    {
        Provisioning => 1101,
        Updater => 1102,
        Reader => 1103,
        Replicator => 1104,
        _ => throw new ArgumentOutOfRangeException(nameof(account), account, "Only the application accounts have a SID; the rootdn is slapd's."),
    };

    public static string Dn(string account, ConfigurationPartition partition) => account switch
    {
        Admin => "CN=admin," + partition.DomainDn,
        Provisioning or Updater or Reader or Replicator => $"CN=casdir-{account},{partition.UsersDn}",
        _ => throw new ArgumentOutOfRangeException(nameof(account), account, "Unknown account."),
    };
}
