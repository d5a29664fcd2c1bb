using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>
/// uSNChanged and uSNCreated as a domain controller keeps them, computed by casdir-guard from what slapd keeps and only
/// moves forward (entryCSN, createTimestamp), and the (uSNChanged&gt;=N) polls AD tools make answered by slapd
/// (docs/rules.md, "Active Directory's own attributes").
/// </summary>
[TestFixture]
public sealed class UpdateSequenceNumberTests : FreshLabTest
{
    private long Usn(string dn, string attribute) =>
        long.Parse(Lab.Tools.Entries(DirectoryAccounts.Reader, dn, "(objectClass=*)", "base", attribute).Single().Value(attribute)!);

    private IReadOnlyList<string> Found(string filter) =>
        Lab.Tools.EntriesEverywhere(DirectoryAccounts.Reader, filter, "1.1").Select(e => NormalizeDn(e.Dn)).ToList();

    private long HighestCommitted() =>
        long.Parse(Lab.Tools.Entries(LdapTools.Anonymous, "", "(objectClass=*)", "base", "highestCommittedUSN").Single().Value("highestCommittedUSN")!);

    private long HighestUsnChanged() =>
        Lab.Tools.EntriesEverywhere(DirectoryAccounts.Reader, "(objectClass=*)", "uSNChanged").Max(e => long.Parse(e.Value("uSNChanged")!));

    private void Describe(string dn, string text)
    {
        var result = Lab.Tools.Modify(DirectoryAccounts.Provisioning, ReplaceLdif(dn, "description", text));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public void A_write_raises_uSNChanged_above_every_earlier_one_and_leaves_uSNCreated()
    {
        var site = SiteDn("Site-A");
        var changedBefore = Usn(site, "uSNChanged");
        var createdBefore = Usn(site, "uSNCreated");
        var highestBefore = Lab.Tools.EntriesEverywhere(DirectoryAccounts.Reader, "(objectClass=*)", "uSNChanged")
            .Max(e => long.Parse(e.Value("uSNChanged")!));

        Describe(site, "moved forward");

        Assert.That(Usn(site, "uSNChanged"), Is.GreaterThan(highestBefore), "the newest write has the highest number in the directory");
        Assert.That(Usn(site, "uSNCreated"), Is.EqualTo(createdBefore));
        Assert.That(createdBefore, Is.LessThanOrEqualTo(changedBefore));
    }

    [Test]
    public void USNCreated_is_the_adds_second_never_above_uSNChanged_and_never_moved_by_a_write()
    {
        Assert.That(Lab.Tools.Add(DirectoryAccounts.Provisioning, SubnetLdif("10.77.1.0/24", "Site-A")).ExitCode, Is.Zero);
        var subnet = Partition.SubnetDn("10.77.1.0/24");
        var created = Usn(subnet, "uSNCreated");
        var timestamp = Lab.Tools.Entries(DirectoryAccounts.Reader, subnet, "(objectClass=*)", "base", "createTimestamp").Single().Value("createTimestamp")!;
        var second = DateTimeOffset.ParseExact(timestamp, "yyyyMMddHHmmss'Z'", null, System.Globalization.DateTimeStyles.AssumeUniversal).ToUnixTimeSeconds();

        Assert.That(created, Is.EqualTo(second * 16_000_000), "the add's second, in uSNChanged's units");
        Assert.That(created, Is.LessThanOrEqualTo(Usn(subnet, "uSNChanged")));
        Describe(subnet, "written after its add");
        Assert.That(Usn(subnet, "uSNCreated"), Is.EqualTo(created));
        Assert.That(Found($"(&(uSNCreated={created})(cn=10.77.1.0/24))"), Has.Count.EqualTo(1));
        Assert.That(Found($"(&(uSNCreated>={created + 1})(cn=10.77.1.0/24))"), Is.Empty);
        Assert.That(Found($"(&(uSNCreated<={created + 15_999_999})(uSNCreated>={created})(cn=10.77.1.0/24))"), Has.Count.EqualTo(1));
    }

    [Test]
    public void A_uSNChanged_poll_finds_exactly_what_was_written_since()
    {
        var mark = Lab.Tools.EntriesEverywhere(DirectoryAccounts.Reader, "(objectClass=*)", "uSNChanged")
            .Max(e => long.Parse(e.Value("uSNChanged")!)) + 1;
        Assert.That(Found($"(uSNChanged>={mark})"), Is.Empty, "nothing written yet");

        Describe(SiteDn("Site-B"), "one");
        Describe(ServerDn("E2K10-MLT-01"), "two");

        Assert.That(Found($"(uSNChanged>={mark})"), Is.EquivalentTo(new[] { SiteDn("Site-B"), ServerDn("E2K10-MLT-01") }.Select(NormalizeDn)));
        var site = Usn(SiteDn("Site-B"), "uSNChanged");
        Assert.That(Found($"(uSNChanged={site})"), Is.EqualTo(new[] { NormalizeDn(SiteDn("Site-B")) }));
        Assert.That(Found($"(&(uSNChanged>={mark})(uSNChanged<={site}))"), Is.EqualTo(new[] { NormalizeDn(SiteDn("Site-B")) }));
        Assert.That(Found($"(uSNChanged<={mark - 1})"), Does.Not.Contain(NormalizeDn(SiteDn("Site-B"))));
        Assert.That(Found("(uSNChanged=not-a-number)"), Is.Empty);
    }

    [Test]
    public void The_numbers_cannot_be_written_by_any_account()
    {
        foreach (var attribute in new[] { "uSNChanged", "uSNCreated" })
            foreach (var account in new[] { DirectoryAccounts.Provisioning, DirectoryAccounts.Updater })
            {
                var result = Lab.Tools.Modify(account, ReplaceLdif(ServerDn("E2K10-MLT-01"), attribute, "1"));
                Assert.That(result.ExitCode, Is.EqualTo(53).Or.EqualTo(50), $"{attribute} by {account}: {result}");
            }
        var added = Lab.Tools.Add(DirectoryAccounts.Provisioning, SiteLdif("Site-Forged").TrimEnd() + "\nuSNChanged: 1\n");
        Assert.That(added.ExitCode, Is.EqualTo(53), added.ToString());
        Assert.That(added.Error, Does.Contain("uSNChanged is computed by the directory"));
    }

    [TestCase("(uSNChanged>=-5)", true)]
    [TestCase("(uSNChanged<=9223372036854775807)", true)]   // past the year 9999: above every USN
    [TestCase("(uSNChanged<=99999999999999999999)", true)]  // beyond 64 bits
    [TestCase("(uSNCreated>=-1)", true)]
    [TestCase("(uSNChanged>=99999999999999999999)", false)]
    [TestCase("(uSNChanged<=-1)", false)]
    [TestCase("(uSNChanged=-1)", false)]
    [TestCase("(!(uSNChanged>=abc))", false)]                // not a number: undefined, so its negation is too
    [TestCase("(!(systemFlags=abc))", false)]
    public void Numbers_no_USN_can_reach_match_every_entry_or_none(string filter, bool every)
    {
        var all = Found("(objectClass=*)").Count;

        Assert.That(Found(filter), Has.Count.EqualTo(every ? all : 0));
    }

    [Test]
    public void The_numbers_come_when_asked_for_by_OID_and_replace_what_the_rootdn_stored()
    {
        var dn = $"CN=Forged,CN=Users,{Partition.DomainDn}";
        var added = Lab.Tools.Add(DirectoryAccounts.Admin, $"""
            dn: {dn}
            objectClass: top
            objectClass: container
            objectClass: extensibleObject
            cn: Forged
            uSNChanged: 5
            uSNCreated: 7
            """);
        Assert.That(added.ExitCode, Is.Zero, added.ToString());

        var byOid = Lab.Tools.Entries(DirectoryAccounts.Reader, dn, "(objectClass=*)", "base", "1.2.840.113556.1.2.120", "1.2.840.113556.1.2.19").Single();
        var byName = Lab.Tools.Entries(DirectoryAccounts.Reader, dn, "(objectClass=*)", "base", "uSNChanged", "uSNCreated").Single();

        Assert.That(byOid.Value("uSNChanged"), Is.EqualTo(byName.Value("uSNChanged")).And.Not.EqualTo("5"));
        Assert.That(byOid.Value("uSNCreated"), Is.EqualTo(byName.Value("uSNCreated")).And.Not.EqualTo("7"));
    }

    [Test]
    public void The_root_DSE_gives_anyone_the_highest_uSNChanged_as_highestCommittedUSN()
    {
        Assert.That(HighestCommitted(), Is.EqualTo(HighestUsnChanged()), "the sample lab as loaded");

        Describe(SiteDn("Site-A"), "the newest write");

        Assert.That(HighestCommitted(), Is.EqualTo(Usn(SiteDn("Site-A"), "uSNChanged")));
        Assert.That(Lab.Tools.Entries(DirectoryAccounts.Reader, SiteDn("Site-A"), $"(uSNChanged>={HighestCommitted() + 1})", "base", "1.1"), Is.Empty,
            "a poll from highestCommittedUSN + 1 finds nothing until the next write");
    }

    [Test]
    public void HighestCommittedUSN_never_goes_back_not_when_the_newest_entry_is_deleted_nor_when_slapd_is_killed()
    {
        Assert.That(Lab.Tools.Add(DirectoryAccounts.Provisioning, SubnetLdif("10.78.1.0/24", "Site-A")).ExitCode, Is.Zero);
        var subnet = Partition.SubnetDn("10.78.1.0/24");
        var high = HighestCommitted();
        Assert.That(high, Is.EqualTo(Usn(subnet, "uSNChanged")));

        var deleted = Lab.Tools.Run("ldapdelete", DirectoryAccounts.Provisioning, [subnet]);
        Assert.That(deleted.ExitCode, Is.Zero, deleted.ToString());
        Assert.That(HighestUsnChanged(), Is.LessThan(high), "the entry with the highest number is gone");
        Assert.That(HighestCommitted(), Is.EqualTo(high));

        Lab.KillSlapd();
        Lab.Restart();
        Assert.That(HighestCommitted(), Is.EqualTo(high), "remembered across a SIGKILL, written before it was given out");

        Describe(SiteDn("Site-B"), "after the restart");
        Assert.That(HighestCommitted(), Is.EqualTo(Usn(SiteDn("Site-B"), "uSNChanged")).And.GreaterThan(high));
    }

    [Test]
    public void HighestCommittedUSN_is_not_written_by_any_account_nor_taken_from_the_root_DSE_file()
    {
        var result = Lab.Tools.Modify(DirectoryAccounts.Provisioning, "dn:\nchangetype: modify\nreplace: highestCommittedUSN\nhighestCommittedUSN: 1\n");
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());

        Lab.Casdir("down");
        File.AppendAllText(Path.Combine(Lab.DataDirectory, "slapd", "rootdse.ldif"), "highestCommittedUSN: 1\n");
        Lab.Restart();

        Assert.That(HighestCommitted(), Is.EqualTo(HighestUsnChanged()), "the computed value, not the file's");
    }

    [TestCase("not a CSN \u0000\n")]
    [TestCase("20200101000000.000000Z#0#garbage\n")]                    // the start of a CSN, not one
    [TestCase("20200101000000.000000Z#000000#000#000000 and more\n")]  // a CSN with something after it
    [TestCase("20300101000000.000000Z#000000#000#000000\n")]           // a CSN no write has made yet
    public void A_garbage_highestCommittedUSN_file_is_ignored_and_the_number_taken_again_from_the_entries(string garbage)
    {
        var file = Path.Combine(Lab.DataDirectory, "slapd", "highest-committed-usn");
        Assert.That(HighestCommitted(), Is.EqualTo(HighestUsnChanged()));
        Assert.That(File.Exists(file), "written before the number was given out");

        Lab.KillSlapd();
        File.WriteAllText(file, garbage);
        Lab.Restart();

        Assert.That(HighestCommitted(), Is.EqualTo(HighestUsnChanged()));
        Assert.That(File.ReadAllText(Path.Combine(Lab.DataDirectory, "slapd", "casdir-guard.log")), Does.Contain("does not hold a CSN slapd could have written"));
        Describe(SiteDn("Site-A"), "after the garbage");
        Assert.That(HighestCommitted(), Is.EqualTo(HighestUsnChanged()), "and it follows the next write");
    }
}
