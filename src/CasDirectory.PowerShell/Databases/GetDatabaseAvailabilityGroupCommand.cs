using System.Management.Automation;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Lists database availability groups and their member servers.</para>
/// </summary>
/// <example>
/// <code>Get-DatabaseAvailabilityGroup | fl Name,Servers</code>
/// <para>Lists the DAGs and their member servers.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "DatabaseAvailabilityGroup")]
[OutputType(typeof(Objects.DatabaseAvailabilityGroup))]
public sealed class GetDatabaseAvailabilityGroupCommand : CasDirectoryCmdlet
{
    /// <summary>The DAG: name or DN.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public DatabaseAvailabilityGroupIdParameter? Identity { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = Directory;
        var dags = directory.ReadDatabaseAvailabilityGroups(directory.ReadServersAndArrays().Servers);
        var selected = Identity is null ? dags : [ObjectLookup.DatabaseAvailabilityGroup(dags, Identity.RawIdentity)];
        foreach (var dag in selected.ToList()) // a snapshot: a Remove- downstream changes the cached list
            WriteObject(Objects.DatabaseAvailabilityGroup.From(dag));
    }
}
