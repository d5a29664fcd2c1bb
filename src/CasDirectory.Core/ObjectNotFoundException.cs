namespace CasDirectory.Core;

/// <summary>
/// An identity names no object of the kind asked for (EMS: ManagementObjectNotFoundException). The message writes an
/// invisible or control character of the identity as \uXXXX, so a look-alike of an existing name shows as one. The
/// core says what was not found; a shell adds where to look (the cmdlet that lists that kind).
/// </summary>
public sealed class ObjectNotFoundException(string kind, string identity, string? detail = null)
    : DomainRuleException($"The {kind} '{Naming.ObjectName.Shown(identity)}' was not found.{(detail is null ? "" : " " + detail)}")
{
    public string Kind { get; } = kind;
    public string Identity { get; } = identity;
}
