using CasDirectory.IntegrationTests.Fixtures;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.DirectoryRules.Attacks;

/// <summary>
/// Every raw-LDAP attack on the sample lab (with CASArray-A in Site-A) that the directory refuses, whoever sends it:
/// the ones the first adversarial pass found, and the second pass's attribute options, extensibleObject, second names,
/// unknown classes and invisible characters. AttackSuiteTests runs each as written and again under every variant.
/// </summary>
public static class AttackCatalogue
{
    private const int ConstraintViolation = 19;
    private const int UnwillingToPerform = 53;
    private const int NamingViolation = 64;
    private const int ObjectClassViolation = 65;
    private const int NotAllowedOnRdn = 67;

    public static readonly string Array = Partition.ArrayDn("CASArray-A");
    private static readonly string Server1 = ServerDn("E2K10-MLT-01");
    private static readonly string Server2 = ServerDn("E2K10-MLT-02");
    private static readonly string Mdb01 = Partition.DatabaseDn("MDB01");
    private static readonly string Mdb01Copy = "CN=E2K10-MLT-01," + Partition.DatabaseDn("MDB01");
    private const string Zwj = "\u200D";

    private static string Add(string ldif)
    {
        var firstLine = ldif.IndexOf('\n') + 1;
        return ldif[..firstLine] + "changetype: add\n" + ldif[firstLine..];
    }

    private static string Modify(string dn, string change) => $"dn: {dn}\nchangetype: modify\n{change}\n";

    private static string Rename(string dn, string newRdn, bool deleteOldRdn = true, string? newSuperior = null) =>
        $"dn: {dn}\nchangetype: modrdn\nnewrdn: {newRdn}\ndeleteoldrdn: {(deleteOldRdn ? 1 : 0)}\n" + (newSuperior is null ? "" : $"newsuperior: {newSuperior}\n");

    private static string Delete(string dn) => $"dn: {dn}\nchangetype: delete\n";

    private static string ServerLdif(string name, string site, string extra = "") => $"""
        dn: {ServerDn(name)}
        changetype: add
        objectClass: top
        objectClass: server
        objectClass: msExchExchangeServer
        cn: {name}
        msExchServerSite: {SiteDn(site)}
        serialNumber: Version 14.2 (Build 30247.5)
        {extra}
        """.TrimEnd('\n') + "\n";

    private static string ArrayWithout(string attribute) =>
        string.Join('\n', Add(ArrayLdif("CASArray-X", "x.lab.local", "Site-B")).Split('\n').Where(l => !l.StartsWith(attribute + ":", StringComparison.Ordinal)));

    public static IEnumerable<Attack> All()
    {
        // --- First pass: containers, classes and references ------------------------------------------------------
        yield return new("An array moved out of CN=Arrays", Rename(Array, "CN=CASArray-A", true, Partition.ServersDn), UnwillingToPerform, "renamed in place only");
        yield return new("An entry moved to another container", Rename(SiteDn("Site-B"), "CN=Site-B", true, Partition.ServersDn), UnwillingToPerform, "renamed in place only");
        yield return new("CN=Arrays renamed", Rename(Partition.ArraysDn, "CN=Arrays2"), UnwillingToPerform, "keep their names");
        yield return new("CN=Subnets renamed", Rename(Partition.SubnetsDn, "CN=Subnets2"), UnwillingToPerform, "keep their names");
        yield return new("The administrative group renamed", Rename(Partition.AdministrativeGroupDn, "CN=Other Group"), UnwillingToPerform, "keep their names");
        yield return new("An array added outside CN=Arrays", Add(ArrayLdif("CASArray-X", "x.lab.local", "Site-B")).Replace(",CN=Arrays,", ",CN=Servers,"), NamingViolation, "an entry of class msExchClientAccessArray does not belong below an entry of class msExchServersContainer");
        yield return new("A second array in a site", Add(ArrayLdif("CASArray-B", "b.lab.local", "Site-A")), ConstraintViolation, "non-unique");
        yield return new("An array FQDN given to a server", Modify(Server2, "add: networkAddress\nnetworkAddress: ncacn_ip_tcp:OUTLOOK.Lab.Local"), ConstraintViolation, "non-unique");
        yield return new("An FQDN with a trailing dot", Modify(Server2, "add: networkAddress\nnetworkAddress: ncacn_ip_tcp:outlook.lab.local."), ConstraintViolation, "constraint on networkAddress");
        yield return new("A server's site pointed at a server", Modify(Server1, $"replace: msExchServerSite\nmsExchServerSite: {Server2}"), ConstraintViolation, "constraint on msExchServerSite");
        yield return new("A server's site pointed at nothing", Modify(Server1, $"replace: msExchServerSite\nmsExchServerSite: {SiteDn("Site-Nowhere")}"), ConstraintViolation, "constraint on msExchServerSite");
        yield return new("A database owned by an array", Modify(Mdb01, $"replace: msExchOwningServer\nmsExchOwningServer: {Array}"), ConstraintViolation, "constraint on msExchOwningServer");
        yield return new("A database copy hosted by an array", Modify(Mdb01Copy, $"replace: msExchHostServerLink\nmsExchHostServerLink: {Array}"), ConstraintViolation, "constraint on msExchHostServerLink");
        yield return new("A malformed IP address", Modify(Server1, "replace: ipHostNumber\nipHostNumber: 10.2.0.050"), ConstraintViolation, "is not an IPv4 address");
        yield return new("A short legacyExchangeDN", Modify(Server1, "replace: legacyExchangeDN\nlegacyExchangeDN: /o=x"), ConstraintViolation, "constraint on legacyExchangeDN");
        yield return new("A malformed serialNumber", Modify(Server1, "replace: serialNumber\nserialNumber: garbage"), ConstraintViolation, "constraint on serialNumber");
        yield return new("A subnet named garbage", Add(SubnetLdif("garbage", "Site-B")), ConstraintViolation, "is not a subnet in canonical CIDR form");
        yield return new("A subnet with host bits", Add(SubnetLdif("10.1.0.1/16", "Site-B")), ConstraintViolation, "is not a subnet in canonical CIDR form");
        yield return new("A cn of 65 characters", Add(SiteLdif(new string('é', 65))), ConstraintViolation, "cn is 65 characters long; the maximum is 64");
        yield return new("A password in the configuration partition", $"dn: CN=Secret,{Partition.ConfigurationDn}\nchangetype: add\nobjectClass: person\ncn: Secret\nsn: x\nuserPassword: hunter2\n", UnwillingToPerform, "passwords belong to the accounts in CN=Users");
        yield return new("Deleting a site servers use", Delete(SiteDn("Site-A")), UnwillingToPerform, "still referenced by");
        yield return new("Deleting a server databases live on", Delete(Server2), UnwillingToPerform, "still referenced by");

        // --- Second pass: attribute options -----------------------------------------------------------------------
        yield return new("Another array's FQDN under an option", Modify(Server2, "add: networkAddress;lang-en\nnetworkAddress;lang-en: ncacn_ip_tcp:outlook.lab.local"), ConstraintViolation, "attribute options are not used");
        yield return new("A second site under an option", Modify(Server2, $"add: msExchServerSite;lang-en\nmsExchServerSite;lang-en: {SiteDn("Site-B")}"), ConstraintViolation, "attribute options are not used");
        yield return new("A missing site under an option", Modify(Server2, $"add: msExchServerSite;lang-en\nmsExchServerSite;lang-en: {SiteDn("Site-Nowhere")}"), ConstraintViolation, "attribute options are not used");
        yield return new("A second array in a site under an option", Add(ArrayLdif("CASArray-B", "b.lab.local", "Site-B")).Replace($"msExchServerSite: {SiteDn("Site-B")}", $"msExchServerSite: {SiteDn("Site-B")}\nmsExchServerSite;lang-en: {SiteDn("Site-A")}"), ConstraintViolation, "attribute options are not used");
        yield return new("A long name under an option", Modify(Server2, $"add: cn;lang-en\ncn;lang-en: {new string('x', 200)}"), ConstraintViolation, "attribute options are not used");
        yield return new("A duplicate name under an option", Modify(Server2, "add: cn;lang-en\ncn;lang-en: E2K10-MLT-01"), ConstraintViolation, "attribute options are not used");
        yield return new("A garbage subnet name under an option", Modify(Partition.SubnetDn("10.1.0.0/16"), "add: cn;lang-en\ncn;lang-en: garbage"), ConstraintViolation, "attribute options are not used");
        yield return new("A bad IP under an option", Modify(Server2, "add: ipHostNumber;lang-en\nipHostNumber;lang-en: not-an-ip"), ConstraintViolation, "attribute options are not used");
        yield return new("A bad serialNumber under an option", Modify(Server2, "add: serialNumber;lang-en\nserialNumber;lang-en: garbage"), ConstraintViolation, "attribute options are not used");
        yield return new("A bad legacyExchangeDN under an option", Modify(Server2, "add: legacyExchangeDN;lang-en\nlegacyExchangeDN;lang-en: /o=x"), ConstraintViolation, "attribute options are not used");
        yield return new("An option by the attribute's OID", Modify(Server2, "add: 2.5.4.3;lang-en\n2.5.4.3;lang-en: E2K10-MLT-01"), ConstraintViolation, "write cn, not 2.5.4.3;lang-en");

        // --- extensibleObject and the computed attributes ----------------------------------------------------------
        yield return new("extensibleObject on a server", Modify(Server2, "add: objectClass\nobjectClass: extensibleObject"), ObjectClassViolation, "cannot also be of class extensibleObject");
        yield return new("extensibleObject by its OID", Modify(Server2, "add: objectClass\nobjectClass: 1.3.6.1.4.1.1466.101.120.111"), ObjectClassViolation, "cannot also be of class extensibleObject"); // slapd names the class before the guard sees it
        yield return new("A site added as an extensibleObject", Add(SiteLdif("Site-X")).Replace("objectClass: site", "objectClass: site\nobjectClass: extensibleObject"), ObjectClassViolation, "cannot also be of class extensibleObject");
        foreach (var (attribute, value) in new[]
                 {
                     ("objectGUID", ":: AAAAAAAAAAAAAAAAAAAAAA=="), ("whenChanged", ": 20200101000000.0Z"), ("whenCreated", ": 20200101000000.0Z"),
                     ("objectCategory", $": CN=Site,CN=Schema,{Partition.ConfigurationDn}"), ("distinguishedName", $": {SiteDn("Site-A")}"),
                     ("name", ": Site-A"), ("instanceType", ": 5"), ("showInAdvancedViewOnly", ": FALSE"),
                     ("uSNChanged", ": 1"), ("uSNCreated", ": 1"), ("systemFlags", ": 0"), ("canonicalName", ": lab.local/Forged"),
                     ("allowedChildClasses", ": 1.2.840.113556.1.5.31"), ("allowedChildClassesEffective", ": 1.2.840.113556.1.5.31"), ("msDS-Approx-Immed-Subordinates", ": 0"), ("allowedAttributes", ": cn"), // numeric: slapd judges a name here by syntax first
                 })
            yield return new($"A stored {attribute}", Modify(Server2, $"add: {attribute}\n{attribute}{value}\n-\nadd: objectClass\nobjectClass: extensibleObject"),
                UnwillingToPerform, $"{attribute} is computed by the directory");

        // --- Second names, classes and shapes the rules did not know -----------------------------------------------
        yield return new("A second cn on a subnet", Modify(Partition.SubnetDn("10.1.0.0/16"), "add: cn\ncn: 10.2.0.0/16"), NotAllowedOnRdn, "cn is the entry's name");
        yield return new("A second cn on an array", Modify(Array, "add: cn\ncn: CASArray-Z"), NotAllowedOnRdn, "cn is the entry's name");
        yield return new("A subnet renamed keeping its old name", Rename(Partition.SubnetDn("10.1.0.0/16"), "CN=10.9.0.0/16", false), ConstraintViolation, "an entry has one name");
        yield return new("An array renamed keeping its old name", Rename(Array, "CN=CASArray-Z", false), ConstraintViolation, "an entry has one name");
        yield return new("A site added with two names", Add(SiteLdif("Site-X")).Replace("cn: Site-X", "cn: Site-X\ncn: Site-Y"), ConstraintViolation, "an entry has one name");
        yield return new("An array without its site", ArrayWithout("msExchServerSite"), ObjectClassViolation, "a Client Access array needs its site");
        yield return new("An array's site removed", Modify(Array, "delete: msExchServerSite"), ObjectClassViolation, "a Client Access array needs its site");
        yield return new("A legacy array among the servers", Add(ArrayLdif("CASArray-L", "l.lab.local", "Site-B")).Replace(",CN=Arrays,", ",CN=Servers,").Replace("objectClass: msExchClientAccessArray", "objectClass: msExchClientAccessArrayLegacy"),
            ObjectClassViolation, "cannot also be of class msExchClientAccessArrayLegacy");
        yield return new("A site added among the servers", Add(SiteLdif("Site-W")).Replace($",{Partition.SitesDn}", $",{Partition.ServersDn}"), NamingViolation, "an entry of class site does not belong below an entry of class msExchServersContainer");
        yield return new("A class the partition does not hold", $"dn: CN=Someone,{Partition.ConfigurationDn}\nchangetype: add\nobjectClass: person\ncn: Someone\nsn: x\n", ObjectClassViolation, "holds no entry of these classes");
        yield return new("An IP address on an array", Modify(Array, "add: objectClass\nobjectClass: ipHost\n-\nadd: ipHostNumber\nipHostNumber: 10.1.0.9"), ObjectClassViolation, "cannot also be of class ipHost");

        // --- The name in the DN: slapd copies an RDN value the entry lacks after every check has run -------------------
        yield return new("A name whose DN ends in a space", Add(SiteLdif("Site-T")).Replace("dn: CN=Site-T,", "dn: CN=Site-T\\20,"), ConstraintViolation, "ends with a space");
        yield return new("A subnet whose DN is no CIDR", Add(SubnetLdif("10.3.0.0/16", "Site-B")).Replace("dn: CN=10.3.0.0/16,", "dn: CN=10.3.0.0/16\\20,"), ConstraintViolation, "ends with a space");
        yield return new("A name with an invisible character in the DN only", Add(SiteLdif("ZWZ")).Replace("dn: CN=ZWZ,", "dn: CN=ZW\\E2\\80\\8BZ,"), ConstraintViolation, "holds an invisible character (U+200B");
        yield return new("A server whose DN names another server", ServerLdif("E2K10-MLT-09", "Site-A").Replace("cn: E2K10-MLT-09", "cn: OTHERNAME"), ConstraintViolation, "is not the name in its DN");
        yield return new("An entry without its cn", string.Join('\n', Add(SiteLdif("Site-N")).Split('\n').Where(l => !l.StartsWith("cn:", StringComparison.Ordinal))), ConstraintViolation, "the entry's cn must be given");
        yield return new("A multi-valued RDN on add", ServerLdif("RS1", "Site-A").Replace($"dn: {ServerDn("RS1")}", $"dn: CN=RS1+msExchServerSite=CN\\3dNowhere\\2cCN\\3dSites,{Partition.ServersDn}"), ConstraintViolation, "a multi-valued RDN is not used");
        yield return new("A write inside an LDAP transaction", Modify(Server2, "replace: description\ndescription: x"), UnwillingToPerform, "ldap_txn_start_s: Server is unwilling to perform (53)") { Extra = ["-E", "!txn=commit"], ToolExitCode = 1 }; // refused at the Start Transaction: nothing is queued

        // --- Names that look the same -----------------------------------------------------------------------------
        yield return new("A server name ending in a zero-width joiner", ServerLdif("E2K10-MLT-01" + Zwj, "Site-A"), ConstraintViolation, "holds an invisible character (U+200D");
        yield return new("A site name with a control character", Add(SiteLdif("Site\u0007A")), ConstraintViolation, "holds an invisible character (U+0007");
        yield return new("A site name with a right-to-left override", Add(SiteLdif("Site-\u202EA")), ConstraintViolation, "holds an invisible character (U+202E");
        yield return new("A site name ending in a space", Add(SiteLdif("Site-A\u00A0")), ConstraintViolation, "ends with a space");
        yield return new("A subnet whose prefix has a space", Add(SubnetLdif("10.9.0.0/ 16", "Site-B")), ConstraintViolation, "is not a subnet in canonical CIDR form");
        yield return new("A site renamed to an invisible name", Rename(SiteDn("Site-B"), "CN=Site-B" + Zwj), ConstraintViolation, "holds an invisible character (U+200D");
    }

    /// <summary>Each attack with each of its attributes under an option: refused whatever else it would have been.</summary>
    public static IEnumerable<Attack> UnderOptions() =>
        All().SelectMany(attack => attack.Attributes.Select(attack.WithOption)).OfType<Attack>();

    /// <summary>Each attack on an entry that is also an extensibleObject.</summary>
    public static IEnumerable<Attack> AsExtensibleObjects() => All().Select(attack => attack.WithExtensibleObject()).OfType<Attack>();
}
