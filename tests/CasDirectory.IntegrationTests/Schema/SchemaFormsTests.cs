using System.Diagnostics;
using System.Text.RegularExpressions;
using CasDirectory.Ldap.Local;
using CasDirectory.Ldap.Schema;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Schema;

/// <summary>The schema ships in slapd.conf form and cn=config form; both come from one source and load the same.</summary>
[TestFixture]
public sealed partial class SchemaFormsTests
{
    private static string SchemaFile => RepositoryPaths.Combine("schema", "casdirectory.schema");
    private static string LdifFile => RepositoryPaths.Combine("schema", "casdirectory.ldif");

    [Test]
    public void The_cn_config_form_is_generated_from_the_schema_file()
    {
        Assert.That(File.ReadAllText(LdifFile), Is.EqualTo(SchemaLdif.FromSlapdSchema(File.ReadAllText(SchemaFile))),
            "schema/casdirectory.ldif is stale: regenerate it with ./casdir schema-ldif > schema/casdirectory.ldif");
    }

    [Test]
    public void The_schema_partition_is_generated_from_the_schema_file()
    {
        Assert.That(File.ReadAllText(RepositoryPaths.Combine("ldif", "schema-partition.ldif.template")), Is.EqualTo(SchemaPartition.FromSlapdSchema(File.ReadAllText(SchemaFile))),
            "ldif/schema-partition.ldif.template is stale: regenerate it with ./casdir schema-partition > ldif/schema-partition.ldif.template");
    }

    [TestCase("msExchExchangeServer", "ms-Exch-Exchange-Server")]
    [TestCase("msExchMDBAvailabilityGroup", "ms-Exch-MDB-Availability-Group")]
    [TestCase("msExchOWAVirtualDirectory", "ms-Exch-OWA-Virtual-Directory")]
    [TestCase("msExchProtocolCfgExchangeRPCService", "ms-Exch-Protocol-Cfg-Exchange-RPC-Service")]
    [TestCase("msExch2003Url", "ms-Exch-2003-Url")]
    [TestCase("dNSHostName", "DNS-Host-Name")]
    [TestCase("nTDSSiteSettings", "NTDS-Site-Settings")]
    [TestCase("lDAPDisplayName", "LDAP-Display-Name")]
    [TestCase("mDBOverQuotaLimit", "MDB-Over-Quota-Limit")]
    [TestCase("objectGUID", "Object-Guid")]
    [TestCase("msExchMDBAvailabilityGroupIPv4Addresses", "ms-Exch-MDB-Availability-Group-IPv4-Addresses")]
    public void Schema_entries_are_named_as_Active_Directory_names_them(string ldapDisplayName, string commonName)
    {
        Assert.That(SchemaPartition.CommonName(ldapDisplayName), Is.EqualTo(commonName));
    }

    [Test]
    public void Both_forms_load_into_the_same_subschema()
    {
        using var lab = LabDirectory.Start(sample: null);
        using var folder = new TemporaryFolder("casdir-cnconfig");
        var slapd = SlapdInstallation.Locate();
        var port = FreePort.Next();
        var configDir = folder.Combine("slapd.d");
        Directory.CreateDirectory(configDir);
        var configLdif = $"""
            dn: cn=config
            objectClass: olcGlobal
            cn: config
            olcPidFile: {folder.Combine("slapd.pid")}

            dn: cn=schema,cn=config
            objectClass: olcSchemaConfig
            cn: schema

            include: file://{slapd.SystemSchemaDirectory}/core.ldif

            include: file://{slapd.SystemSchemaDirectory}/cosine.ldif

            include: file://{slapd.SystemSchemaDirectory}/nis.ldif

            include: file://{LdifFile}

            dn: olcDatabase={"{"}-1{"}"}frontend,cn=config
            objectClass: olcDatabaseConfig
            objectClass: olcFrontendConfig
            olcDatabase: {"{"}-1{"}"}frontend

            """;
        Run(slapd.Slapadd, ["-n0", "-F", configDir], configLdif);
        Run("/bin/sh", ["-c", "setsid \"$@\" </dev/null >/dev/null 2>&1 &", "sh", slapd.Slapd, "-d", "0", "-F", configDir, "-h", $"ldap://127.0.0.1:{port}/"]);
        var cnConfigStatus = lab.Status with { State = lab.Status.State with { Url = $"ldap://127.0.0.1:{port}" } };
        try
        {
            var cnConfigTools = new LdapTools(cnConfigStatus);
            Assert.That(SpinWait.SpinUntil(() => cnConfigTools.Search(LdapTools.Anonymous, "", "(objectClass=*)", "base").ExitCode == 0, TimeSpan.FromSeconds(10)), Is.True);

            var ours = OurDefinitionNames();
            Assert.That(ours, Has.Count.GreaterThan(100));
            // casdir-guard gives the string attributes that have none an ordering rule when slapd starts (docs/rules.md,
            // "Sorting"); the cn=config slapd runs without it. Each definition is the same, or the same plus that rule.
            var loaded = Definitions(cnConfigTools, ours);
            var running = Definitions(lab.Tools, ours);
            Assert.That(running, Has.Count.EqualTo(loaded.Count));
            for (var i = 0; i < loaded.Count; i++)
                if (running[i] != loaded[i])
                    Assert.That(!loaded[i].Contains(" ORDERING ") && AddedOrdering().Replace(running[i], "") == loaded[i], Is.True,
                        $"{loaded[i]}\nloads as\n{running[i]}");
            Assert.That(Enumerable.Range(0, loaded.Count).Count(i => running[i] != loaded[i]), Is.GreaterThan(20), "the ordering rules were given");
        }
        finally
        {
            if (File.Exists(folder.Combine("slapd.pid")))
                Process.GetProcessById(int.Parse(File.ReadAllText(folder.Combine("slapd.pid")).Trim())).Kill();
        }
    }

    private static HashSet<string> OurDefinitionNames() =>
        NameInDefinition().Matches(File.ReadAllText(SchemaFile)).Select(m => m.Groups[1].Value).ToHashSet();

    /// <summary>The subschema's own rendering of every definition the schema file makes, sorted.</summary>
    private static List<string> Definitions(LdapTools tools, HashSet<string> names)
    {
        var subschema = tools.Entries(LdapTools.Anonymous, "cn=Subschema", "(objectClass=*)", "base", "attributeTypes", "objectClasses").Single();
        return subschema.Values("attributeTypes").Concat(subschema.Values("objectClasses"))
            .Where(d => NameInDefinition().Match(d) is { Success: true } m && names.Contains(m.Groups[1].Value))
            .Order(StringComparer.Ordinal).ToList();
    }

    private static void Run(string program, string[] arguments, string? input = null)
    {
        var result = ProcessRunner.Run(ProcessRunner.StartInfo(program, arguments), input);
        Assert.That(result.ExitCode, Is.Zero, $"{program}: {result}");
    }

    [GeneratedRegex(@" ORDERING (caseIgnore|caseExact|numericString)OrderingMatch")]
    private static partial System.Text.RegularExpressions.Regex AddedOrdering();

    [GeneratedRegex(@"NAME '([A-Za-z0-9-]+)'")]
    private static partial Regex NameInDefinition();
}
