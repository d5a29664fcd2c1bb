using CasDirectory.PowerShell.Objects;

namespace CasDirectory.PowerShell.IdParameters;

/// <summary>What -RpcClientAccessServer takes: a Client Access array or an Exchange 2010 Client Access server, by name, FQDN, DN or legacyExchangeDN (D2).</summary>
public sealed class ClientAccessServerOrArrayIdParameter : IdParameter
{
    public ClientAccessServerOrArrayIdParameter(string identity) : base(identity) { }
    public ClientAccessServerOrArrayIdParameter(ADObjectId id) : base(id) { }
    public ClientAccessServerOrArrayIdParameter(ClientAccessArray array) : base(array.DistinguishedName) { }
    public ClientAccessServerOrArrayIdParameter(ExchangeServer server) : base(server.DistinguishedName) { }
}
