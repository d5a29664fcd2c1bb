using CasDirectory.Core.Naming;

namespace CasDirectory.Ldap.Local;

/// <summary>
/// The template variables that describe the directory's tree and accounts. The container entrypoint
/// derives the same names the same way (a test runs it and compares the result).
/// </summary>
public static class TemplateValues
{
    public static Dictionary<string, string> For(ConfigurationPartition partition) => new(StringComparer.Ordinal)
    {
        ["DOMAIN"] = partition.Domain.Value,
        ["ORG"] = partition.Organization.Value,
        ["BASE_DN"] = partition.DomainDn,
        ["DC_LABEL"] = partition.Domain.FirstLabel,
        ["CONFIG_DN"] = partition.ConfigurationDn,
        ["ORG_DN"] = partition.OrganizationDn,
        ["ARRAYS_DN"] = partition.ArraysDn,
        ["ARRAYS_DN_URL"] = LdapUrlDn(partition.ArraysDn),
        // slapd's normalised form, as ACL sets compare DNs byte for byte (lower case, as slapd folds ASCII).
        ["ARRAYS_NDN"] = partition.ArraysDn.ToLowerInvariant(),
        ["ADMIN_DN"] = DirectoryAccounts.Dn(DirectoryAccounts.Admin, partition),
        ["PROVISIONING_DN"] = DirectoryAccounts.Dn(DirectoryAccounts.Provisioning, partition),
        ["UPDATER_DN"] = DirectoryAccounts.Dn(DirectoryAccounts.Updater, partition),
        ["READER_DN"] = DirectoryAccounts.Dn(DirectoryAccounts.Reader, partition),
        ["REPLICATOR_DN"] = DirectoryAccounts.Dn(DirectoryAccounts.Replicator, partition),
    };

    /// <summary>A DN inside an LDAP URL (RFC 4516): percent-encode what a URL cannot hold as is.</summary>
    public static string LdapUrlDn(string dn) => dn.Replace("%", "%25").Replace(" ", "%20").Replace("?", "%3F");
}
