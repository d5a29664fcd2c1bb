using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Removes a database availability group that has no member servers; asks unless -Confirm:$false.</para>
/// <para type="description">As in Exchange 2010, a DAG that still has members is refused: remove them first with Remove-DatabaseAvailabilityGroupServer. The DAG entry is deleted in one LDAP delete.</para>
/// </summary>
/// <example>
/// <code>Remove-DatabaseAvailabilityGroup DAG01 -Confirm:$false</code>
/// <para>Removes the empty DAG01 (Microsoft Learn, Remove-DatabaseAvailabilityGroup, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "DatabaseAvailabilityGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
public sealed class RemoveDatabaseAvailabilityGroupCommand : CasDirectoryCmdlet
{
    /// <summary>The DAG to remove: name or DN; or DAGs piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public DatabaseAvailabilityGroupIdParameter Identity { get; set; } = null!;

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var dag = ObjectLookup.DatabaseAvailabilityGroup(directory.ReadDatabaseAvailabilityGroups(directory.ReadServersAndArrays().Servers), Identity.RawIdentity);
        CurrentTarget = dag.Name;
        if (dag.ServerNames.Count > 0)
            throw new DomainRuleException($"DAG '{dag.Name}' still has member servers ({string.Join(", ", dag.ServerNames)}); remove them with Remove-DatabaseAvailabilityGroupServer first.");
        if (ShouldWrite($"Database availability group \"{dag.Name}\""))
            directory.RemoveDatabaseAvailabilityGroup(dag);
    }
}
