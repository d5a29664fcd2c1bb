namespace CasDirectory.Core;

/// <summary>An identity names no object of the kind asked for (EMS: ManagementObjectNotFoundException).</summary>
public sealed class ObjectNotFoundException(string kind, string identity, string listCommand)
    : DomainRuleException($"The {kind} '{identity}' was not found. {listCommand} lists them.")
{
    public string Kind { get; } = kind;
    public string Identity { get; } = identity;
}
