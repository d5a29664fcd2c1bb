using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Values;
using S = CasDirectory.Core.ClientAccess.VirtualDirectorySettings;

namespace CasDirectory.PowerShell.Objects;

/// <summary>
/// What Get-OutlookAnywhere writes: the Rpc (Default Web Site) object, every setting read back from the directory.
/// ExternalHostname is stored as https://host/rpc; ClientAuthenticationMethod is msExchExternalAuthenticationMethods,
/// IISAuthenticationMethods msExchInternalAuthenticationMethods, SSLOffloading bit 1 of msExchRpcHttpFlags.
/// </summary>
public sealed class ADRpcHttpVirtualDirectory
{
    public required string ServerName { get; init; }
    public required string Name { get; init; }
    public string? ExternalHostname { get; init; }
    public ExtendedProtectionFlag[] ExtendedProtectionFlags { get; init; } = [];
    public string[] ExtendedProtectionSPNList { get; init; } = [];
    public ExtendedProtectionTokenCheckingMode ExtendedProtectionTokenChecking { get; init; }
    public AuthenticationMethod ClientAuthenticationMethod { get; init; }
    public AuthenticationMethod[] IISAuthenticationMethods { get; init; } = [];
    public bool SSLOffloading { get; init; }
    public string? XropUrl { get; init; }
    public required ADObjectId Server { get; init; }
    public required string Identity { get; init; }
    public required string DistinguishedName { get; init; }

    public static ADRpcHttpVirtualDirectory From(VirtualDirectory d) => new()
    {
        ServerName = d.ServerName,
        Name = d.Name,
        ExternalHostname = Uri.TryCreate(d.ExternalUrl, UriKind.Absolute, out var uri) ? uri.Host : d.ExternalUrl,
        ExtendedProtectionFlags = (ExtendedProtectionFlag[])Read(d, S.ExtendedProtectionFlags)!,
        ExtendedProtectionSPNList = (string[])Read(d, S.ExtendedProtectionSPNList)!,
        ExtendedProtectionTokenChecking = (ExtendedProtectionTokenCheckingMode)Read(d, S.ExtendedProtectionTokenChecking)!,
        ClientAuthenticationMethod = (AuthenticationMethod)Read(d, S.ClientAuthenticationMethod)!,
        IISAuthenticationMethods = (AuthenticationMethod[])Read(d, S.IISAuthenticationMethods)!,
        SSLOffloading = (bool)Read(d, S.SSLOffloading)!,
        XropUrl = (string?)Read(d, S.XropUrl),
        Server = new ADObjectId(d.ServerName, ""),
        Identity = d.Identity,
        DistinguishedName = d.DistinguishedName,
    };

    private static object? Read(VirtualDirectory d, Core.Settings.SettingDefinition definition) => d.Setting(definition);
}
