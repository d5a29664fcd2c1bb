using System.DirectoryServices.Protocols;
using CasDirectory.Core.Security;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>
/// The security descriptor tells the truth (docs/rules.md, "Security descriptors"): for each kind of entry and each
/// account, what its DACL grants is what slapd's ACLs let that account do: read, write an attribute, write the one
/// attribute an object ACE names, add and delete below. The descriptor is read as the rootdn, each right then tried.
/// </summary>
[TestFixture]
public sealed class SecurityDescriptorBehaviourTests : FreshLabTest
{
    private static readonly Guid ServerSiteGuid = new("198b54bc-9282-5797-8f6e-25874dc7078c");
    private static readonly Guid LegacyExchangeDnGuid = new("28630ebc-41d5-11d1-a9c1-0000f80367c1");
    private static readonly string[] Accounts = [DirectoryAccounts.Reader, DirectoryAccounts.Updater, DirectoryAccounts.Provisioning];
    private static readonly SecurityIdentifier Anonymous = new(5, 7);

    private readonly List<string> outcomes = [];

    private SecurityDescriptor DescriptorOf(string dn)
    {
        SearchResultEntry entry;
        try
        {
            entry = Lab.ReadEntry(DirectoryAccounts.Admin, dn, new SecurityDescriptorFlagControl(SecurityMasks.Owner | SecurityMasks.Group | SecurityMasks.Dacl), "nTSecurityDescriptor");
        }
        catch (DirectoryOperationException e)
        {
            throw new AssertionException($"the rootdn could not read {dn}'s descriptor: {e.Message}\n{string.Join("\n", outcomes)}");
        }
        return SecurityDescriptor.Parse((byte[])entry.Attributes["nTSecurityDescriptor"][0]);
    }

    private SecurityIdentifier[] Token(string account) =>
    [
        SecurityDescriptorTests.Sid(Lab.Tools.Entries(DirectoryAccounts.Admin, Lab.Account(account).Dn, "(objectClass=*)", "base", "objectSid").Single()),
        SecurityIdentifier.AuthenticatedUsers, SecurityIdentifier.Everyone,
    ];

    /// <summary>slapd's answer to a write: 50 refused by the ACLs; 0, or a schema objection (65) raised only after the
    /// ACLs let it through, allowed. Anything else is neither, and fails the test.</summary>
    private static bool Allowed(LdapToolResult result, string what) => result.ExitCode switch
    {
        0 or 65 => true,
        LdapToolResult.InsufficientAccess => false,
        _ => throw new AssertionException($"{what}: neither allowed nor refused by the ACLs: {result}"),
    };

    private void Expect(bool granted, bool done, string what)
    {
        outcomes.Add($"{what}: {(done ? "allowed" : "refused")}");
        Assert.That(done, Is.EqualTo(granted), $"{what}: the descriptor {(granted ? "grants" : "does not grant")} it, slapd {(done ? "allowed" : "refused")} it");
    }

    [Test]
    public void What_the_DACL_grants_each_account_is_what_slapd_lets_it_do()
    {
        var array = Partition.ArrayDn("outlook-a");
        Assert.That(Lab.Tools.Add(DirectoryAccounts.Provisioning, ArrayLdif("outlook-a", "outlook-a.lab.local", "Site-A")).ExitCode, Is.Zero);
        var bareDatabase = Partition.DatabaseDn("MDB09");
        var add = Lab.Tools.Add(DirectoryAccounts.Provisioning, $"""
            dn: {bareDatabase}
            objectClass: top
            objectClass: msExchMDB
            objectClass: msExchPrivateMDB
            cn: MDB09
            deliveryMechanism: 0
            msExchOwningServer: {ServerDn("E2K10-MLT-01")}
            msExchMasterServerOrAvailabilityGroup: {ServerDn("E2K10-MLT-01")}

            """);
        Assert.That(add.ExitCode, Is.Zero, add.ToString());

        var entries = new[]
        {
            SiteDn("Site-A"), ServerDn("E2K10-MLT-01"), array, Partition.DatabaseDn("MDB01"), bareDatabase,
            $"CN=Site,CN=Schema,{Partition.ConfigurationDn}", Partition.DomainDn, Lab.Account(DirectoryAccounts.Reader).Dn,
        };
        foreach (var dn in entries)
        {
            var descriptor = DescriptorOf(dn);
            var site = Lab.Tools.Entries(DirectoryAccounts.Admin, dn, "(objectClass=*)", "base", "msExchServerSite").Single().Value("msExchServerSite");
            foreach (var account in Accounts)
            {
                var token = Token(account);
                var read = Lab.Tools.Search(account, dn, "(objectClass=*)", "base", "cn");
                Expect(descriptor.Grants(token, SecurityDescriptor.ReadProperty), read.ExitCode == 0 && read.Output.Contains("dn:"), $"{account} reads {dn}");

                var write = Lab.Tools.Modify(account, ReplaceLdif(dn, "description", "written to check the descriptor"));
                Expect(descriptor.Grants(token, SecurityDescriptor.WriteProperty), Allowed(write, $"{account} writes description on {dn}"), $"{account} writes description on {dn}");

                if (site is not null)
                {
                    var move = Lab.Tools.Modify(account, ReplaceLdif(dn, "msExchServerSite", site));
                    Expect(descriptor.Grants(token, SecurityDescriptor.WriteProperty, ServerSiteGuid), Allowed(move, $"{account} writes msExchServerSite on {dn}"),
                           $"{account} writes msExchServerSite on {dn}");
                }
            }
            var anonymous = Lab.Tools.Search(LdapTools.Anonymous, dn, "(objectClass=*)", "base", "cn");
            Expect(descriptor.Grants([Anonymous, SecurityIdentifier.Everyone], SecurityDescriptor.ReadProperty), anonymous.Output.Contains("dn:"), $"anonymous reads {dn}");
        }

        // legacyExchangeDN on a database without one: the updater's object ACE, gone once the database has one.
        foreach (var account in Accounts)
        {
            var descriptor = DescriptorOf(bareDatabase);
            var written = Lab.Tools.Modify(account, $"""
                dn: {bareDatabase}
                changetype: modify
                add: legacyExchangeDN
                legacyExchangeDN: /o=First Organization/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=E2K10-MLT-01/cn=Microsoft Private MDB9

                """);
            var done = Allowed(written, $"{account} adds legacyExchangeDN");
            Expect(descriptor.Grants(Token(account), SecurityDescriptor.WriteProperty, LegacyExchangeDnGuid), done, $"{account} adds legacyExchangeDN to {bareDatabase}");
            if (done)
            {
                Assert.That(DescriptorOf(bareDatabase).Dacl!.Any(a => a.ObjectType == LegacyExchangeDnGuid), Is.False, "once it has one, the ACE is gone, as the ACL's filter no longer matches");
                Assert.That(Lab.Tools.Modify(DirectoryAccounts.Admin, $"dn: {bareDatabase}\nchangetype: modify\ndelete: legacyExchangeDN\n\n").ExitCode, Is.Zero);
            }
        }

        // Adding below CN=Subnets (create child), then deleting the subnet (delete).
        var subnets = $"CN=Subnets,CN=Sites,{Partition.ConfigurationDn}";
        var subnet = Partition.SubnetDn("10.99.0.0/16");
        foreach (var account in Accounts)
        {
            var granted = DescriptorOf(subnets).Grants(Token(account), SecurityDescriptor.CreateChild);
            var result = Lab.Tools.Add(account, SubnetLdif("10.99.0.0/16", "Site-A"));
            Assert.That(result.ExitCode, Is.AnyOf(0, LdapToolResult.InsufficientAccess), result.ToString());
            var created = result.ExitCode == 0;
            Expect(granted, created, $"{account} adds below {subnets}");
            if (created)
                break;
        }
        foreach (var account in Accounts)
        {
            var granted = DescriptorOf(subnet).Grants(Token(account), SecurityDescriptor.Delete);
            var deleted = Allowed(Lab.Tools.Run("ldapdelete", account, [subnet]), $"{account} deletes a subnet");
            Expect(granted, deleted, $"{account} deletes {subnet}");
            if (deleted)
                break;
        }

        Assert.That(outcomes.Count(o => o.EndsWith("allowed")), Is.GreaterThan(10), string.Join("\n", outcomes));
        Assert.That(outcomes.Count(o => o.EndsWith("refused")), Is.GreaterThan(10), string.Join("\n", outcomes));
    }
}
