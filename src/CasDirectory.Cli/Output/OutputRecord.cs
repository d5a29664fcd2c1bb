namespace CasDirectory.Cli.Output;

/// <summary>
/// One object a cmdlet writes to the pipeline: its properties in the shell's order, the columns the
/// shell's default table shows, and the identity a following cmdlet binds to.
/// </summary>
public sealed record OutputRecord(string Identity, IReadOnlyList<string> DefaultColumns, IReadOnlyList<KeyValuePair<string, object?>> Properties)
{
    public object? this[string property] =>
        Properties.FirstOrDefault(p => string.Equals(p.Key, property, StringComparison.OrdinalIgnoreCase)).Value;

    public bool Has(string property) => Properties.Any(p => string.Equals(p.Key, property, StringComparison.OrdinalIgnoreCase));

    public static OutputRecord Create(string identity, string[] defaultColumns, params (string Name, object? Value)[] properties) =>
        new(identity, defaultColumns, properties.Select(p => KeyValuePair.Create(p.Name, p.Value)).ToList());
}
