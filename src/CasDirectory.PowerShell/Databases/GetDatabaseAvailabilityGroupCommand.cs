using System.Management.Automation;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Lists database availability groups, their member servers and their settings.</para>
/// <para type="description">Everything shown is what the directory keeps: members (servers whose msExchMDBAvailabilityGroupLink names the DAG), the witness and alternate witness, addresses, datacenter activation mode, network options and replication port (docs/settings.md). The directory has no cluster: -Status is accepted so scripts run as written, and the cluster's state (OperationalServers, PrimaryActiveManager) stays $null.</para>
/// </summary>
/// <example>
/// <code>Get-DatabaseAvailabilityGroup | fl Name,Servers</code>
/// <para>Lists the DAGs and their member servers.</para>
/// </example>
/// <example>
/// <code>Get-DatabaseAvailabilityGroup DAG01 -Status | fl Name,WitnessServer,WitnessDirectory,DatacenterActivationMode</code>
/// <para>Shows DAG01's witness and activation mode (Microsoft Learn, Get-DatabaseAvailabilityGroup, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-DatabaseAvailabilityGroup DAG01 -Status | fl</code>
/// <para>Shows DAG01 and its members as a list; -Status asks for the cluster's state (Microsoft Learn, Get-DatabaseAvailabilityGroup, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-DatabaseAvailabilityGroup DAG01 | Format-List</code>
/// <para>Shows the properties of DAG01 as a list (Microsoft Learn, Get-DatabaseAvailabilityGroup, example 1, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "DatabaseAvailabilityGroup")]
[OutputType(typeof(Objects.DatabaseAvailabilityGroup))]
public sealed class GetDatabaseAvailabilityGroupCommand : CasDirectoryCmdlet
{
    /// <summary>The DAG: name or DN.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public DatabaseAvailabilityGroupIdParameter? Identity { get; set; }

    /// <summary>Accepted as EMS takes it; the directory has no cluster state, so OperationalServers and PrimaryActiveManager stay $null.</summary>
    [Parameter]
    public SwitchParameter Status { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var dags = directory.ReadDatabaseAvailabilityGroups(directory.ReadServersAndArrays().Servers);
        var selected = Identity is null ? dags : [ObjectLookup.DatabaseAvailabilityGroup(dags, Identity.RawIdentity)];
        foreach (var dag in selected.ToList()) // a snapshot: a Remove- downstream changes the cached list
            WriteObject(Objects.DatabaseAvailabilityGroup.From(dag));
    }
}
