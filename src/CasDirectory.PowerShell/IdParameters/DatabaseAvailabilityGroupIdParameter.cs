using CasDirectory.PowerShell.Objects;

namespace CasDirectory.PowerShell.IdParameters;

/// <summary>A DAG by name or DN, or a DAG piped in.</summary>
public sealed class DatabaseAvailabilityGroupIdParameter : IdParameter
{
    public DatabaseAvailabilityGroupIdParameter(string identity) : base(identity) { }
    public DatabaseAvailabilityGroupIdParameter(ADObjectId id) : base(id) { }
    public DatabaseAvailabilityGroupIdParameter(DatabaseAvailabilityGroup dag) : base(dag.DistinguishedName) { }
}
