using CasDirectory.PowerShell.Objects;

namespace CasDirectory.PowerShell.IdParameters;

/// <summary>A server by name, FQDN, DN or legacyExchangeDN, or a server or Client Access server piped in.</summary>
public sealed class ServerIdParameter : IdParameter
{
    public ServerIdParameter(string identity) : base(identity) { }
    public ServerIdParameter(ADObjectId id) : base(id) { }
    public ServerIdParameter(ExchangeServer server) : base(server.DistinguishedName) { }
    public ServerIdParameter(ClientAccessServer server) : base(server.DistinguishedName) { }
}
