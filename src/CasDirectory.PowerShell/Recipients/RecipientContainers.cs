using CasDirectory.Core;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;
using CasDirectory.Ldap.Exchange;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>-OrganizationalUnit: a container of the domain partition (not the configuration) by DN or canonical name.</summary>
internal static class RecipientContainers
{
    public static string Resolve(ExchangeDirectory directory, string identity)
    {
        var partition = directory.Partition;
        var dn = identity.Contains('=') ? identity
            : identity.Contains('/') ? FromCanonical(identity, partition)
            : $"OU={LdapEscaping.DnValue(identity)},{partition.DomainDn}";
        var insideDomain = DistinguishedNames.AreEqual(dn, partition.DomainDn) || Normalized(dn).EndsWith("," + Normalized(partition.DomainDn), StringComparison.Ordinal);
        var insideConfiguration = DistinguishedNames.AreEqual(dn, partition.ConfigurationDn) || Normalized(dn).EndsWith("," + Normalized(partition.ConfigurationDn), StringComparison.Ordinal);
        if (!insideDomain || insideConfiguration)
            throw new DomainRuleException($"-OrganizationalUnit '{ObjectName.Shown(identity)}' is not a container of the domain {partition.Domain}; recipients live in the domain partition, such as CN=Users.", isMalformedInput: true);
        var classes = directory.EntryClasses(dn) ?? throw new ObjectNotFoundException("organizational unit", identity);
        if (!classes.Any(c => c.Equals("container", StringComparison.OrdinalIgnoreCase) || c.Equals("organizationalUnit", StringComparison.OrdinalIgnoreCase)))
            throw new DomainRuleException($"-OrganizationalUnit '{ObjectName.Shown(identity)}' is not a container or organizational unit ({string.Join(", ", classes)}); users go in CN=Users or an OU.", isMalformedInput: true);
        return dn;
    }

    private static string Normalized(string dn) => DistinguishedNames.Normalize(dn);

    /// <summary>lab.local/Users → CN=Users,DC=lab,DC=local (the first level is a container, deeper ones organizational units, as AD's defaults).</summary>
    private static string FromCanonical(string canonical, ConfigurationPartition partition)
    {
        var parts = canonical.Split('/');
        if (!string.Equals(parts[0], partition.Domain.ToString(), StringComparison.OrdinalIgnoreCase))
            return "invalid";
        var rdns = parts.Skip(1).Select((p, i) => (i == 0 && p.Equals("Users", StringComparison.OrdinalIgnoreCase) ? "CN=" : "OU=") + LdapEscaping.DnValue(p)).Reverse();
        return string.Join(",", rdns.Append(partition.DomainDn));
    }
}
