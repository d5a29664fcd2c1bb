using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Cli;

/// <summary>New-/Get-/Set-/Remove-ClientAccessArray against the sample lab, rules A1–A5.</summary>
[TestFixture]
public sealed class ClientAccessArrayVerbTests : FreshLabTest
{
    private ProcessResult NewArrayA() => Lab.Casdir("New-ClientAccessArray", "-Name", "CASArray-A", "-Fqdn", "outlook.lab.local", "-Site", "Site-A");

    [Test]
    public void New_then_Get_ClientAccessArray_prints_the_table_of_the_lab_article()
    {
        var created = NewArrayA();
        var listed = Lab.Casdir("Get-ClientAccessArray");

        const string expected = """

            Name       Site   Fqdn              Members
            ----       ----   ----              -------
            CASArray-A Site-A outlook.lab.local {E2K10-MLT-01, E2K10-MLT-02}


            """;
        Assert.That(created.ExitCode, Is.Zero, created.ToString());
        Assert.That(listed.ExitCode, Is.Zero, listed.ToString());
        Assert.That(listed.Output, Is.EqualTo(expected));
    }

    [Test]
    public void Name_defaults_to_the_first_label_of_the_fqdn()
    {
        var created = Lab.Casdir("New-ClientAccessArray", "-Fqdn", "casarray01.lab.local", "-Site", "Site-B");

        Assert.That(created.ExitCode, Is.Zero, created.ToString());
        Assert.That(created.Output, Does.Match(Table.Row("casarray01  Site-B")));
    }

    [Test]
    public void Second_array_in_same_site_is_refused_with_the_rule_and_the_existing_array()
    {
        NewArrayA();
        var writes = Lab.SuccessfulWrites();

        var second = Lab.Casdir("New-ClientAccessArray", "-Name", "CASArray-A2", "-Fqdn", "outlook2.lab.local", "-Site", "Site-A");

        Assert.That(second.ExitCode, Is.EqualTo(1));
        Assert.That(second.Error, Does.Contain("A Client Access array already exists in site 'Site-A' (CASArray-A)."));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));
    }

    [Test]
    public void Concurrent_creations_that_only_slapd_can_separate_give_the_same_rule_message()
    {
        var attempts = Enumerable.Range(1, 6)
            .Select(i => Task.Run(() => Lab.Casdir("New-ClientAccessArray", "-Name", $"Race-{i}", "-Fqdn", $"race{i}.lab.local", "-Site", "Site-B")))
            .ToArray();
        Task.WaitAll(attempts);
        var results = attempts.Select(a => a.Result).ToList();

        Assert.That(results.Count(r => r.ExitCode == 0), Is.EqualTo(1), string.Join("\n", results));
        foreach (var refused in results.Where(r => r.ExitCode != 0))
        {
            Assert.That(refused.ExitCode, Is.EqualTo(1));
            Assert.That(refused.Error, Does.Contain("A Client Access array already exists in site 'Site-B'"), refused.ToString());
        }
    }

    [TestCase("E2K10-MLT-01", "outlook.lab.local", "An array or server named 'E2K10-MLT-01' already exists")]
    [TestCase("CASArray-A", "E2K10-MLT-01.lab.local", "is server E2K10-MLT-01's own name")]
    public void Array_names_and_fqdns_are_unique_across_servers_and_arrays(string name, string fqdn, string message)
    {
        var result = Lab.Casdir("New-ClientAccessArray", "-Name", name, "-Fqdn", fqdn, "-Site", "Site-A");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain(message));
    }

    [Test]
    public void Creating_an_array_changes_no_database()
    {
        var before = Lab.Casdir("Get-MailboxDatabase | select name,rpcclientaccessserver").Output;

        var created = NewArrayA();

        Assert.That(created.ExitCode, Is.Zero, created.ToString());
        Assert.That(Lab.Casdir("Get-MailboxDatabase | select name,rpcclientaccessserver").Output, Is.EqualTo(before));
        Assert.That(before, Does.Contain("E2K10-MLT-01.lab.local").And.Not.Contain("outlook.lab.local"));
    }

    [Test]
    public void Members_are_only_2010_Client_Access_servers_of_the_arrays_site()
    {
        Lab.Casdir("New-ExchangeServer", "-Name", "MBX-A3", "-Roles", "Mailbox", "-Version", "14.2.247.5", "-IPAddress", "10.1.0.21");
        Lab.Casdir("New-ExchangeServer", "-Name", "CAS-B1", "-Roles", "ClientAccess,HubTransport", "-Version", "14.2.247.5", "-IPAddress", "10.2.0.11");
        NewArrayA();

        var members = Lab.Json("Get-ClientAccessArray CASArray-A").ToString();

        Assert.That(members, Does.Contain("E2K10-MLT-01").And.Contain("E2K10-MLT-02"));
        Assert.That(members, Does.Not.Contain("E2K7-MLT-02"), "a 2007 CAS is never a member");
        Assert.That(members, Does.Not.Contain("MBX-A3"), "a Mailbox-only server is never a member");
        Assert.That(members, Does.Not.Contain("CAS-B1"), "a CAS in another site is not a member");
    }

    [Test]
    public void Moving_a_server_into_another_sites_subnet_moves_it_between_arrays()
    {
        NewArrayA();
        Lab.Casdir("New-ClientAccessArray", "-Name", "CASArray-B", "-Fqdn", "outlook-b.lab.local", "-Site", "Site-B");

        var moved = Lab.Casdir("Set-ExchangeServer", "E2K10-MLT-02", "-IPAddress", "10.2.0.12");
        var arrays = Lab.Casdir("Get-ClientAccessArray").Output;

        Assert.That(moved.ExitCode, Is.Zero, moved.ToString());
        Assert.That(moved.Error, Does.Contain("moved from site 'Site-A' to 'Site-B'"));
        Assert.That(arrays, Does.Match(Table.Row("CASArray-A  Site-A  outlook.lab.local    {E2K10-MLT-01}")));
        Assert.That(arrays, Does.Match(Table.Row("CASArray-B  Site-B  outlook-b.lab.local  {E2K10-MLT-02}")));
    }

    [Test]
    public void An_array_with_no_Client_Access_server_in_its_site_has_no_members()
    {
        var created = Lab.Casdir("New-ClientAccessArray", "-Name", "CASArray-B", "-Fqdn", "outlook-b.lab.local", "-Site", "Site-B");

        Assert.That(created.Output, Does.Match(Table.Row("CASArray-B  Site-B  outlook-b.lab.local  {}")));
    }

    [TestCase("CASArray-A")]
    [TestCase("outlook.lab.local")]
    [TestCase("/o=First Organization/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=outlook.lab.local")]
    [TestCase("CN=CASArray-A,CN=Arrays,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=First Organization,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=lab,DC=local")]
    public void An_array_is_found_by_name_fqdn_legacyExchangeDN_or_DN(string identity)
    {
        NewArrayA();

        var found = Lab.Casdir("Get-ClientAccessArray", identity);

        Assert.That(found.ExitCode, Is.Zero, found.ToString());
        Assert.That(found.Output, Does.Contain("CASArray-A"));
    }

    [Test]
    public void An_array_is_found_by_its_guid()
    {
        NewArrayA();
        var guid = Lab.Json("Get-ClientAccessArray")[0].GetProperty("Guid").GetString()!;

        Assert.That(Lab.Casdir("Get-ClientAccessArray", guid).Output, Does.Contain("CASArray-A"));
    }

    [Test]
    public void Set_ClientAccessArray_changes_the_fqdn_and_databases_pointing_at_it_follow()
    {
        NewArrayA();
        Lab.Casdir("Get-MailboxDatabase | Set-MailboxDatabase -RpcClientAccessServer CASArray-A");

        var changed = Lab.Casdir("Set-ClientAccessArray", "CASArray-A", "-Fqdn", "mapi.lab.local");

        Assert.That(changed.ExitCode, Is.Zero, changed.ToString());
        Assert.That(Lab.Casdir("Get-MailboxDatabase | select name,rpcclientaccessserver").Output, Does.Match(Table.Row("MDB01  mapi.lab.local")).And.Match(Table.Row("MDB02  mapi.lab.local")));
    }

    [Test]
    public void Remove_warns_about_databases_and_asks_for_confirmation()
    {
        NewArrayA();
        Lab.Casdir("Set-MailboxDatabase", "MDB01", "-RpcClientAccessServer", "outlook.lab.local");

        var unconfirmed = Lab.Casdir("Remove-ClientAccessArray", "CASArray-A");
        var confirmed = Lab.Casdir("Remove-ClientAccessArray", "CASArray-A", "-Confirm:$false");

        Assert.That(unconfirmed.ExitCode, Is.EqualTo(1));
        Assert.That(unconfirmed.Error, Does.Contain("1 database(s) point at Client Access array 'CASArray-A' (MDB01)").And.Contain("-Confirm:$false"));
        Assert.That(confirmed.ExitCode, Is.Zero, confirmed.ToString());
        Assert.That(Lab.Casdir("Get-ClientAccessArray").Output, Is.Empty);
        Assert.That(Lab.Casdir("Get-MailboxDatabase | select name,rpcclientaccessserver").Output, Does.Match(Table.Row("MDB01  outlook.lab.local")),
            "removing an array changes no database (A4)");
    }

    [Test]
    public void WhatIf_says_what_would_be_written_and_writes_nothing()
    {
        var writes = Lab.SuccessfulWrites();

        var result = Lab.Casdir("New-ClientAccessArray", "-Name", "CASArray-A", "-Fqdn", "outlook.lab.local", "-Site", "Site-A", "-WhatIf");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.StartWith("What if: Creating Client Access array \"CASArray-A\" (outlook.lab.local) in site \"Site-A\""));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));
    }
}
