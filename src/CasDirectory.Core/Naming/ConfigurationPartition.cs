namespace CasDirectory.Core.Naming;

/// <summary>
/// Where things live in Active Directory's tree for one domain and Exchange organisation
/// (docs/directory.md, "The tree and the schema"). Every DN the project builds comes from here, with names escaped.
/// </summary>
public sealed record ConfigurationPartition(DomainName Domain, OrganizationName Organization)
{
    /// <summary>Fixed by Exchange 2007/2010 setup; the FYDIBOHF23SPDLT suffix is a Caesar shift of EXCHANGE12ROCKS.</summary>
    public const string AdministrativeGroupName = "Exchange Administrative Group (FYDIBOHF23SPDLT)";

    public static ConfigurationPartition Default { get; } =
        new(DomainName.Parse("lab.local"), OrganizationName.Parse("First Organization"));

    public string DomainDn => Domain.DistinguishedName;
    public string ConfigurationDn => "CN=Configuration," + DomainDn;
    public string UsersDn => "CN=Users," + DomainDn;
    public string SitesDn => "CN=Sites," + ConfigurationDn;
    public string SubnetsDn => "CN=Subnets," + SitesDn;
    public string OrganizationDn => $"CN={LdapEscaping.DnValue(Organization.Value)},CN=Microsoft Exchange,CN=Services,{ConfigurationDn}";
    public string AdministrativeGroupsDn => "CN=Administrative Groups," + OrganizationDn;
    public string AdministrativeGroupDn => $"CN={AdministrativeGroupName},{AdministrativeGroupsDn}";
    public string ServersDn => "CN=Servers," + AdministrativeGroupDn;
    public string DatabasesDn => "CN=Databases," + AdministrativeGroupDn;
    public string DatabaseAvailabilityGroupsDn => "CN=Database Availability Groups," + AdministrativeGroupDn;
    public string ArraysDn => "CN=Arrays," + AdministrativeGroupDn;

    /// <summary>legacyExchangeDN of the organisation: <c>/o=First Organization</c>.</summary>
    public string OrganizationLegacyDn => "/o=" + Organization.Value;

    /// <summary>legacyExchangeDN of the administrative group.</summary>
    public string AdministrativeGroupLegacyDn => $"{OrganizationLegacyDn}/ou={AdministrativeGroupName}";

    public string SiteDn(string siteName) => $"CN={LdapEscaping.DnValue(siteName)},{SitesDn}";
    public string SubnetDn(string cidr) => $"CN={LdapEscaping.DnValue(cidr)},{SubnetsDn}";
    public string ServerDn(string serverName) => $"CN={LdapEscaping.DnValue(serverName)},{ServersDn}";
    public string ArrayDn(string arrayName) => $"CN={LdapEscaping.DnValue(arrayName)},{ArraysDn}";
    public string DatabaseDn(string databaseName) => $"CN={LdapEscaping.DnValue(databaseName)},{DatabasesDn}";

    /// <summary>legacyExchangeDN of a server or array: <c>&lt;admin group&gt;/cn=Configuration/cn=Servers/cn=&lt;name&gt;</c>.</summary>
    public string ServerLegacyDn(string name) => $"{AdministrativeGroupLegacyDn}/cn=Configuration/cn=Servers/cn={name}";
}
