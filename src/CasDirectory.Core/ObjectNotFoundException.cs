namespace CasDirectory.Core;

/// <summary>
/// An identity names no object of the kind asked for (EMS: ManagementObjectNotFoundException). The message writes an
/// invisible or control character of the identity as \uXXXX, so a look-alike of an existing name shows as one.
/// </summary>
public sealed class ObjectNotFoundException(string kind, string identity, string listCommand)
    : DomainRuleException($"The {kind} '{Naming.ObjectName.Shown(identity)}' was not found. {listCommand} lists them.")
{
    public string Kind { get; } = kind;
    public string Identity { get; } = identity;
}
