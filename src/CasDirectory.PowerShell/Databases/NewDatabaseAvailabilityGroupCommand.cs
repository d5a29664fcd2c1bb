using System.Management.Automation;
using System.Net;
using CasDirectory.Core;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Values;
using CasDirectory.PowerShell.Objects;
using CasDirectory.PowerShell.Validation;
using Settings = CasDirectory.Core.Databases.DatabaseAvailabilityGroupSettings;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Creates a database availability group. A DAG may span sites; an array cannot (B4: its name is never an array's FQDN).</para>
/// <para type="description">The DAG and the settings given are one LDAP add. The witness is kept as Exchange keeps it: the share \\server\DAG01.lab.local in msExchFileShareWitness and its folder in msExchFileShareWitnessDirectory (docs/settings.md). Exchange picks a Hub Transport server as witness when none is given; casdir leaves the witness unset until Set-DatabaseAvailabilityGroup -WitnessServer names one. -ThirdPartyReplication can only be chosen here, as in Exchange 2010.</para>
/// </summary>
/// <example>
/// <code>New-DatabaseAvailabilityGroup -Name DAG01 -DatabaseAvailabilityGroupIpAddresses 10.1.0.50</code>
/// <para>Creates DAG01 with one IPv4 address.</para>
/// </example>
/// <example>
/// <code>New-DatabaseAvailabilityGroup -Name DAG01 -WitnessServer E2K10-MLT-03 -WitnessDirectory C:\DAG01\FSW -DatabaseAvailabilityGroupIpAddresses 10.1.0.50,10.2.0.50</code>
/// <para>Creates DAG01 with its witness on E2K10-MLT-03 and an address in each of two subnets (Microsoft Learn, New-DatabaseAvailabilityGroup, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>New-DatabaseAvailabilityGroup -Name DAG01 -WitnessServer E2K7-MLT-02 -WitnessDirectory C:\DAG01</code>
/// <para>Creates DAG01 with the witness server E2K7-MLT-02 (outside the DAG) and the witness directory C:\DAG01 (Microsoft Learn, New-DatabaseAvailabilityGroup, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>New-DatabaseAvailabilityGroup -Name DAG02 -DatabaseAvailabilityGroupIPAddresses 10.1.0.8</code>
/// <para>Creates DAG02 with one static address, its members being in one subnet; Exchange picks the witness server (Microsoft Learn, New-DatabaseAvailabilityGroup, Exchange 2010 example 2, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>New-DatabaseAvailabilityGroup -Name DAG03 -WitnessServer E2K7-MLT-02 -WitnessDirectory C:\DAG03 -DatabaseAvailabilityGroupIPAddresses 10.1.0.8,10.2.0.8</code>
/// <para>Creates DAG03 with an address in each of the subnets 10.1.0.0/16 and 10.2.0.0/16 (Microsoft Learn, New-DatabaseAvailabilityGroup, Exchange 2010 example 3, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>New-DatabaseAvailabilityGroup -Name DAG04</code>
/// <para>Creates DAG04 with DHCP addresses and the witness server and directory Exchange picks (Microsoft Learn, New-DatabaseAvailabilityGroup, Exchange 2010 example 4, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.New, "DatabaseAvailabilityGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Objects.DatabaseAvailabilityGroup))]
public sealed class NewDatabaseAvailabilityGroupCommand : CasDirectoryCmdlet
{
    /// <summary>The DAG's name: a cluster computer name, at most 15 characters.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [NameTransformation]
    [ValidateObjectName]
    public string Name { get; set; } = "";

    /// <summary>Its IPv4 addresses, four decimal octets each; 0.0.0.0 asks for DHCP (msExchMDBAvailabilityGroupIPv4Addresses).</summary>
    [Parameter]
    [IPv4AddressTransformation("DatabaseAvailabilityGroupIpAddresses")]
    public IPAddress[] DatabaseAvailabilityGroupIpAddresses { get; set; } = [];

    /// <summary>Enabled for a DAG whose copies a third-party product replicates (msExchThirdPartySynchronousReplication; default Disabled). Set only when creating.</summary>
    [Parameter] public ThirdPartyReplicationMode ThirdPartyReplication { get; set; }

    /// <summary>The witness folder on the witness server, such as C:\DAG01\FSW (msExchFileShareWitnessDirectory).</summary>
    [Parameter] public NonRootLocalLongFullPath? WitnessDirectory { get; set; }

    /// <summary>The witness server: a name or FQDN of a server that will not be a member (msExchFileShareWitness, kept as \\server\DAG01.lab.local).</summary>
    [Parameter] public FileShareWitnessServerName? WitnessServer { get; set; }

    protected override void InternalProcessRecord()
    {
        if (Name.Length > Core.Databases.DatabaseAvailabilityGroup.MaximumNameLength || Name.Contains(' ') || Name.Contains('.'))
            throw new DomainRuleException($"-Name '{Name}' is not a cluster computer name: at most {Core.Databases.DatabaseAvailabilityGroup.MaximumNameLength} characters, no spaces or dots.", isMalformedInput: true);
        var addresses = DatabaseAvailabilityGroupIpAddresses.Select(a => a.ToString()).Distinct().ToList();
        var directory = DataSession;
        CurrentTarget = Name;
        var settings = DatabaseAvailabilityGroupCommands.Plain(SettingsGiven(Settings.New), null, directory.Partition.Domain.Value, Name).ToList();
        foreach (var change in settings)
            change.Definition.Syntax.Write(change.Definition.Name, change.Value); // checked before anything is written
        var topology = directory.ReadServersAndArrays();
        if (directory.ReadDatabaseAvailabilityGroups(topology.Servers).FirstOrDefault(d => ObjectLookup.Same(d.Name, Name)) is { } existing)
        {
            if (!Resuming || !existing.IPv4Addresses.ToHashSet().SetEquals(addresses))
                throw new DomainRuleException($"A database availability group named '{Name}' already exists.");
            SkipDone($"Database availability group {Name}");
            WriteObject(Objects.DatabaseAvailabilityGroup.From(existing));
            return;
        }
        if (topology.Servers.Any(s => ObjectLookup.Same(s.Name, Name)))
            throw new DomainRuleException($"'{Name}' is already a server's name; a DAG's name becomes a computer name and must be unique.");
        if (!ShouldWrite($"Database availability group \"{Name}\""))
            return;
        Creating(() => { directory.AddDatabaseAvailabilityGroup(Name, addresses, settings); return true; }, () => $"A database availability group named '{Name}' already exists.");
        var created = ObjectLookup.DatabaseAvailabilityGroup(directory.ReadDatabaseAvailabilityGroups(topology.Servers), Name);
        WriteObject(Objects.DatabaseAvailabilityGroup.From(created));
    }
}
