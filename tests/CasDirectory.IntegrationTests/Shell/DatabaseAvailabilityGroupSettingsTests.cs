using System.DirectoryServices.Protocols;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Shell;

/// <summary>
/// New-/Set-/Remove-DatabaseAvailabilityGroup and Add-/Remove-DatabaseAvailabilityGroupServer (docs/settings.md): each
/// DAG setting kept in the attribute Exchange 2010 uses, all of one command in one modify, read back by
/// Get-DatabaseAvailabilityGroup; removals refused as Exchange refuses them; a bad value exits 2 and writes nothing.
/// </summary>
[TestFixture]
public sealed class DatabaseAvailabilityGroupSettingsTests : FreshLabTest
{
    private string DagDn => Lab.Casdir("(Get-DatabaseAvailabilityGroup DAG01).DistinguishedName").Output.Trim();

    private string? Stored(string dn, string attribute)
    {
        var entry = Lab.ReadEntry(DirectoryAccounts.Reader, dn, null, attribute);
        return entry.Attributes.Contains(attribute) ? (string)entry.Attributes[attribute][0] : null;
    }

    private IReadOnlyList<string> All(string dn, string attribute)
    {
        var entry = Lab.ReadEntry(DirectoryAccounts.Reader, dn, null, attribute);
        return entry.Attributes.Contains(attribute) ? entry.Attributes[attribute].GetValues(typeof(string)).Cast<string>().ToList() : [];
    }

    private void CreateDag(string arguments = "")
    {
        var result = Lab.Casdir($"New-DatabaseAvailabilityGroup -Name DAG01 -DatabaseAvailabilityGroupIpAddresses 10.1.0.50 {arguments} | Out-Null");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public void New_stores_the_witness_as_a_share_and_third_party_replication_and_Get_reads_them_back()
    {
        var writes = Lab.SuccessfulWrites();
        CreateDag(@"-WitnessServer FS01 -WitnessDirectory C:\DAG01\FSW -ThirdPartyReplication Enabled");
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes + 1), "one add");

        var dn = DagDn;
        Assert.Multiple(() =>
        {
            Assert.That(Stored(dn, "msExchFileShareWitness"), Is.EqualTo(@"\\FS01\DAG01.lab.local"));
            Assert.That(Stored(dn, "msExchFileShareWitnessDirectory"), Is.EqualTo(@"C:\DAG01\FSW"));
            Assert.That(Stored(dn, "msExchThirdPartySynchronousReplication"), Is.EqualTo("TRUE"));
        });
        var shown = Lab.Casdir("$d = Get-DatabaseAvailabilityGroup DAG01 -Status; \"$($d.WitnessServer)|$($d.WitnessDirectory)|$($d.ThirdPartyReplication)|$($d.NetworkCompression)|$($d.NetworkEncryption)|$($d.ReplicationPort)|$($d.DatacenterActivationMode)|$($d.DatabaseAvailabilityGroupIpAddresses)|$($null -eq $d.OperationalServers)\"");
        Assert.That(shown.Output.Trim(), Is.EqualTo(@"FS01|C:\DAG01\FSW|Enabled|InterSubnetOnly|InterSubnetOnly|64327|Off|10.1.0.50|True"), shown.ToString());
    }

    [Test]
    public void Every_setting_of_one_Set_is_one_modify_in_Exchange_attributes_and_reads_back()
    {
        CreateDag();
        var writes = Lab.SuccessfulWrites();
        var result = Lab.Casdir(@"Set-DatabaseAvailabilityGroup DAG01 -WitnessServer FS01 -WitnessDirectory C:\DAG01\FSW -AlternateWitnessServer fs02.lab.local -AlternateWitnessDirectory D:\DAG01\FSW -DatabaseAvailabilityGroupIpAddresses 10.1.0.50,10.2.0.50 -DatacenterActivationMode DagOnly -NetworkCompression Disabled -NetworkEncryption Enabled -DiscoverNetworks -ReplicationPort 63132 -AllowCrossSiteRpcClientAccess");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes + 1), "one modify");

        var dn = DagDn;
        Assert.Multiple(() =>
        {
            Assert.That(Stored(dn, "msExchFileShareWitness"), Is.EqualTo(@"\\FS01\DAG01.lab.local"));
            Assert.That(Stored(dn, "msExchAlternateFileShareWitness"), Is.EqualTo(@"\\fs02\DAG01.lab.local"));
            Assert.That(Stored(dn, "msExchAlternateFileShareWitnessDirectory"), Is.EqualTo(@"D:\DAG01\FSW"));
            Assert.That(All(dn, "msExchMDBAvailabilityGroupIPv4Addresses"), Is.EquivalentTo(new[] { "10.1.0.50", "10.2.0.50" }));
            Assert.That(Stored(dn, "msExchDatacenterActivationMode"), Is.EqualTo("1"));
            Assert.That(Stored(dn, "msExchMDBAvailabilityGroupReplicationPort"), Is.EqualTo("63132"));
            Assert.That(Stored(dn, "msExchAllowCrossSiteRPCClientAccess"), Is.EqualTo("1"));
            // compression Disabled = field 2 (bits 0-1), encryption Enabled = field 3 (bits 2-3), discover = 16
            Assert.That(Stored(dn, "msExchMDBAvailabilityGroupNetworkSettings"), Is.EqualTo((2 | 3 << 2 | 16).ToString()));
        });
        var shown = Lab.Casdir("$d = Get-DatabaseAvailabilityGroup DAG01; \"$($d.AlternateWitnessServer)|$($d.NetworkCompression)|$($d.NetworkEncryption)|$($d.DiscoverNetworks)|$($d.ReplicationPort)|$($d.DatacenterActivationMode)|$($d.AllowCrossSiteRpcClientAccess)|$($d.DatabaseAvailabilityGroupIpAddresses -join ',')\"");
        Assert.That(shown.Output.Trim(), Is.EqualTo("fs02|Disabled|Enabled|True|63132|DagOnly|True|10.1.0.50,10.2.0.50"), shown.ToString());

        // one network option changed: the other and the discover bit keep their values
        Assert.That(Lab.Casdir("Set-DatabaseAvailabilityGroup DAG01 -NetworkCompression SeedOnly -DiscoverNetworks:$false -AllowCrossSiteRpcClientAccess:$false -AlternateWitnessServer $null").ExitCode, Is.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(Lab.Casdir("$d = Get-DatabaseAvailabilityGroup DAG01; \"$($d.NetworkCompression)|$($d.NetworkEncryption)|$($d.DiscoverNetworks)|$($d.AllowCrossSiteRpcClientAccess)|$($null -eq $d.AlternateWitnessServer)\"").Output.Trim(),
                Is.EqualTo("SeedOnly|Enabled|False|False|True"));
            Assert.That(Stored(dn, "msExchAlternateFileShareWitness"), Is.Null);
        });
    }

    [TestCase("-ReplicationPort 0", "ReplicationPort")]
    [TestCase("-ReplicationPort 70000", "ReplicationPort")]
    [TestCase("-DatacenterActivationMode Sometimes", "Sometimes")]
    [TestCase("-NetworkCompression Always", "Always")]
    [TestCase("-DatabaseAvailabilityGroupIpAddresses 10.1", "10.1")]
    [TestCase("-DatabaseAvailabilityGroupIpAddresses fe80::1", "IPv4")]
    [TestCase(@"-WitnessDirectory C:\", "full local path")]
    [TestCase("-WitnessDirectory relative\\path", "full local path")]
    [TestCase("-WitnessServer 'bad name'", "bad name")]
    [TestCase("-WitnessServer E2K10-MLT-01", "member of DAG")]
    [TestCase("-AlternateWitnessServer FS01 -WitnessServer FS01", "witness server of DAG")]
    [TestCase("", "Give at least one setting")]
    public void A_bad_value_is_refused_with_exit_2_and_nothing_is_written(string arguments, string message)
    {
        CreateDag();
        Assert.That(Lab.Casdir("Add-DatabaseAvailabilityGroupServer DAG01 E2K10-MLT-01").ExitCode, Is.Zero);
        var writes = Lab.SuccessfulWrites();

        var line = arguments.Length == 0 ? "Set-DatabaseAvailabilityGroup DAG01"
            : arguments.StartsWith("-DatacenterActivationMode", StringComparison.Ordinal) ? $"Set-DatabaseAvailabilityGroup DAG01 -ReplicationPort 1000 {arguments}"
            : $"Set-DatabaseAvailabilityGroup DAG01 -DatacenterActivationMode DagOnly {arguments}";
        var result = Lab.Casdir(line);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes), "nothing written, not even the valid setting beside it");
    }

    [Test]
    public void A_bad_value_to_New_writes_nothing()
    {
        var writes = Lab.SuccessfulWrites();
        var result = Lab.Casdir(@"New-DatabaseAvailabilityGroup -Name DAG01 -WitnessDirectory C:\ -WitnessServer FS01");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));
    }

    [Test]
    public void Remove_DatabaseAvailabilityGroupServer_undoes_Add_exactly_and_Remove_DatabaseAvailabilityGroup_refuses_members()
    {
        CreateDag();
        var server = LabObjects.ServerDn("E2K10-MLT-01");
        var before = Lab.ReadEntry(DirectoryAccounts.Reader, server, null, "*");

        Assert.That(Lab.Casdir("Get-ExchangeServer E2K10-MLT-01 | Add-DatabaseAvailabilityGroupServer DAG01").ExitCode, Is.Zero, "-MailboxServer from the pipeline, DAG by position");
        Assert.That(Stored(server, "msExchMDBAvailabilityGroupLink"), Is.EqualTo(DagDn).IgnoreCase);

        var writes = Lab.SuccessfulWrites();
        var refused = Lab.Casdir("Remove-DatabaseAvailabilityGroup DAG01 -Confirm:$false");
        Assert.That(refused.ExitCode, Is.Not.Zero);
        Assert.That(refused.Error, Does.Contain("still has member servers"));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));

        var removed = Lab.Casdir("Remove-DatabaseAvailabilityGroupServer DAG01 E2K10-MLT-01 -ConfigurationOnly -Confirm:$false");
        Assert.That(removed.ExitCode, Is.Zero, removed.ToString());
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes + 1), "one modify");
        var after = Lab.ReadEntry(DirectoryAccounts.Reader, server, null, "*");
        var (was, now) = (Attributes(before), Attributes(after));
        Assert.That(now.Keys.Union(was.Keys).Where(k => now.GetValueOrDefault(k) != was.GetValueOrDefault(k)).Select(k => $"{k}: {was.GetValueOrDefault(k)} -> {now.GetValueOrDefault(k)}"),
            Is.Empty, "the server entry is as it was before Add-");
        Assert.That(Lab.Casdir("(Get-DatabaseAvailabilityGroup DAG01).Servers.Count").Output.Trim(), Is.EqualTo("0"));

        var notMember = Lab.Casdir("Remove-DatabaseAvailabilityGroupServer DAG01 -MailboxServer E2K10-MLT-01 -Confirm:$false");
        Assert.That(notMember.Error, Does.Contain("not a member"));

        Assert.That(Lab.Casdir("Remove-DatabaseAvailabilityGroup DAG01 -Confirm:$false").ExitCode, Is.Zero);
        Assert.That(Lab.Casdir("@(Get-DatabaseAvailabilityGroup).Count").Output.Trim(), Is.EqualTo("0"));
    }

    [Test]
    public void A_server_that_hosts_a_copy_of_a_replicated_database_is_not_removed()
    {
        CreateDag();
        Assert.That(Lab.Casdir("Add-DatabaseAvailabilityGroupServer DAG01 -MailboxServer E2K10-MLT-01; Add-DatabaseAvailabilityGroupServer DAG01 -MailboxServer E2K10-MLT-02").ExitCode, Is.Zero);
        var database = Lab.Casdir("(Get-MailboxDatabase MDB01).DistinguishedName").Output.Trim();
        using (var connection = Lab.Connect(DirectoryAccounts.Provisioning))
        {
            connection.SendRequest(new AddRequest($"CN=E2K10-MLT-02,{database}",
                new DirectoryAttribute("objectClass", "top", "msExchMDBCopy"), new DirectoryAttribute("cn", "E2K10-MLT-02"),
                new DirectoryAttribute("msExchHostServerLink", LabObjects.ServerDn("E2K10-MLT-02")), new DirectoryAttribute("msExchActivationPreference", "2"),
                new DirectoryAttribute("msExchMDBCopyParentClass", "msExchPrivateMDB")));
        }
        var writes = Lab.SuccessfulWrites();

        var refused = Lab.Casdir("Remove-DatabaseAvailabilityGroupServer DAG01 -MailboxServer E2K10-MLT-02 -Confirm:$false");

        Assert.That(refused.ExitCode, Is.Not.Zero);
        Assert.That(refused.Error, Does.Contain("MDB01"));
        Assert.That(Lab.SuccessfulWrites(), Is.EqualTo(writes));
    }

    private static Dictionary<string, string> Attributes(SearchResultEntry entry) =>
        entry.Attributes.AttributeNames.Cast<string>()
            .Where(n => !string.Equals(n, "whenChanged", StringComparison.OrdinalIgnoreCase) && !string.Equals(n, "uSNChanged", StringComparison.OrdinalIgnoreCase)) // AD changes these on every modify
            .ToDictionary(n => n, n => string.Join("|", entry.Attributes[n].GetValues(typeof(string)).Cast<string>()), StringComparer.OrdinalIgnoreCase);
}
