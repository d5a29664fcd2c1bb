using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Shell;

/// <summary>
/// The site cmdlets' settings as the ActiveDirectory module and EMS take them: each stored in the attribute AD or
/// Exchange keeps it in (options bits of CN=NTDS Site Settings, description, managedBy, msExchTransportSiteFlags …),
/// written in one modify per entry, read back by the Get- cmdlet; bad values exit 2 and write nothing.
/// </summary>
[TestFixture]
public sealed class SiteSettingsTests : FreshLabTest
{
    private string SiteDn(string site) => Lab.Partition.SiteDn(site);
    private string SettingsDn(string site) => "CN=NTDS Site Settings," + SiteDn(site);

    private string? Stored(string dn, string attribute)
    {
        var entry = Lab.ReadEntry(DirectoryAccounts.Admin, dn, null, attribute);
        return entry.Attributes.Contains(attribute) ? string.Join("|", entry.Attributes[attribute].GetValues(typeof(string)).Cast<string>()) : null;
    }

    private void Ok(string line, int writes)
    {
        var before = Lab.SuccessfulWrites();
        var result = Lab.Casdir(line);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Lab.SuccessfulWrites() - before, Is.EqualTo(writes), $"{line}: writes");
    }

    private void Refused(string line, string message, int exitCode = 2)
    {
        var before = Lab.SuccessfulWrites();
        var result = Lab.Casdir(line);
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
        Assert.That(result.Error, Does.Contain(message), result.ToString());
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(before), "nothing was written");
    }

    [Test]
    public void The_topology_booleans_are_bits_of_options_on_NTDS_Site_Settings_written_in_one_modify()
    {
        Ok("Set-ADReplicationSite Site-A -AutomaticTopologyGenerationEnabled $false -UniversalGroupCachingEnabled $true -RedundantServerTopologyEnabled $true -WindowsServer2003KCCSiteLinkBridgingEnabled $true", 1);

        Assert.That(Stored(SettingsDn("Site-A"), "options"), Is.EqualTo((0x1 | 0x20 | 0x400 | 0x1000).ToString()));
        var site = Lab.Json("Get-ADReplicationSite Site-A")[0];
        Assert.That(site.GetProperty("AutomaticTopologyGenerationEnabled").GetBoolean(), Is.False);
        Assert.That(site.GetProperty("UniversalGroupCachingEnabled").GetBoolean(), Is.True);
        Assert.That(site.GetProperty("TopologyCleanupEnabled").GetBoolean(), Is.True);
        Assert.That(site.GetProperty("RedundantServerTopologyEnabled").GetBoolean(), Is.True);

        Ok("Set-ADReplicationSite Site-A -AutomaticTopologyGenerationEnabled $true -TopologyCleanupEnabled $false", 1);
        Assert.That(Stored(SettingsDn("Site-A"), "options"), Is.EqualTo((0x2 | 0x20 | 0x400 | 0x1000).ToString()), "only the bits given change");
    }

    [Test]
    public void Description_ManagedBy_generator_refresh_site_and_schedule_round_trip()
    {
        var manager = Lab.Account(DirectoryAccounts.Reader).Dn;
        Ok($"Set-ADReplicationSite Site-A -Description 'Oslo office' -ManagedBy '{manager}'", 1);
        Ok("Set-ADReplicationSite Site-A -UniversalGroupCachingRefreshSite Site-B -InterSiteTopologyGenerator CASDIR-DC -ReplicationSchedule 'Sun.1:00 AM-Sun.5:00 AM'", 1);

        Assert.That(Stored(SiteDn("Site-A"), "description"), Is.EqualTo("Oslo office"));
        Assert.That(Stored(SiteDn("Site-A"), "managedBy"), Is.EqualTo(manager).IgnoreCase);
        Assert.That(Stored(SettingsDn("Site-A"), "msDS-Preferred-GC-Site"), Is.EqualTo(SiteDn("Site-B")).IgnoreCase);
        Assert.That(Stored(SettingsDn("Site-A"), "interSiteTopologyGenerator"), Does.StartWith("CN=NTDS Settings,CN=CASDIR-DC,").IgnoreCase);
        var site = Lab.Json("Get-ADReplicationSite Site-A")[0];
        Assert.That(site.GetProperty("Description").GetString(), Is.EqualTo("Oslo office"));
        Assert.That(Lab.Casdir("(Get-ADReplicationSite Site-A).ReplicationSchedule.ToString()").Output.Trim(), Is.EqualTo("Sun.1:00 AM-Sun.5:00 AM"));

        Ok("Set-ADReplicationSite Site-A -Description $null -ReplicationSchedule $null", 2);
        Assert.That(Stored(SiteDn("Site-A"), "description"), Is.Null);
        Assert.That(Stored(SettingsDn("Site-A"), "schedule"), Is.Null);
    }

    [Test]
    public void Add_Remove_Replace_and_Clear_apply_in_one_modify_and_PassThru_writes_the_site()
    {
        Ok("Set-ADReplicationSite Site-A -Replace @{location='Oslo'} -Add @{description='x'}", 1);
        Assert.That(Stored(SiteDn("Site-A"), "location"), Is.EqualTo("Oslo"));
        var result = Lab.Casdir("Set-ADReplicationSite Site-A -Clear location,description -PassThru | % Name");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output.Trim(), Is.EqualTo("Site-A"));
        Assert.That(Stored(SiteDn("Site-A"), "location"), Is.Null);
    }

    [Test]
    public void Instance_writes_what_was_changed()
    {
        Ok("$s = Get-ADReplicationSite Site-B; $s.Description = 'changed'; $s.ScheduleHashingEnabled = $true; Set-ADReplicationSite -Instance $s", 2);
        Assert.That(Stored(SiteDn("Site-B"), "description"), Is.EqualTo("changed"));
        Assert.That(Stored(SettingsDn("Site-B"), "options"), Is.EqualTo("512"));
    }

    [Test]
    public void New_site_carries_its_settings_in_its_adds()
    {
        Ok("New-ADReplicationSite -Name Site-C -Description 'new' -TopologyDetectStaleEnabled $false -OtherAttributes @{location='Bergen'}", 3);
        Assert.That(Stored(SiteDn("Site-C"), "location"), Is.EqualTo("Bergen"));
        Assert.That(Stored(SettingsDn("Site-C"), "options"), Is.EqualTo("8"));
        Assert.That(Lab.Json("Get-ADReplicationSite Site-C")[0].GetProperty("Description").GetString(), Is.EqualTo("new"));
        Ok("Remove-ADReplicationSite Site-C -Confirm:$false", 3);
    }

    [Test]
    public void Subnets_take_description_location_and_generic_changes()
    {
        Ok("New-ADReplicationSubnet 10.9.0.0/16 Site-A -Description 'lab' -Location 'Oslo'", 1);
        var subnet = Lab.Json("Get-ADReplicationSubnet 10.9.0.0/16")[0];
        Assert.That(subnet.GetProperty("Location").GetString(), Is.EqualTo("Oslo"));
        Ok("Set-ADReplicationSubnet 10.9.0.0/16 -Replace @{location='Bergen'} -Clear description", 1);
        Assert.That(Stored(Lab.Partition.SubnetDn("10.9.0.0/16"), "location"), Is.EqualTo("Bergen"));
        Assert.That(Stored(Lab.Partition.SubnetDn("10.9.0.0/16"), "description"), Is.Null);
        Ok("Remove-ADReplicationSubnet 10.9.0.0/16 -Confirm:$false", 1);
    }

    [Test]
    public void Set_ADSite_sets_Exchange_s_hub_site_flag_and_Get_ADSite_reads_it()
    {
        Ok("Set-ADSite Site-A -HubSiteEnabled $true -PartnerId 7", 1);
        Assert.That(Stored(SiteDn("Site-A"), "msExchTransportSiteFlags"), Is.EqualTo("1"));
        var site = Lab.Json("Get-ADSite Site-A")[0];
        Assert.That(site.GetProperty("HubSiteEnabled").GetBoolean(), Is.True);
        Assert.That(site.GetProperty("PartnerId").GetInt32(), Is.EqualTo(7));
        Assert.That(site.GetProperty("MinorPartnerId").GetInt32(), Is.EqualTo(-1));
        Assert.That(Lab.Json("Get-ADSite Site-B")[0].GetProperty("HubSiteEnabled").GetBoolean(), Is.False);
        Assert.That(Lab.Casdir("(Get-AdSiteLink | % Name) -join ','").Output.Trim(), Is.EqualTo("DEFAULTIPSITELINK,Site-A-Site-B"), "AD's default link and the lab's");
    }

    [Test]
    public void A_schedule_on_a_new_site_is_one_modify_after_its_adds_and_a_template_copies_settings()
    {
        Ok("New-ADReplicationSite Site-D -ReplicationSchedule Always", 4);
        Assert.That(Lab.Casdir("(Get-ADReplicationSite Site-D).ReplicationSchedule.ToString()").Output.Trim(), Is.EqualTo("Always"));
        Ok("Set-ADReplicationSite Site-A -ScheduleHashingEnabled $true", 1);
        Ok("New-ADReplicationSite Site-E -Instance (Get-ADReplicationSite Site-A)", 3);
        Assert.That(Stored(SettingsDn("Site-E"), "options"), Is.EqualTo("512"));
    }

    [Test]
    public void A_piped_site_binds_and_WhatIf_writes_nothing()
    {
        Ok("Get-ADReplicationSite Site-A | Set-ADReplicationSite -Description piped", 1);
        Assert.That(Stored(SiteDn("Site-A"), "description"), Is.EqualTo("piped"));
        Ok("Set-ADReplicationSite Site-A -Description other -TopologyCleanupEnabled $false -WhatIf", 0);
        Ok("Set-ADReplicationSite (Get-ADReplicationSite Site-A -Properties ObjectGUID).ObjectGUID.ToString() -Description byguid", 1);
        Assert.That(Stored(SiteDn("Site-A"), "description"), Is.EqualTo("byguid"));
    }

    [TestCase("Set-ADReplicationSite Site-A -UniversalGroupCachingEnabled maybe", "Cannot")]
    [TestCase("Set-ADReplicationSite Site-A -OtherAttributes @{x=1}", "OtherAttributes")]
    [TestCase("Set-ADReplicationSite Site-A -Replace @{noSuchAttribute='x'}", "'noSuchAttribute' is not an attribute of the directory's schema")]
    [TestCase("Set-ADReplicationSite Site-A -Replace @{cn='x'}", "'cn' cannot be changed this way")]
    [TestCase("Set-ADReplicationSite Site-A -Replace @{description=\"a`0b\"}", "not valid")]
    [TestCase("Set-ADReplicationSite Site-A -ProtectedFromAccidentalDeletion $true", "cannot enforce")]
    [TestCase("Set-ADReplicationSite Site-A -ReplicationSchedule 'Sun.1:07 AM-Sun.5:00 AM'", "not a schedule interval")]
    [TestCase("New-ADReplicationSite -Name Site-Q -OtherAttributes @{'location)(cn=*'='x'}", "is not an attribute of the directory's schema")]
    [TestCase("Set-ADSite Site-A -PartnerId many", "Cannot")]
    [TestCase("Set-ADReplicationSite Site-A -ManagedBy 'nobody*)(cn=*'", "nobody", 1)]
    public void Bad_values_are_refused_and_nothing_is_written(string line, string message, int exitCode = 2) => Refused(line, message, exitCode);

    [Test]
    public void A_site_a_site_link_names_is_not_removed_and_every_site_has_its_NTDS_Site_Settings()
    {
        Ok("New-ADReplicationSite -Name Site-C", 3);
        var linked = Lab.Tools.Modify(DirectoryAccounts.Provisioning, $"""
            dn: CN=DEFAULTIPSITELINK,CN=IP,CN=Inter-Site Transports,CN=Sites,{Lab.Partition.ConfigurationDn}
            changetype: modify
            add: siteList
            siteList: {SiteDn("Site-C")}

            """);
        Assert.That(linked.ExitCode, Is.Zero, linked.ToString());
        var writes = Lab.SuccessfulWrites();

        var result = Lab.Casdir("Remove-ADReplicationSite Site-C -Confirm:$false");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("site link DEFAULTIPSITELINK"));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));
        Assert.That(Lab.Casdir("Get-ADReplicationSite -Filter * | Set-ADReplicationSite -ScheduleHashingEnabled $true").ExitCode, Is.Zero,
            "Default-First-Site-Name has its NTDS Site Settings too, as in AD (Microsoft Learn, Set-ADReplicationSite, example 2)");
    }
}
