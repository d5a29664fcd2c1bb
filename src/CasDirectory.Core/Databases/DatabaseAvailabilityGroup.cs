namespace CasDirectory.Core.Databases;

/// <summary>A DAG; member servers link to it with msExchMDBAvailabilityGroupLink.</summary>
public sealed record DatabaseAvailabilityGroup(string Name, string DistinguishedName, IReadOnlyList<string> IPv4Addresses, IReadOnlyList<string> ServerNames)
{
    /// <summary>New-DatabaseAvailabilityGroup: the name becomes a cluster computer name, at most 15 characters.</summary>
    public const int MaximumNameLength = 15;
}
