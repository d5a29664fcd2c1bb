using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Values;

namespace CasDirectory.PowerShell.Objects;

/// <summary>What Get-ClientAccessServer writes: the server with its Autodiscover SCP settings and the settings Set-ClientAccessServer keeps on it.</summary>
public sealed class ClientAccessServer
{
    public required string Name { get; init; }
    public string? Fqdn { get; init; }
    public string? AutoDiscoverServiceInternalUri { get; init; }
    public string[] AutoDiscoverSiteScope { get; init; } = [];
    public bool OutlookAnywhereEnabled { get; init; }
    public bool IrmLogEnabled { get; init; }
    public EnhancedTimeSpan IrmLogMaxAge { get; init; }
    public Unlimited<ByteQuantifiedSize> IrmLogMaxDirectorySize { get; init; }
    public ByteQuantifiedSize IrmLogMaxFileSize { get; init; }
    public string? IrmLogPath { get; init; }
    public bool IsOutOfService { get; init; }
    /// <summary>The alternate service accounts' user names, with -IncludeAlternateServiceAccountCredentialStatus (or …Password); never a password.</summary>
    public MultiValuedProperty<string>? AlternateServiceAccountConfiguration { get; init; }
    public ADObjectId? Site { get; init; }
    public required ADObjectId Identity { get; init; }
    public required string DistinguishedName { get; init; }

    public static ClientAccessServer From(Core.Servers.ExchangeServer server, AutodiscoverScp? scp, bool outlookAnywhere, Core.Naming.ConfigurationPartition partition, bool includeAccounts = false) => new()
    {
        Name = server.Name,
        Fqdn = server.Fqdn,
        AutoDiscoverServiceInternalUri = scp?.InternalUri,
        AutoDiscoverSiteScope = scp?.SiteScope.ToArray() ?? [],
        OutlookAnywhereEnabled = outlookAnywhere,
        IrmLogEnabled = (bool)server.Setting(ClientAccessServerSettings.IrmLogEnabled)!,
        IrmLogMaxAge = (EnhancedTimeSpan)server.Setting(ClientAccessServerSettings.IrmLogMaxAge)!,
        IrmLogMaxDirectorySize = (Unlimited<ByteQuantifiedSize>)server.Setting(ClientAccessServerSettings.IrmLogMaxDirectorySize)!,
        IrmLogMaxFileSize = (ByteQuantifiedSize)server.Setting(ClientAccessServerSettings.IrmLogMaxFileSize)!,
        IrmLogPath = (string?)server.Setting(ClientAccessServerSettings.IrmLogPath),
        IsOutOfService = (bool)server.Setting(ClientAccessServerSettings.IsOutOfService)!,
        AlternateServiceAccountConfiguration = includeAccounts ? new MultiValuedProperty<string>(server.Stored.GetValueOrDefault(ClientAccessServerSettings.AlternateServiceAccount.Attribute, [])) : null,
        Site = server.SiteName is null ? null : ADObjectId.Site(server.SiteName, partition),
        Identity = new ADObjectId(server.Name, server.DistinguishedName),
        DistinguishedName = server.DistinguishedName,
    };
}
