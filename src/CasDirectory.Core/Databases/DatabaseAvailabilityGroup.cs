namespace CasDirectory.Core.Databases;

/// <summary>A DAG; member servers link to it with msExchMDBAvailabilityGroupLink.</summary>
public sealed record DatabaseAvailabilityGroup(string Name, string DistinguishedName, IReadOnlyList<string> IPv4Addresses, IReadOnlyList<string> ServerNames)
{
    /// <summary>New-DatabaseAvailabilityGroup: the name becomes a cluster computer name, at most 15 characters.</summary>
    public const int MaximumNameLength = 15;

    /// <summary>The stored values of the DAG's settings (<see cref="DatabaseAvailabilityGroupSettings"/>), by attribute.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Stored { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>A setting's value as the shell shows it (Exchange's default where unset).</summary>
    public object? Setting(Settings.SettingDefinition definition) => definition.Read(Stored.GetValueOrDefault(definition.Attribute, []));

    /// <summary>The raw stored value of an attribute (the witness share's UNC path), or null.</summary>
    public string? StoredValue(string attribute) => Stored.GetValueOrDefault(attribute, []) is { Count: > 0 } values ? values[0] : null;
}
