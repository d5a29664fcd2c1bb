using System.Management.Automation;
using System.Net;
using CasDirectory.Core;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Settings;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.Core.Values;
using CasDirectory.PowerShell.Objects;
using CasDirectory.PowerShell.Validation;
using Settings = CasDirectory.Core.Databases.DatabaseAvailabilityGroupSettings;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Changes a database availability group: its witness and alternate witness, IP addresses, datacenter activation mode, replication network options and port.</para>
/// <para type="description">Every setting given is written in one LDAP modify of the DAG, in the attributes Exchange 2010 keeps them in (docs/settings.md): the witness as its share's UNC path \\server\DAG01.lab.local in msExchFileShareWitness, its folder in msExchFileShareWitnessDirectory, compression, encryption and -DiscoverNetworks as bits of msExchMDBAvailabilityGroupNetworkSettings. Nothing here touches a cluster, a share or a network: the directory is Exchange's configuration only. The witness server may not be a member of the DAG, and the alternate witness server may not be the witness server.</para>
/// </summary>
/// <example>
/// <code>Set-DatabaseAvailabilityGroup DAG01 -WitnessServer E2K10-MLT-03 -WitnessDirectory C:\DAG01\FSW</code>
/// <para>Makes E2K10-MLT-03 DAG01's witness server, with its witness folder C:\DAG01\FSW (Microsoft Learn, Set-DatabaseAvailabilityGroup, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Set-DatabaseAvailabilityGroup DAG01 -DatacenterActivationMode DagOnly</code>
/// <para>Turns on Datacenter Activation Coordination mode for DAG01.</para>
/// </example>
/// <example>
/// <code>Set-DatabaseAvailabilityGroup DAG01 -DatabaseAvailabilityGroupIpAddresses 10.1.0.50,10.2.0.50 -NetworkCompression Disabled -NetworkEncryption Enabled -ReplicationPort 63132</code>
/// <para>Gives DAG01 one address in each subnet, turns compression off and encryption on for all replication traffic, and moves replication to port 63132.</para>
/// </example>
/// <example>
/// <code>Set-DatabaseAvailabilityGroup -Identity DAG01 -WitnessDirectory C:\DAG01DIR</code>
/// <para>Sets the witness directory of DAG01 to C:\DAG01DIR (Microsoft Learn, Set-DatabaseAvailabilityGroup, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Set-DatabaseAvailabilityGroup -Identity DAG01 -AlternateWitnessDirectory C:\DAGFileShareWitnesses\DAG01.lab.local -AlternateWitnessServer E2K7-MLT-02</code>
/// <para>Preconfigures E2K7-MLT-02 as DAG01's alternate witness server, with its alternate witness directory (Microsoft Learn, Set-DatabaseAvailabilityGroup, Exchange 2010 example 2, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Set-DatabaseAvailabilityGroup -Identity DAG01 -DatabaseAvailabilityGroupIpAddresses 0.0.0.0</code>
/// <para>Makes DAG01 take its address from DHCP (Microsoft Learn, Set-DatabaseAvailabilityGroup, Exchange 2010 example 3, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Set-DatabaseAvailabilityGroup -Identity DAG01 -DatabaseAvailabilityGroupIpAddresses 10.1.0.8</code>
/// <para>Gives DAG01 the static address 10.1.0.8 (Microsoft Learn, Set-DatabaseAvailabilityGroup, Exchange 2010 example 4, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Set-DatabaseAvailabilityGroup -Identity DAG01 -DatabaseAvailabilityGroupIpAddresses 10.1.0.8,10.2.0.8</code>
/// <para>Gives the multi-subnet DAG01 a static address in each subnet (Microsoft Learn, Set-DatabaseAvailabilityGroup, Exchange 2010 example 5, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Set-DatabaseAvailabilityGroup -Identity DAG01 -ReplicationPort 63132</code>
/// <para>Makes DAG01 replicate over TCP port 63132; the members' firewalls must then allow it (Microsoft Learn, Set-DatabaseAvailabilityGroup, Exchange 2010 example 6, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "DatabaseAvailabilityGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetDatabaseAvailabilityGroupCommand : CasDirectoryCmdlet
{
    /// <summary>The DAG: name or DN; or a DAG piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public DatabaseAvailabilityGroupIdParameter Identity { get; set; } = null!;

    /// <summary>Lets Outlook clients reach a database in another site through that site's RPC Client Access (msExchAllowCrossSiteRPCClientAccess; default off).</summary>
    [Parameter] public SwitchParameter AllowCrossSiteRpcClientAccess { get; set; }

    /// <summary>The alternate witness folder on the alternate witness server, such as C:\DAG01\FSW (msExchAlternateFileShareWitnessDirectory); $null clears it.</summary>
    [Parameter, AllowNull] public NonRootLocalLongFullPath? AlternateWitnessDirectory { get; set; }

    /// <summary>The alternate witness server, used after a datacenter switchover: a name or FQDN, not the witness server (msExchAlternateFileShareWitness, as \\server\DAG01.lab.local); $null clears it.</summary>
    [Parameter, AllowNull] public FileShareWitnessServerName? AlternateWitnessServer { get; set; }

    /// <summary>The DAG's IPv4 addresses, four decimal octets each; 0.0.0.0 asks for DHCP (msExchMDBAvailabilityGroupIPv4Addresses). Replaces the list.</summary>
    [Parameter, IPv4AddressTransformation("DatabaseAvailabilityGroupIpAddresses")] public IPAddress[] DatabaseAvailabilityGroupIpAddresses { get; set; } = [];

    /// <summary>Off or DagOnly: Datacenter Activation Coordination mode (msExchDatacenterActivationMode, 0 or 1; default Off).</summary>
    [Parameter] public DatacenterActivationModeOption DatacenterActivationMode { get; set; }

    /// <summary>Asks for the DAG networks to be discovered again (msExchMDBAvailabilityGroupNetworkSettings bit 16); -DiscoverNetworks:$false withdraws the request.</summary>
    [Parameter] public SwitchParameter DiscoverNetworks { get; set; }

    /// <summary>Disabled, Enabled, InterSubnetOnly (the default) or SeedOnly: compression of replication traffic (msExchMDBAvailabilityGroupNetworkSettings bits 0–1).</summary>
    [Parameter] public NetworkOption NetworkCompression { get; set; }

    /// <summary>Disabled, Enabled, InterSubnetOnly (the default) or SeedOnly: encryption of replication traffic (msExchMDBAvailabilityGroupNetworkSettings bits 2–3).</summary>
    [Parameter] public NetworkOption NetworkEncryption { get; set; }

    /// <summary>The TCP port replication listens on, 1 to 65535 (msExchMDBAvailabilityGroupReplicationPort; default 64327).</summary>
    [Parameter] public ushort ReplicationPort { get; set; }

    /// <summary>The witness folder on the witness server, such as C:\DAG01\FSW (msExchFileShareWitnessDirectory); $null clears it.</summary>
    [Parameter, AllowNull] public NonRootLocalLongFullPath? WitnessDirectory { get; set; }

    /// <summary>The witness server: a name or FQDN of a server outside the DAG (msExchFileShareWitness, kept as \\server\DAG01.lab.local); $null clears it.</summary>
    [Parameter, AllowNull] public FileShareWitnessServerName? WitnessServer { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var dag = ObjectLookup.DatabaseAvailabilityGroup(directory.ReadDatabaseAvailabilityGroups(directory.ReadServersAndArrays().Servers), Identity.RawIdentity);
        CurrentTarget = dag.Name;
        var changes = DatabaseAvailabilityGroupCommands.Plain(SettingsGiven(Settings.Set), dag, directory.Partition.Domain.Value).ToList();
        if (changes.Count == 0)
            throw new DomainRuleException("Give at least one setting to change, such as -WitnessServer or -DatacenterActivationMode.", isMalformedInput: true);
        DatabaseAvailabilityGroupCommands.CheckWitnesses(dag, changes);

        var detail = string.Join(", ", changes.Select(c => $"-{c.Definition.Name} {DatabaseAvailabilityGroupCommands.Show(c.Value)}"));
        var writing = Settings.ForWriting(changes);
        foreach (var change in writing.Where(c => c.Definition.Syntax is not FlagBitSyntax))
            change.Definition.Syntax.Write(change.Definition.Name, change.Value); // every value checked before the one write
        if (ShouldWrite($"Database availability group \"{dag.Name}\"", detail))
            directory.WriteSettings(dag.DistinguishedName, writing);
    }
}
