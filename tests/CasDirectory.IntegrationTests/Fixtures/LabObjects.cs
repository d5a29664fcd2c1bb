using CasDirectory.Core.Naming;

namespace CasDirectory.IntegrationTests.Fixtures;

/// <summary>The sample lab's names (README: the sample lab) and LDIF builders for the objects tests add by hand.</summary>
public static class LabObjects
{
    public static readonly ConfigurationPartition Partition = ConfigurationPartition.Default;
    public static readonly string[] ServerNames = ["E2K10-MLT-01", "E2K10-MLT-02", "E2K7-MLT-02", "E2003-BE"];

    public static string SiteDn(string site) => Partition.SiteDn(site);
    public static string ServerDn(string name) => Partition.ServerDn(name);

    public static string ArrayLdif(string name, string fqdn, string site) => $"""
        dn: {Partition.ArrayDn(name)}
        objectClass: top
        objectClass: server
        objectClass: msExchExchangeServer
        objectClass: msExchClientAccessArray
        cn: {name}
        networkAddress: ncacn_ip_tcp:{fqdn}
        msExchServerSite: {Partition.SiteDn(site)}
        legacyExchangeDN: {Partition.ServerLegacyDn(fqdn)}

        """;

    public static string SiteLdif(string name) => $"""
        dn: {Partition.SiteDn(name)}
        objectClass: top
        objectClass: site
        cn: {name}

        """;

    public static string SubnetLdif(string cidr, string site) => $"""
        dn: {Partition.SubnetDn(cidr)}
        objectClass: top
        objectClass: subnet
        cn: {cidr}
        siteObject: {Partition.SiteDn(site)}

        """;

    public static string ReplaceLdif(string dn, string attribute, string value) => $"""
        dn: {dn}
        changetype: modify
        replace: {attribute}
        {attribute}: {value}

        """;

    /// <summary>DNs compare without case and without spaces after commas, as LDAP compares them.</summary>
    public static string NormalizeDn(string dn) => DistinguishedNames.Normalize(dn);
}
