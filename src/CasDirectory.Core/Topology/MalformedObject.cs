namespace CasDirectory.Core.Topology;

/// <summary>
/// An entry casdir could not read as what it should be (a subnet whose name is no CIDR, a server whose serialNumber
/// is no version), written by someone the directory's rules do not bind (the rootdn) or by an older tool. Reads keep
/// going without it (or without that value), verbs warn once, Test-CasTopology reports it.
/// </summary>
public sealed record MalformedObject(string DistinguishedName, string Attribute, string? Value, string Why)
{
    public string Name => Naming.DistinguishedNames.FirstValue(DistinguishedName);

    public override string ToString() => $"{DistinguishedName}: {Attribute} {(Value is null ? "is missing" : $"'{Value}'")}: {Why}";
}
