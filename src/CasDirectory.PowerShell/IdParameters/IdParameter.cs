using CasDirectory.PowerShell.Objects;

namespace CasDirectory.PowerShell.IdParameters;

/// <summary>
/// An -Identity value as EMS's *IdParameter types take it: a name, DN, FQDN, legacyExchangeDN or GUID typed by
/// the user, or an object piped in from a Get- cmdlet (then its DN, so it names exactly that object).
/// </summary>
public abstract class IdParameter
{
    protected IdParameter(string identity)
    {
        if (string.IsNullOrWhiteSpace(identity))
            throw new ArgumentException("An identity cannot be empty.");
        RawIdentity = identity;
    }

    protected IdParameter(ADObjectId id) : this(id.DistinguishedName is { Length: > 0 } dn ? dn : id.Name)
    {
    }

    public string RawIdentity { get; }

    public override string ToString() => RawIdentity;
}
