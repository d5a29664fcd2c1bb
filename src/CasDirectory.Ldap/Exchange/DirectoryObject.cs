namespace CasDirectory.Ldap.Exchange;

/// <summary>One entry as a search returned it: its DN and the values of the attributes asked for (text, or bytes for a
/// binary value such as objectGUID), for cmdlets that show attributes by name (the ActiveDirectory module's -Properties).</summary>
public sealed record DirectoryObject(string Dn, IReadOnlyDictionary<string, IReadOnlyList<object>> Attributes)
{
    public string? One(string attribute) =>
        Attributes.TryGetValue(attribute, out var values) ? values.FirstOrDefault() as string : null;
}
