using System.Net;
using CasDirectory.Core.Databases;
using Settings = CasDirectory.Core.Databases.DatabaseAvailabilityGroupSettings;

namespace CasDirectory.PowerShell.Objects;

/// <summary>
/// What Get-DatabaseAvailabilityGroup writes: the DAG's members and its settings as Exchange 2010 shows them, read
/// from the attributes Exchange keeps them in (docs/settings.md). Cluster state (OperationalServers,
/// PrimaryActiveManager) lives in the cluster, not the directory: it stays $null, as EMS shows it without -Status.
/// </summary>
public sealed class DatabaseAvailabilityGroup
{
    public required string Name { get; init; }
    public ADObjectId[] Servers { get; init; } = [];
    public string? WitnessServer { get; init; }
    public string? WitnessDirectory { get; init; }
    public string? AlternateWitnessServer { get; init; }
    public string? AlternateWitnessDirectory { get; init; }
    public NetworkOption NetworkCompression { get; init; }
    public NetworkOption NetworkEncryption { get; init; }
    public bool DiscoverNetworks { get; init; }
    public DatacenterActivationModeOption DatacenterActivationMode { get; init; }
    public ThirdPartyReplicationMode ThirdPartyReplication { get; init; }
    public ushort ReplicationPort { get; init; }
    public bool AllowCrossSiteRpcClientAccess { get; init; }
    public IPAddress[] DatabaseAvailabilityGroupIpAddresses { get; init; } = [];
    public ADObjectId[]? OperationalServers { get; init; }
    public ADObjectId? PrimaryActiveManager { get; init; }
    public required ADObjectId Identity { get; init; }
    public required string DistinguishedName { get; init; }

    public static DatabaseAvailabilityGroup From(Core.Databases.DatabaseAvailabilityGroup dag) => new()
    {
        Name = dag.Name,
        Servers = dag.ServerNames.Select(n => new ADObjectId(n, "")).ToArray(),
        WitnessServer = (string?)dag.Setting(Settings.WitnessServer),
        WitnessDirectory = (string?)dag.Setting(Settings.WitnessDirectory),
        AlternateWitnessServer = (string?)dag.Setting(Settings.AlternateWitnessServer),
        AlternateWitnessDirectory = (string?)dag.Setting(Settings.AlternateWitnessDirectory),
        NetworkCompression = (NetworkOption)dag.Setting(Settings.NetworkCompression)!,
        NetworkEncryption = (NetworkOption)dag.Setting(Settings.NetworkEncryption)!,
        DiscoverNetworks = (bool)dag.Setting(Settings.DiscoverNetworks)!,
        DatacenterActivationMode = (DatacenterActivationModeOption)dag.Setting(Settings.DatacenterActivationMode)!,
        ThirdPartyReplication = (ThirdPartyReplicationMode)dag.Setting(Settings.ThirdPartyReplication)!,
        ReplicationPort = (ushort)dag.Setting(Settings.ReplicationPort)!,
        AllowCrossSiteRpcClientAccess = (bool)dag.Setting(Settings.AllowCrossSiteRpcClientAccess)!,
        DatabaseAvailabilityGroupIpAddresses = dag.IPv4Addresses.Select(a => IPAddress.TryParse(a, out var ip) ? ip : null).OfType<IPAddress>().ToArray(),
        Identity = new ADObjectId(dag.Name, dag.DistinguishedName),
        DistinguishedName = dag.DistinguishedName,
    };
}
