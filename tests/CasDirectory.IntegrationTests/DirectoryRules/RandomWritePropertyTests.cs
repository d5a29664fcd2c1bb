using System.DirectoryServices.Protocols;
using System.Text.RegularExpressions;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>
/// A property of the directory, not of casdir: whatever add, modify or rename the provisioning account sends — built
/// from the schema's own attribute types and classes, with and without options, one value or several, aimed at the
/// sample lab's entries — the invariants of docs/rules.md hold after every write slapd accepts: one array per site
/// and every array with its site, names and FQDNs unique, every reference resolves, one name per entry, no option and
/// no extensibleObject stored, no computed attribute ever written. CASDIR_TEST_SEED replays a run.
/// </summary>
[TestFixture]
public sealed class RandomWritePropertyTests : FreshLabTest
{
    private const int Operations = 600;

    private static readonly string[] References =
        ["msExchServerSite", "siteObject", "msExchOwningServer", "msExchHostServerLink", "msExchMasterServerOrAvailabilityGroup", "msExchHomePublicMDB", "msExchMDBAvailabilityGroupLink"];

    private static readonly string[] Computed =
        ["objectGUID", "objectCategory", "whenCreated", "whenChanged", "distinguishedName", "name", "showInAdvancedViewOnly", "instanceType",
         "uSNChanged", "uSNCreated", "systemFlags", "canonicalName", "allowedChildClasses", "allowedChildClassesEffective", "msDS-Approx-Immed-Subordinates", "allowedAttributes", "allowedAttributesEffective"];

    private static (string[] Attributes, string[] Classes) SchemaNames()
    {
        var schema = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "schema", "casdirectory.schema"));
        string[] Names(string keyword) => Regex.Matches(schema, keyword + @"\s*\(\s*\S+\s+NAME\s+(?:'([^']+)'|\(\s*'([^']+)')", RegexOptions.IgnoreCase)
            .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToArray();
        return ([.. Names("attributetype"), "cn", "description", "ipHostNumber", "objectClass", "serialNumber", .. Computed],
                [.. Names("objectclass"), "top", "ipHost", "extensibleObject", "person", "applicationProcess"]);
    }

    [Test]
    public void Random_writes_from_the_schema_never_break_an_invariant()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CASDIR_TEST_SEED"), out var given) ? given : Random.Shared.Next();
        TestContext.Out.WriteLine($"CASDIR_TEST_SEED={seed}");
        var random = new Random(seed);
        var (attributes, classes) = SchemaNames();
        using var provisioning = Lab.Connect(DirectoryAccounts.Provisioning);
        using var admin = Lab.Connect(DirectoryAccounts.Admin);
        var start = DateTime.UtcNow.AddSeconds(-1).ToString("yyyyMMddHHmmss") + "Z";
        Assert.That(Lab.Tools.Add(DirectoryAccounts.Provisioning, ArrayLdif("CASArray-A", "outlook.lab.local", "Site-A")).ExitCode, Is.Zero);

        var tried = new Dictionary<string, int>();
        var accepted = new Dictionary<string, int>();
        var entries = Snapshot(admin);
        for (var i = 0; i < Operations; i++)
        {
            var (kind, request) = NextWrite(random, entries, attributes, classes);
            tried[kind] = tried.GetValueOrDefault(kind) + 1;
            try
            {
                provisioning.SendRequest(request);
            }
            catch (DirectoryOperationException)
            {
                continue; // refused: nothing to check, the directory is as it was
            }
            accepted[kind] = accepted.GetValueOrDefault(kind) + 1;
            entries = Snapshot(admin);
            var broken = BrokenInvariants(entries);
            // slapo-refint rewrites the references to a renamed entry just after the rename answers: give it a moment.
            for (var wait = 0; broken.Count > 0 && request is ModifyDNRequest && wait < 100; wait++)
            {
                Thread.Sleep(100);
                entries = Snapshot(admin);
                broken = BrokenInvariants(entries);
            }
            Assert.That(broken, Is.Empty, $"after accepted write #{i} ({Describe(request)}), seed {seed}");
        }
        Assert.That(StoredForbiddenAttributes(start), Is.Empty, $"seed {seed}");

        TestContext.Out.WriteLine("operation  tried  accepted");
        foreach (var (kind, count) in tried.OrderBy(p => p.Key))
            TestContext.Out.WriteLine($"{kind,-9}  {count,5}  {accepted.GetValueOrDefault(kind),8}");
        Assert.That(accepted.Values.Sum(), Is.GreaterThan(0), "some writes were legitimate: the generator reaches past the rules");
    }

    private sealed record Entry(string Dn, Dictionary<string, string[]> Attributes)
    {
        public string[] Values(string attribute) => Attributes.TryGetValue(attribute, out var v) ? v : [];
        public bool Is(string objectClass) => Values("objectClass").Contains(objectClass, StringComparer.OrdinalIgnoreCase);
    }

    private static List<Entry> Snapshot(LdapConnection admin)
    {
        var request = new SearchRequest(Partition.ConfigurationDn, "(objectClass=*)", SearchScope.Subtree, "*");
        var response = (SearchResponse)admin.SendRequest(request);
        return response.Entries.Cast<SearchResultEntry>()
            .Where(e => !NormalizeDn(e.DistinguishedName).EndsWith(NormalizeDn("CN=Schema," + Partition.ConfigurationDn), StringComparison.Ordinal))
            .Select(e => new Entry(e.DistinguishedName, e.Attributes.AttributeNames.Cast<string>().ToDictionary(
                name => name, name => e.Attributes[name].GetValues(typeof(string)).Cast<string>().ToArray(), StringComparer.OrdinalIgnoreCase)))
            .ToList();
    }

    private static List<string> BrokenInvariants(List<Entry> entries)
    {
        var broken = new List<string>();
        var dns = entries.Select(e => NormalizeDn(e.Dn)).ToHashSet();
        foreach (var entry in entries)
        {
            if (entry.Values("cn").Length != 1)
                broken.Add($"{entry.Dn} has {entry.Values("cn").Length} names");
            broken.AddRange(entry.Attributes.Keys.Where(a => a.Contains(';')).Select(a => $"{entry.Dn} stores {a}"));
            if (entry.Is("extensibleObject"))
                broken.Add($"{entry.Dn} is an extensibleObject");
            foreach (var reference in References)
                broken.AddRange(entry.Values(reference).Where(v => !dns.Contains(NormalizeDn(v))).Select(v => $"{entry.Dn}: {reference} names the missing {v}"));
        }
        var arrays = entries.Where(e => e.Is("msExchClientAccessArray") || e.Is("msExchClientAccessArrayLegacy")).ToList();
        broken.AddRange(arrays.Where(a => a.Values("msExchServerSite").Length != 1).Select(a => $"array {a.Dn} has {a.Values("msExchServerSite").Length} sites"));
        broken.AddRange(arrays.Where(a => !NormalizeDn(a.Dn).EndsWith("," + NormalizeDn(Partition.ArraysDn), StringComparison.Ordinal)).Select(a => $"array {a.Dn} outside CN=Arrays"));
        broken.AddRange(arrays.SelectMany(a => a.Values("msExchServerSite")).GroupBy(NormalizeDn).Where(g => g.Count() > 1).Select(g => $"{g.Count()} arrays in {g.Key}"));
        var servers = entries.Where(e => e.Is("msExchExchangeServer")).ToList();
        broken.AddRange(servers.SelectMany(s => s.Values("cn")).GroupBy(n => n.Normalize().ToUpperInvariant()).Where(g => g.Count() > 1).Select(g => $"{g.Count()} servers or arrays named {g.Key}"));
        broken.AddRange(servers.SelectMany(s => s.Values("networkAddress").Where(v => v.StartsWith("ncacn_ip_tcp:", StringComparison.OrdinalIgnoreCase)))
            .GroupBy(v => v.ToUpperInvariant()).Where(g => g.Count() > 1).Select(g => $"{g.Count()} servers or arrays answer {g.Key}"));
        return broken;
    }

    /// <summary>Every successful write since the test began, as cn=accesslog recorded it: none wrote an option, a
    /// computed attribute or extensibleObject (a read cannot tell: slapd computes those values over any stored one).</summary>
    private List<string> StoredForbiddenAttributes(string since)
    {
        var records = Lab.Tools.Entries(DirectoryAccounts.Updater, "cn=accesslog", $"(&(reqResult=0)(reqStart>={since}))", "one", "reqMod", "reqDN");
        return records.SelectMany(r => r.Values("reqMod").Select(mod => (r, mod)))
            .Where(p => p.mod.Split(':', 2)[0].Contains(';')
                        || Computed.Any(c => p.mod.StartsWith(c + ":", StringComparison.OrdinalIgnoreCase))
                        || p.mod.StartsWith("objectClass:+ extensibleObject", StringComparison.OrdinalIgnoreCase))
            .Select(p => $"{p.r.Value("reqDN")}: {p.mod}")
            .ToList();
    }

    private static string Describe(DirectoryRequest request) => request switch
    {
        AddRequest add => $"add {add.DistinguishedName} " + string.Join(" ", add.Attributes.Cast<DirectoryAttribute>().Select(a => $"{a.Name}={string.Join("|", a.GetValues(typeof(string)))}")),
        ModifyRequest modify => $"modify {modify.DistinguishedName} " + string.Join(" ", modify.Modifications.Cast<DirectoryAttributeModification>().Select(m => $"{m.Operation} {m.Name}={string.Join("|", m.GetValues(typeof(string)))}")),
        ModifyDNRequest rename => $"rename {rename.DistinguishedName} to {rename.NewName} under {rename.NewParentDistinguishedName} keep old {!rename.DeleteOldRdn}",
        DeleteRequest delete => $"delete {delete.DistinguishedName}",
        _ => request.GetType().Name,
    };

    // ---- the generator ----------------------------------------------------------------------------------------------

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string[] Values(Random random, List<Entry> entries)
    {
        var dns = entries.Select(e => e.Dn).ToArray();
        var names = entries.SelectMany(e => e.Values("cn")).ToArray();
        return
        [
            Pick(random, dns), Pick(random, dns), Pick(random, names), Pick(random, names) + "\u200D", Pick(random, names).ToLowerInvariant(),
            SiteDn("Site-A"), SiteDn("Site-B"), SiteDn("Site-Nowhere"), Partition.ArrayDn("CASArray-A"), ServerDn("E2K10-MLT-01"),
            "ncacn_ip_tcp:outlook.lab.local", "ncacn_ip_tcp:e2k10-mlt-01.lab.local", "ncacn_ip_tcp:new" + random.Next(50) + ".lab.local", "netbios:NEW",
            "10.1.0.0/16", "10.9.0.0/16", "10.1.0.1/16", "10.1.0.7", "2001:db8::1", "300.1.1.1", "Version 14.2 (Build 30247.5)", "garbage",
            "/o=First Organization/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=X" + random.Next(20),
            "TRUE", "4", "20200101000000.0Z", new string('x', 70), "New-" + random.Next(40), "Café", "Cafe\u0301", " padded",
        ];
    }

    private static string Attribute(Random random, string[] attributes)
    {
        var attribute = Pick(random, attributes);
        return random.Next(5) == 0 ? attribute + ";lang-en" : attribute;
    }

    private static (string Kind, DirectoryRequest Request) NextWrite(Random random, List<Entry> entries, string[] attributes, string[] classes)
    {
        var values = Values(random, entries);
        var target = Pick(random, entries);
        switch (random.Next(4))
        {
            case 0 when random.Next(2) == 0 && target.Dn.Contains(','):
            {
                // A sibling of an existing entry: its classes and values, a name from the pool, one value changed.
                var cn = random.Next(2) == 0 ? Pick(random, values) : "New-" + random.Next(40);
                var add = new AddRequest($"CN={Core.Naming.LdapEscaping.DnValue(cn)},{target.Dn[(target.Dn.IndexOf(',') + 1)..]}");
                var changed = Attribute(random, [.. target.Attributes.Keys]);
                foreach (var (name, stored) in target.Attributes)
                {
                    if (name.Equals("cn", StringComparison.OrdinalIgnoreCase))
                        add.Attributes.Add(new DirectoryAttribute("cn", cn));
                    else if (name.Equals(changed.Split(';')[0], StringComparison.OrdinalIgnoreCase) && !name.Equals("objectClass", StringComparison.OrdinalIgnoreCase))
                        add.Attributes.Add(new DirectoryAttribute(changed, Pick(random, values)));
                    else if (!Computed.Contains(name, StringComparer.OrdinalIgnoreCase))
                        add.Attributes.Add(new DirectoryAttribute(name, stored.Cast<object>().ToArray()));
                }
                return ("add", add);
            }
            case 0:
            {
                var cn = random.Next(3) == 0 ? Pick(random, values) : "New-" + random.Next(40);
                var add = new AddRequest($"CN={Core.Naming.LdapEscaping.DnValue(cn)},{target.Dn}");
                var structural = Pick(random, classes);
                add.Attributes.Add(new DirectoryAttribute("objectClass", random.Next(4) == 0 ? ["top", structural, Pick(random, classes)] : ["top", structural]));
                add.Attributes.Add(new DirectoryAttribute(random.Next(8) == 0 ? "cn;lang-en" : "cn", random.Next(8) == 0 ? [cn, Pick(random, values)] : [cn]));
                foreach (var attribute in Enumerable.Range(0, random.Next(5)).Select(_ => Attribute(random, attributes)).Distinct(StringComparer.OrdinalIgnoreCase))
                    if (!attribute.StartsWith("cn", StringComparison.OrdinalIgnoreCase) && !attribute.StartsWith("objectClass", StringComparison.OrdinalIgnoreCase))
                        add.Attributes.Add(new DirectoryAttribute(attribute, random.Next(4) == 0 ? [Pick(random, values), Pick(random, values)] : [Pick(random, values)]));
                return ("add", add);
            }
            case 1:
            {
                var modify = new ModifyRequest(target.Dn);
                foreach (var _ in Enumerable.Range(0, 1 + random.Next(2)))
                {
                    var operation = Pick(random, [DirectoryAttributeOperation.Add, DirectoryAttributeOperation.Replace, DirectoryAttributeOperation.Delete]);
                    var attribute = random.Next(6) == 0 ? "objectClass" : Attribute(random, attributes);
                    var change = new DirectoryAttributeModification { Name = attribute, Operation = operation };
                    var count = operation == DirectoryAttributeOperation.Add ? 1 + random.Next(2) : random.Next(3);
                    for (var v = 0; v < count; v++)
                        change.Add(attribute.StartsWith("objectClass", StringComparison.OrdinalIgnoreCase) ? Pick(random, classes) : Pick(random, values));
                    modify.Modifications.Add(change);
                }
                return ("modify", modify);
            }
            case 2:
            {
                var newName = random.Next(2) == 0 ? "New-" + random.Next(40) : Pick(random, values);
                var rename = new ModifyDNRequest(target.Dn, random.Next(5) == 0 ? Pick(random, entries).Dn : null,
                    $"CN={Core.Naming.LdapEscaping.DnValue(newName)}") { DeleteOldRdn = random.Next(4) != 0 };
                return ("modrdn", rename);
            }
            default:
                return ("delete", new DeleteRequest(target.Dn));
        }
    }
}
