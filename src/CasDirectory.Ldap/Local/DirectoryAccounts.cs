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

    public static IReadOnlyList<string> All { get; } = [Admin, Provisioning, Updater, Reader];

    public static string Dn(string account, ConfigurationPartition partition) => account switch
    {
        Admin => "CN=admin," + partition.DomainDn,
        Provisioning or Updater or Reader => $"CN=casdir-{account},{partition.UsersDn}",
        _ => throw new ArgumentOutOfRangeException(nameof(account), account, "Unknown account."),
    };
}
