using System.Diagnostics;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>
/// Stock clients with Active Directory habits, as the reader: python's ldap3 (Debian's python3-ldap3) loading the
/// schema and asking AD's questions, and ldapvi discovering the naming contexts.
/// </summary>
[TestFixture]
public sealed class AdMindedClientTests : SharedLabTest
{
    private const string InstallHint = "sudo apt-get install -y python3-ldap3 ldapvi (scripts/install-prerequisites.sh does it)";

    private ProcessResult Python(string script, params string[] arguments)
    {
        // Debian's python3, where python3-ldap3 is installed (a python3 earlier on PATH may be another one).
        if (!File.Exists("/usr/bin/python3"))
            Assert.Fail($"/usr/bin/python3 is missing: {InstallHint}");
        var info = ProcessRunner.StartInfo("/usr/bin/python3", ["-c", script, .. arguments]);
        return ProcessRunner.Run(info, timeout: TimeSpan.FromMinutes(1));
    }

    [Test]
    public void Ldap3_loads_the_schema_finds_the_servers_by_objectCategory_and_formats_objectGUID()
    {
        var reader = Lab.Account(DirectoryAccounts.Reader);
        const string script = """
            import sys
            try:
                import ldap3
            except ImportError:
                sys.exit("ldap3 is missing")
            url, dn, password_file, base = sys.argv[1:5]
            server = ldap3.Server(url, get_info=ldap3.ALL)
            conn = ldap3.Connection(server, dn, open(password_file).read(), auto_bind=True)
            assert server.schema is not None and "objectGUID" in server.schema.attribute_types, "schema not loaded"
            conn.search(base, "(objectCategory=msExchExchangeServer)",
                        attributes=["cn", "objectGUID", "whenCreated", "whenChanged", "distinguishedName", "objectCategory", "entryUUID"])
            for e in conn.entries:
                print(e.cn.value, e.objectGUID.value, e.entryUUID.value, e.whenChanged.value.year, e.objectCategory.value)
            print("schemaNamingContext", server.info.other["schemaNamingContext"][0])  # a list, as AD's root DSE gives it
            """;

        var result = Python(script, Lab.Url, reader.Dn, reader.PasswordFile, Lab.Partition.ConfigurationDn);

        Assert.That(result.ExitCode, Is.Zero, $"{result}\n{InstallHint}");
        var lines = result.Output.Trim().Split('\n');
        var servers = lines.Where(l => !l.StartsWith("schemaNamingContext")).Select(l => l.Split(' ')).ToList();
        Assert.That(servers.Select(s => s[0]), Is.EquivalentTo(LabObjects.ServerNames));
        foreach (var s in servers)
        {
            Assert.That(s[1], Is.EqualTo("{" + s[2] + "}"), $"{s[0]}: ldap3 shows objectGUID as the GUID of entryUUID");
            Assert.That(int.Parse(s[3]), Is.GreaterThanOrEqualTo(2026), "whenChanged is a date");
            Assert.That(s[4], Does.StartWith("CN=ms-Exch-Exchange-Server,CN=Schema,"));
        }
        Assert.That(lines, Has.Member($"schemaNamingContext CN=Schema,{Lab.Partition.ConfigurationDn}"));
    }

    [Test]
    public void Ldap3_reads_objectSid_as_a_SID_and_the_descriptor_with_its_SD_flags_control()
    {
        var reader = Lab.Account(DirectoryAccounts.Reader);
        const string script = """
            import sys, ldap3
            from ldap3.protocol.microsoft import security_descriptor_control
            url, dn, password_file, server_dn = sys.argv[1:5]
            server = ldap3.Server(url, get_info=ldap3.ALL)
            conn = ldap3.Connection(server, dn, open(password_file).read(), auto_bind=True)
            conn.search(dn, "(objectClass=*)", ldap3.BASE, attributes=["objectSid", "sAMAccountName"])
            print("sid", conn.entries[0].objectSid.value, conn.entries[0].sAMAccountName.value)
            conn.search(server_dn, "(objectClass=*)", ldap3.BASE, attributes=["nTSecurityDescriptor"],
                        controls=security_descriptor_control(sdflags=0x07))
            sd = conn.entries[0].nTSecurityDescriptor.raw_values
            print("sd", len(sd), sd[0][:1].hex(), sd[0][2:4].hex())
            conn.search(server_dn, "(objectClass=*)", ldap3.BASE, attributes=["nTSecurityDescriptor"])
            print("withheld", len(conn.entries[0].nTSecurityDescriptor.raw_values))
            """;

        var result = Python(script, Lab.Url, reader.Dn, reader.PasswordFile, LabObjects.ServerDn("E2K10-MLT-01"));

        Assert.That(result.ExitCode, Is.Zero, $"{result}\n{InstallHint}");
        var lines = result.Output.Trim().Split('\n');
        var sid = Lab.Tools.Entries(DirectoryAccounts.Reader, reader.Dn, "(objectClass=*)", "base", "objectSid").Single();
        Assert.That(lines, Has.Member($"sid {SecurityDescriptorTests.Sid(sid)} casdir-reader"), "ldap3 shows objectSid in its S-1-5-21-… form");
        Assert.That(lines, Has.Member("sd 1 01 0480"), "one self-relative descriptor (revision 1, control 0x8004: DACL present)");
        Assert.That(lines, Has.Member("withheld 0"), "without the control the SACL is asked for, and withheld from an account");
    }

    [Test]
    public void Ldap3_with_the_schema_polls_changes_by_uSNChanged_as_AD_sync_tools_do()
    {
        var reader = Lab.Account(DirectoryAccounts.Reader);
        // A DirSync-style poll: the highest uSNChanged, then what changed after it, typed by the schema ldap3 loaded.
        const string script = """
            import sys, ldap3
            url, dn, password_file, base = sys.argv[1:5]
            server = ldap3.Server(url, get_info=ldap3.ALL)
            conn = ldap3.Connection(server, dn, open(password_file).read(), auto_bind=True)
            conn.search(base, "(uSNChanged>=0)", attributes=["uSNChanged", "uSNCreated", "systemFlags"])
            usns = [e.uSNChanged.value for e in conn.entries]
            assert all(isinstance(u, int) for u in usns), "uSNChanged is an integer"
            assert all(e.uSNCreated.value <= e.uSNChanged.value for e in conn.entries)
            conn.search(base, "(uSNChanged>=%d)" % (max(usns) + 1), attributes=["cn"])
            print("after", len(conn.entries))
            print("policies", " ".join(server.info.other["supportedLDAPPolicies"]))
            print("default", server.info.other["defaultNamingContext"][0])
            """;

        var result = Python(script, Lab.Url, reader.Dn, reader.PasswordFile, Lab.Partition.ConfigurationDn);

        Assert.That(result.ExitCode, Is.Zero, $"{result}\n{InstallHint}");
        var lines = result.Output.Trim().Split('\n');
        Assert.That(lines, Has.Member("after 0"), "nothing changed since the highest number");
        Assert.That(lines.Single(l => l.StartsWith("policies")), Does.Contain("MaxPageSize").And.Contain("MaxValRange"));
        Assert.That(lines, Has.Member($"default {Lab.Partition.DomainDn}"));
    }

    [Test]
    public void Ldap3_takes_highestCommittedUSN_as_its_watermark()
    {
        var reader = Lab.Account(DirectoryAccounts.Reader);
        // The watermark an AD sync tool keeps: the root DSE's highestCommittedUSN, then (uSNChanged>=watermark+1).
        const string script = """
            import sys, ldap3
            url, dn, password_file, configuration, domain = sys.argv[1:6]
            server = ldap3.Server(url, get_info=ldap3.ALL)
            conn = ldap3.Connection(server, dn, open(password_file).read(), auto_bind=True)
            watermark = int(server.info.other["highestCommittedUSN"][0])
            highest, after = 0, 0
            # Both naming contexts, as a sync tool of the directory does: the sample lab's mailboxes live in the domain.
            for base in (configuration, domain):
                conn.search(base, "(uSNChanged>=0)", attributes=["uSNChanged"])
                highest = max([highest] + [e.uSNChanged.value for e in conn.entries])
                conn.search(base, "(uSNChanged>=%d)" % (watermark + 1), attributes=["cn"])
                after += len(conn.entries)
            print("highest", highest == watermark)
            print("after", after)
            """;

        var result = Python(script, Lab.Url, reader.Dn, reader.PasswordFile, Lab.Partition.ConfigurationDn, Lab.Partition.DomainDn);

        Assert.That(result.ExitCode, Is.Zero, $"{result}\n{InstallHint}");
        var lines = result.Output.Trim().Split('\n');
        Assert.That(lines, Has.Member("highest True"), "highestCommittedUSN is the highest uSNChanged");
        Assert.That(lines, Has.Member("after 0"));
    }

    [Test]
    public void Ldapts_pages_the_configuration_and_gets_the_domains_continuation_reference()
    {
        var reader = Lab.Account(DirectoryAccounts.Reader);
        const string script = """
            const fs = require('fs');
            const { Client } = require('ldapts');
            const [url, dn, passwordFile, base, domain] = process.argv.slice(1);
            (async () => {
              const client = new Client({ url });
              await client.bind(dn, fs.readFileSync(passwordFile, 'utf8').trim());
              const paged = await client.search(base, { scope: 'sub', filter: '(objectClass=*)', attributes: ['cn'], paged: { pageSize: 25 } });
              const all = await client.search(base, { scope: 'sub', filter: '(objectClass=*)', attributes: ['cn'] });
              console.log('paged ' + paged.searchEntries.length + ' all ' + all.searchEntries.length);
              const fromDomain = await client.search(domain, { scope: 'sub', filter: '(objectClass=*)', attributes: ['cn'] });
              console.log('references ' + fromDomain.searchReferences.join(' '));
              const servers = await client.search(base, { filter: '(objectCategory=msExchExchangeServer)', attributes: ['cn'] });
              console.log('servers ' + servers.searchEntries.map(e => e.cn).sort().join(','));
              await client.unbind();
            })().catch(e => { console.error(e); process.exit(1); });
            """;
        var result = Ldapts.Run(script, Lab.Url, reader.Dn, reader.PasswordFile, Lab.Partition.ConfigurationDn, Lab.Partition.DomainDn);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var lines = result.Output.Trim().Split('\n');
        var counts = lines.Single(l => l.StartsWith("paged ")).Split(' ');
        Assert.That(int.Parse(counts[1]), Is.GreaterThan(100).And.EqualTo(int.Parse(counts[3])), "25 to a page, every entry once");
        Assert.That(lines, Has.Member("references ldap://lab.local/CN=Configuration,DC=lab,DC=local"));
        Assert.That(lines, Has.Member("servers " + string.Join(',', LabObjects.ServerNames.Order(StringComparer.Ordinal))));
    }

    [Test]
    public void Ldapvi_discover_works_as_the_reader()
    {
        var reader = Lab.Account(DirectoryAccounts.Reader);
        ProcessResult result;
        try
        {
            // --out: print the LDIF instead of opening an editor; --discover: search every naming context the root DSE names.
            result = ProcessRunner.Run(ProcessRunner.StartInfo("ldapvi", ["--discover", "--out", "-h", Lab.Url, "-D", reader.Dn,
                "-w", File.ReadAllText(reader.PasswordFile), "(objectCategory=msExchExchangeServer)", "cn"]), timeout: TimeSpan.FromMinutes(1));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail($"ldapvi is missing: {InstallHint}");
            return;
        }

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        // The domain's context holds the configuration's (glued below it): each server is found through both.
        Assert.That(result.Output.Split('\n').Where(l => l.StartsWith("cn: ")).Select(l => l[4..]).Distinct(), Is.EquivalentTo(LabObjects.ServerNames));
    }
}
