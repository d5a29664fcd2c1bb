using CasDirectory.Core.Naming;
using CasDirectory.Core.Servers;
using CasDirectory.Core.Values;

namespace CasDirectory.PowerShell.Objects;

/// <summary>What Get-ExchangeServer writes, with EMS's property names and types.</summary>
public sealed class ExchangeServer
{
    public required string Name { get; init; }
    public string? Fqdn { get; init; }
    public ADObjectId? Site { get; init; }
    public ServerRoles ServerRole { get; init; }
    public string? Edition { get; init; }
    public AdminDisplayVersion? AdminDisplayVersion { get; init; }
    public bool IsClientAccessServer { get; init; }
    public bool IsMailboxServer { get; init; }
    public bool IsHubTransportServer { get; init; }
    public bool IsUnifiedMessagingServer { get; init; }
    public bool IsEdgeServer { get; init; }
    public bool IsExchange2007OrLater { get; init; }
    public bool IsE14OrLater { get; init; }
    /// <summary>The machine's addresses (our stand-in for its network configuration; the site follows them).</summary>
    public string[] IPAddress { get; init; } = [];
    public string? ExchangeLegacyDN { get; init; }
    public ADObjectId? DatabaseAvailabilityGroup { get; init; }
    public required ADObjectId Identity { get; init; }
    public required string DistinguishedName { get; init; }
    public Guid? Guid { get; init; }
    public bool? CustomerFeedbackEnabled { get; init; }
    public bool? ErrorReportingEnabled { get; init; }
    public Uri? InternetWebProxy { get; init; }
    public string? StaticConfigDomainController { get; init; }
    public MultiValuedProperty<string> StaticDomainControllers { get; init; } = MultiValuedProperty<string>.Empty;
    public MultiValuedProperty<string> StaticExcludedDomainControllers { get; init; } = MultiValuedProperty<string>.Empty;
    public MultiValuedProperty<string> StaticGlobalCatalogs { get; init; } = MultiValuedProperty<string>.Empty;

    public static ExchangeServer From(Core.Servers.ExchangeServer server, ConfigurationPartition partition) => new()
    {
        Name = server.Name,
        Fqdn = server.Fqdn,
        Site = server.SiteName is null ? null : ADObjectId.Site(server.SiteName, partition),
        ServerRole = server.Roles,
        Edition = server.Edition,
        AdminDisplayVersion = server.Version is null ? null : new AdminDisplayVersion(server.Version),
        IsClientAccessServer = server.HasRole(ServerRoles.ClientAccess),
        IsMailboxServer = server.HasRole(ServerRoles.Mailbox),
        IsHubTransportServer = server.HasRole(ServerRoles.HubTransport),
        IsUnifiedMessagingServer = server.HasRole(ServerRoles.UnifiedMessaging),
        IsEdgeServer = server.HasRole(ServerRoles.Edge),
        IsExchange2007OrLater = server.Version?.Major >= 8,
        IsE14OrLater = server.Version?.Major >= 14,
        IPAddress = server.IPAddresses.Select(a => a.ToString()).ToArray(),
        ExchangeLegacyDN = server.LegacyExchangeDN,
        DatabaseAvailabilityGroup = server.DatabaseAvailabilityGroupName is { } dag ? new ADObjectId(dag, $"CN={LdapEscaping.DnValue(dag)},{partition.DatabaseAvailabilityGroupsDn}") : null,
        Identity = new ADObjectId(server.Name, server.DistinguishedName),
        DistinguishedName = server.DistinguishedName,
        Guid = ParseGuid(server.Guid),
        CustomerFeedbackEnabled = (bool?)server.Setting(ExchangeServerSettings.CustomerFeedbackEnabled),
        ErrorReportingEnabled = (bool?)server.Setting(ExchangeServerSettings.ErrorReportingEnabled),
        InternetWebProxy = server.Setting(ExchangeServerSettings.InternetWebProxy) is string proxy && Uri.TryCreate(proxy, UriKind.Absolute, out var uri) ? uri : null,
        StaticConfigDomainController = (string?)server.Setting(ExchangeServerSettings.StaticConfigDomainController),
        StaticDomainControllers = (MultiValuedProperty<string>)server.Setting(ExchangeServerSettings.StaticDomainControllers)!,
        StaticExcludedDomainControllers = (MultiValuedProperty<string>)server.Setting(ExchangeServerSettings.StaticExcludedDomainControllers)!,
        StaticGlobalCatalogs = (MultiValuedProperty<string>)server.Setting(ExchangeServerSettings.StaticGlobalCatalogs)!,
    };

    internal static Guid? ParseGuid(string? value) => System.Guid.TryParse(value, out var guid) ? guid : null;
}
