using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Shell;

/// <summary>
/// Set-MailboxDatabase, Set-PublicFolderDatabase and New-MailboxDatabase settings (docs/settings.md): each kept in the
/// attribute Exchange 2010 uses, in its unit (quotas in KB, retention in seconds), all of one command in one modify,
/// read back by the Get- cmdlet as Exchange's value types; a bad value exits 2 and writes nothing.
/// </summary>
[TestFixture]
public sealed class DatabaseSettingsTests : FreshLabTest
{
    private string Dn(string cmdlet, string name) => Lab.Casdir($"({cmdlet} {name}).DistinguishedName").Output.Trim();

    private string? Stored(string dn, string attribute)
    {
        var entry = Lab.ReadEntry(DirectoryAccounts.Reader, dn, null, attribute);
        return entry.Attributes.Contains(attribute) ? (string)entry.Attributes[attribute][0] : null;
    }

    private void CreatePublicFolderDatabase() =>
        Assert.That(Lab.Casdir("New-PublicFolderDatabase -Name PFDB01 -Server E2K10-MLT-01 | Out-Null").ExitCode, Is.Zero);

    [Test]
    public void Quotas_and_retention_are_stored_in_Exchange_units_and_read_back_as_Exchange_values()
    {
        var result = Lab.Casdir("Set-MailboxDatabase MDB01 -IssueWarningQuota 1.9GB -ProhibitSendQuota 2GB -ProhibitSendReceiveQuota '2.3 GB' -DeletedItemRetention 30.00:00:00 -MailboxRetention 45.00:00:00");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());

        var dn = Dn("Get-MailboxDatabase", "MDB01");
        Assert.Multiple(() =>
        {
            Assert.That(Stored(dn, "mDBStorageQuota"), Is.EqualTo("1992294"), "1.9GB in whole KB");
            Assert.That(Stored(dn, "mDBOverQuotaLimit"), Is.EqualTo("2097152"));
            Assert.That(Stored(dn, "mDBOverHardQuotaLimit"), Is.EqualTo("2411724"));
            Assert.That(Stored(dn, "garbageCollPeriod"), Is.EqualTo("2592000"), "30 days in seconds");
            Assert.That(Stored(dn, "msExchMailboxRetentionPeriod"), Is.EqualTo("3888000"));
        });
        var shown = Lab.Casdir("$d = Get-MailboxDatabase MDB01; $d.ProhibitSendQuota.ToString(); $d.IssueWarningQuota.ToString(); $d.DeletedItemRetention.ToString(); $d.RecoverableItemsQuota.ToString()");
        Assert.That(shown.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "2 GB (2,147,483,648 bytes)", "1.899 GB (2,040,109,056 bytes)", "30.00:00:00", "Unlimited",
        }));
    }

    [Test]
    public void Every_setting_of_one_command_is_one_modify_and_Unlimited_clears_the_attribute()
    {
        var writes = Lab.SuccessfulWrites();
        var result = Lab.Casdir("Set-MailboxDatabase MDB01 -ProhibitSendQuota 2GB -CircularLoggingEnabled $true -IndexEnabled $false -MountAtStartup $false -RetainDeletedItemsUntilBackup $true -DataMoveReplicationConstraint SecondCopy -MaintenanceSchedule 'Sun.1:00 AM-Sun.5:00 AM','Sat.11:00 PM-Sun.1:00 AM' -IsExcludedFromProvisioning $true");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes + 1), "one modify");

        var dn = Dn("Get-MailboxDatabase", "MDB01");
        Assert.Multiple(() =>
        {
            Assert.That(Stored(dn, "msExchESEParamCircularLog"), Is.EqualTo("1"));
            Assert.That(Stored(dn, "msExchCIAvailable"), Is.EqualTo("FALSE"));
            Assert.That(Stored(dn, "msExchEDBOffline"), Is.EqualTo("TRUE"), "MountAtStartup $false is msExchEDBOffline TRUE");
            Assert.That(Stored(dn, "msExchDataMoveReplicationConstraint"), Is.EqualTo("1"));
            Assert.That(Stored(dn, "msExchProvisioningFlags"), Is.EqualTo("1"));
        });
        var schedule = Lab.Casdir("(Get-MailboxDatabase MDB01).MaintenanceSchedule.ToString()").Output.Trim();
        Assert.That(schedule, Is.EqualTo("Sun.12:00 AM-Sun.5:00 AM, Sat.11:00 PM-Sun.12:00 AM"), "an interval over Saturday midnight wraps, as Exchange's do");

        Assert.That(Lab.Casdir("Set-MailboxDatabase MDB01 -ProhibitSendQuota Unlimited").ExitCode, Is.Zero);
        Assert.That(Stored(dn, "mDBOverQuotaLimit"), Is.Null, "Unlimited is the attribute unset");
    }

    [Test]
    public void A_provisioning_flag_changes_only_its_own_bit()
    {
        Assert.That(Lab.Casdir("Set-MailboxDatabase MDB01 -IsExcludedFromProvisioning $true -IsSuspendedFromProvisioning $true").ExitCode, Is.Zero);
        Assert.That(Lab.Casdir("Set-MailboxDatabase MDB01 -IsExcludedFromProvisioning $false").ExitCode, Is.Zero);

        Assert.That(Stored(Dn("Get-MailboxDatabase", "MDB01"), "msExchProvisioningFlags"), Is.EqualTo("2"));
        Assert.That(Lab.Casdir("$d = Get-MailboxDatabase MDB01; \"$($d.IsExcludedFromProvisioning) $($d.IsSuspendedFromProvisioning)\"").Output.Trim(), Is.EqualTo("False True"));
    }

    [Test]
    public void Databases_sort_by_quota_size_with_Unlimited_last_not_by_text()
    {
        Assert.That(Lab.Casdir("Set-MailboxDatabase MDB02 -ProhibitSendQuota 900MB; Set-MailboxDatabase MDB01 -ProhibitSendQuota 10GB").ExitCode, Is.Zero);
        Assert.That(Lab.Casdir("New-MailboxDatabase -Name MDB03 -Server E2K10-MLT-01 | Out-Null").ExitCode, Is.Zero);

        var order = Lab.Casdir("(Get-MailboxDatabase | Sort-Object ProhibitSendQuota | % Name) -join ','").Output.Trim();

        Assert.That(order, Is.EqualTo("MDB02,MDB01,MDB03"), "900 MB < 10 GB < Unlimited (as text, '10 GB' would sort first)");
    }

    [TestCase("-ProhibitSendQuota 3TB", "ProhibitSendQuota")]
    [TestCase("-ProhibitSendQuota lots", "not a size")]
    [TestCase("-ProhibitSendQuota 1023B", "from 1KB")]
    [TestCase("-DeletedItemRetention 'ten days'", "not a time span")]
    [TestCase("-DeletedItemRetention 30000.00:00:00", "DeletedItemRetention")]
    [TestCase("-EventHistoryRetentionPeriod 31.00:00:00", "EventHistoryRetentionPeriod")]
    [TestCase("-MaintenanceSchedule 'Funday.1:00 AM-Sun.5:00 AM'", "not a schedule interval")]
    [TestCase("-MaintenanceSchedule 'Sun.1:10 AM-Sun.5:00 AM'", "quarter hours")]
    [TestCase("-DataMoveReplicationConstraint Sometimes", "Sometimes")]
    [TestCase("-CircularLoggingEnabled maybe", "CircularLoggingEnabled")]
    [TestCase("-PublicFolderDatabase NoSuchDatabase", "NoSuchDatabase")]
    [TestCase("", "Give at least one setting")]
    public void A_bad_value_is_refused_and_nothing_is_written(string arguments, string message)
    {
        var writes = Lab.SuccessfulWrites();

        var result = Lab.Casdir(arguments.Length == 0 ? "Set-MailboxDatabase MDB01" : $"Set-MailboxDatabase MDB01 -IssueWarningQuota 1GB {arguments}");

        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes), "nothing written, not even the valid -IssueWarningQuota");
    }

    [Test]
    public void A_public_folder_database_takes_its_own_settings_and_a_mailbox_database_can_name_it()
    {
        CreatePublicFolderDatabase();

        var result = Lab.Casdir("Set-PublicFolderDatabase PFDB01 -ProhibitPostQuota 5GB -MaxItemSize 20MB -ItemRetentionPeriod 365.00:00:00; Set-MailboxDatabase MDB01 -PublicFolderDatabase PFDB01");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());

        var dn = Dn("Get-PublicFolderDatabase", "PFDB01");
        Assert.Multiple(() =>
        {
            Assert.That(Stored(dn, "mDBOverHardQuotaLimit"), Is.EqualTo("5242880"));
            Assert.That(Stored(dn, "msExchMaxItemSize"), Is.EqualTo("20480"));
            Assert.That(Stored(dn, "msExchOverallAgeLimit"), Is.EqualTo("31536000"));
            Assert.That(Stored(Dn("Get-MailboxDatabase", "MDB01"), "msExchHomePublicMDB"), Is.EqualTo(dn).IgnoreCase);
        });
        Assert.That(Lab.Casdir("(Get-MailboxDatabase MDB01).PublicFolderDatabase.Name").Output.Trim(), Is.EqualTo("PFDB01"));
    }

    [Test]
    public void A_public_folder_database_that_mailbox_databases_use_or_the_last_one_is_not_removed()
    {
        CreatePublicFolderDatabase();
        Assert.That(Lab.Casdir("Set-MailboxDatabase MDB01 -PublicFolderDatabase PFDB01").ExitCode, Is.Zero);
        var writes = Lab.SuccessfulWrites();

        var used = Lab.Casdir("Remove-PublicFolderDatabase PFDB01 -RemoveLastAllowed -Confirm:$false");
        Assert.That(used.ExitCode, Is.Not.Zero);
        Assert.That(used.Error, Does.Contain("default public folder database of MDB01"));

        Assert.That(Lab.Casdir("Set-MailboxDatabase MDB01 -PublicFolderDatabase $null").ExitCode, Is.Zero);
        var last = Lab.Casdir("Remove-PublicFolderDatabase PFDB01 -Confirm:$false");
        Assert.That(last.ExitCode, Is.Not.Zero);
        Assert.That(last.Error, Does.Contain("-RemoveLastAllowed"));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes + 1), "only the Set- was written");

        Assert.That(Lab.Casdir("Remove-PublicFolderDatabase PFDB01 -RemoveLastAllowed -Confirm:$false").ExitCode, Is.Zero);
        Assert.That(Lab.Casdir("@(Get-PublicFolderDatabase).Count").Output.Trim(), Is.EqualTo("0"));
    }

    [Test]
    public void A_new_mailbox_database_starts_with_the_settings_given_in_its_one_entry()
    {
        CreatePublicFolderDatabase();
        var writes = Lab.SuccessfulWrites();

        var result = Lab.Casdir("New-MailboxDatabase -Name MDB03 -Server E2K10-MLT-01 -IsSuspendedFromProvisioning $true -PublicFolderDatabase PFDB01 | Out-Null");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes + 2), "the database and its copy, nothing after");
        var dn = Dn("Get-MailboxDatabase", "MDB03");
        Assert.That(Stored(dn, "msExchProvisioningFlags"), Is.EqualTo("2"));
        Assert.That(Stored(dn, "msExchHomePublicMDB"), Is.EqualTo(Dn("Get-PublicFolderDatabase", "PFDB01")).IgnoreCase);
    }

    [Test]
    public void Status_is_accepted_and_says_nothing_the_directory_does_not_know()
    {
        var result = Lab.Casdir("Get-MailboxDatabase -Status | % { \"$($_.Name) [$($_.Mounted)]\" }");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "MDB01 []", "MDB02 []" }));
    }
}

/// <summary>Renames and the public folder database's replication and referral settings.</summary>
[TestFixture]
public sealed class DatabaseRenameAndReplicationTests : FreshLabTest
{
    [Test]
    public void A_rename_moves_the_database_and_its_copy_and_a_taken_name_is_refused_before_any_write()
    {
        var writes = Lab.SuccessfulWrites();
        var taken = Lab.Casdir("Set-MailboxDatabase MDB01 -Name MDB02 -ProhibitSendQuota 1GB");
        Assert.That(taken.ExitCode, Is.Not.Zero);
        Assert.That(taken.Error, Does.Contain("already exists"));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes), "nothing written");

        var result = Lab.Casdir("Set-MailboxDatabase MDB01 -Name 'Sales DB' -ProhibitSendQuota 1GB; Get-MailboxDatabase 'Sales DB' | % { \"$($_.Name)|$($_.Servers)|$($_.ProhibitSendQuota)\" }");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output.Trim(), Is.EqualTo("Sales DB|E2K10-MLT-01|1 GB (1,073,741,824 bytes)"));
        Assert.That(Lab.Casdir("Get-MailboxDatabase MDB01").ExitCode, Is.Not.Zero, "the old name is gone");
    }

    [Test]
    public void A_public_folder_database_keeps_its_replication_and_referral_settings_with_Exchange_defaults()
    {
        Assert.That(Lab.Casdir("New-PublicFolderDatabase -Name PFDB01 -Server E2K10-MLT-01 | Out-Null").ExitCode, Is.Zero);
        var defaults = Lab.Casdir("$p = Get-PublicFolderDatabase PFDB01; \"$($p.ReplicationMessageSize)|$($p.ReplicationPeriod)|$($p.ReplicationSchedule)\"");
        Assert.That(defaults.Output.Trim(), Is.EqualTo("300 KB (307,200 bytes)|15|Always"), "Exchange's defaults: 300 KB, 15 minutes, Always");

        var result = Lab.Casdir("Set-PublicFolderDatabase PFDB01 -ReplicationMessageSize 1MB -ReplicationPeriod 30 -ReplicationSchedule 'Sun.1:00 AM-Sun.5:00 AM' -UseCustomReferralServerList $true -CustomReferralServerList E2K10-MLT-01:10,E2K10-MLT-02:20; $p = Get-PublicFolderDatabase PFDB01; \"$($p.ReplicationMessageSize)|$($p.ReplicationPeriod)|$($p.ReplicationSchedule)|$($p.UseCustomReferralServerList)|$($p.CustomReferralServerList -join ',')\"");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output.Trim(), Is.EqualTo("1 MB (1,048,576 bytes)|30|Sun.1:00 AM-Sun.5:00 AM|True|E2K10-MLT-01:10,E2K10-MLT-02:20"));
    }

    [TestCase("-CustomReferralServerList NoSuchServer:10", "NoSuchServer")]
    [TestCase("-CustomReferralServerList E2K10-MLT-01:500", "cost from 1 to 100")]
    [TestCase("-ReplicationPeriod 0", "ReplicationPeriod")]
    [TestCase("-CustomReferralServerList E2K10-MLT-02:5,e2k10-mlt-02:7", "name each server once")]
    [TestCase("-ReplicationMessageSize 3GB", "ReplicationMessageSize")]
    [TestCase("-Organization 'Other Org'", "this directory holds one")]
    public void A_bad_public_folder_setting_is_refused_and_nothing_is_written(string arguments, string message)
    {
        Assert.That(Lab.Casdir("New-PublicFolderDatabase -Name PFDB01 -Server E2K10-MLT-01 | Out-Null").ExitCode, Is.Zero);
        var writes = Lab.SuccessfulWrites();

        var result = arguments.StartsWith("-Organization")
            ? Lab.Casdir($"Get-PublicFolderDatabase {arguments}")
            : Lab.Casdir($"Set-PublicFolderDatabase PFDB01 -MaxItemSize 1MB {arguments}");

        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));
    }

    [Test]
    public void Database_file_paths_are_full_local_paths_as_Exchange_takes_them()
    {
        var result = Lab.Casdir(@"New-MailboxDatabase -Name MDB03 -Server E2K10-MLT-01 -EdbFilePath 'D:\Databases\MDB03\MDB03.edb' -LogFolderPath 'E:\Logs\MDB03\' | % { ""$($_.EdbFilePath)|$($_.LogFolderPath)"" }");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output.Trim(), Is.EqualTo(@"D:\Databases\MDB03\MDB03.edb|E:\Logs\MDB03"));
    }

    [TestCase(@"-EdbFilePath 'D:\'", "not a full local path")]
    [TestCase(@"-EdbFilePath '\\files\share\MDB03.edb'", "not a full local path")]
    [TestCase(@"-EdbFilePath 'D:\Databases\MDB03.txt'", "must end in .edb")]
    [TestCase(@"-EdbFilePath '../../etc/passwd.edb'", "not a full local path")]
    [TestCase(@"-LogFolderPath 'D:\Logs\..\..'", "not a full local path")]
    [TestCase(@"-LogFolderPath 'D:\Logs|x'", "not a full local path")]
    public void A_database_path_that_is_not_a_local_full_path_is_refused_and_nothing_is_written(string arguments, string message)
    {
        var writes = Lab.SuccessfulWrites();

        var result = Lab.Casdir($"New-MailboxDatabase -Name MDB03 -Server E2K10-MLT-01 {arguments}");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));
    }

    [Test]
    public void Values_someone_else_wrote_that_are_no_schedule_or_URL_read_as_the_default_not_as_data()
    {
        var database = Lab.Partition.DatabaseDn("MDB01");
        var owa = Lab.Casdir("(Get-OwaVirtualDirectory -Server E2K10-MLT-01).DistinguishedName").Output.Trim();
        var written = Lab.Tools.Modify(DirectoryAccounts.Provisioning, $"""
            dn: {database}
            changetype: modify
            replace: activationSchedule
            activationSchedule:: AAEC

            dn: {owa}
            changetype: modify
            replace: msExchInternalHostName
            msExchInternalHostName: not a url ((*
            -
            replace: msExchExternalHostName
            msExchExternalHostName:: aHR0cHM6Ly94AHkvb3dh

            """);
        Assert.That(written.ExitCode, Is.Zero, written.ToString());

        var result = Lab.Casdir("""
            (Get-MailboxDatabase MDB01).MaintenanceSchedule.ToString()
            $o = Get-OwaVirtualDirectory -Server E2K10-MLT-01; "[$($o.InternalUrl)][$($o.ExternalUrl)]"
            """);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "Never", "[][]" }),
            "3 bytes are no schedule; text and a URL with a NUL are no URL");
        Assert.That(result.Output, Does.Not.Contain("\0"));
    }
}
