namespace CasDirectory.PowerShell.Objects;

/// <summary>What Get-ClientAccessServer writes: the server with its Autodiscover SCP settings.</summary>
public sealed class ClientAccessServer
{
    public required string Name { get; init; }
    public string? Fqdn { get; init; }
    public string? AutoDiscoverServiceInternalUri { get; init; }
    public string[] AutoDiscoverSiteScope { get; init; } = [];
    public bool OutlookAnywhereEnabled { get; init; }
    public ADObjectId? Site { get; init; }
    public required ADObjectId Identity { get; init; }
    public required string DistinguishedName { get; init; }

    public static ClientAccessServer From(Core.Servers.ExchangeServer server, Core.ClientAccess.AutodiscoverScp? scp, bool outlookAnywhere, Core.Naming.ConfigurationPartition partition) => new()
    {
        Name = server.Name,
        Fqdn = server.Fqdn,
        AutoDiscoverServiceInternalUri = scp?.InternalUri,
        AutoDiscoverSiteScope = scp?.SiteScope.ToArray() ?? [],
        OutlookAnywhereEnabled = outlookAnywhere,
        Site = server.SiteName is null ? null : ADObjectId.Site(server.SiteName, partition),
        Identity = new ADObjectId(server.Name, server.DistinguishedName),
        DistinguishedName = server.DistinguishedName,
    };
}
