namespace CasDirectory.Ldap.Errors;

/// <summary>
/// Every failure the directory layer reports: the CLI, the module and the service see these, never
/// System.DirectoryServices.Protocols' types. <see cref="IsTransient"/> says whether the same request may
/// succeed later unchanged (the directory was unreachable or busy); <see cref="Reason"/> is slapd's own text.
/// </summary>
public abstract class DirectoryException(string message, Exception? inner = null) : Exception(message, inner)
{
    public abstract bool IsTransient { get; }
    public string? Reason { get; init; }
    public string? DistinguishedName { get; init; }
}

/// <summary>The directory could not be reached, stopped answering, or did not answer in time.</summary>
public sealed class DirectoryUnavailableException(string message, Exception? inner = null) : DirectoryException(message, inner)
{
    public override bool IsTransient => true;
}

/// <summary>The directory answered and refused: a rule (constraint, uniqueness, casdir-guard), access, or its own state (disk).</summary>
public sealed class DirectoryRefusedException(DirectoryResult result, string message, Exception? inner = null) : DirectoryException(message, inner)
{
    public DirectoryResult Result { get; } = result;
    public override bool IsTransient => Result is DirectoryResult.Busy or DirectoryResult.Unavailable;
}

/// <summary>An entry a write would create is already there with other values: a rerun met something it did not write.</summary>
public sealed class DirectoryEntryDiffersException(string dn, string attribute, IReadOnlyList<string> found, IReadOnlyList<string> wanted)
    : DirectoryException($"{dn} already exists with {attribute}: {Show(found)}, not {Show(wanted)}; casdir does not overwrite what it did not write. Remove it or change the command.")
{
    public override bool IsTransient => false;
    public string Attribute { get; } = attribute;

    private static string Show(IReadOnlyList<string> values) => values.Count == 0 ? "(none)" : string.Join(", ", values);
}
