using CasDirectory.PowerShell.Objects;

namespace CasDirectory.PowerShell.IdParameters;

/// <summary>EMS's ClientAccessServerIdParameter: a Client Access server by name, FQDN, DN or GUID, or a server piped in.</summary>
public sealed class ClientAccessServerIdParameter : IdParameter
{
    public ClientAccessServerIdParameter(string identity) : base(identity) { }
    public ClientAccessServerIdParameter(ADObjectId id) : base(id) { }
    public ClientAccessServerIdParameter(ExchangeServer server) : base(server.DistinguishedName) { }
    public ClientAccessServerIdParameter(ClientAccessServer server) : base(server.DistinguishedName) { }
}
