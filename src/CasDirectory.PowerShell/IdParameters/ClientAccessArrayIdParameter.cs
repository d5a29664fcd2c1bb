using CasDirectory.PowerShell.Objects;

namespace CasDirectory.PowerShell.IdParameters;

/// <summary>An array by name, FQDN, DN, legacyExchangeDN or GUID, or an array piped in (A5).</summary>
public sealed class ClientAccessArrayIdParameter : IdParameter
{
    public ClientAccessArrayIdParameter(string identity) : base(identity) { }
    public ClientAccessArrayIdParameter(ADObjectId id) : base(id) { }
    public ClientAccessArrayIdParameter(ClientAccessArray array) : base(array.DistinguishedName) { }
}
