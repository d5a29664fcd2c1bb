using CasDirectory.Core.ClientAccess;

namespace CasDirectory.PowerShell.Objects;

/// <summary>What Get-OutlookAnywhere writes: the Rpc (Default Web Site) object; ExternalHostname is stored as https://host/rpc.</summary>
public sealed class ADRpcHttpVirtualDirectory
{
    public required string ServerName { get; init; }
    public required string Name { get; init; }
    public string? ExternalHostname { get; init; }
    public required ADObjectId Server { get; init; }
    public required string Identity { get; init; }
    public required string DistinguishedName { get; init; }

    public static ADRpcHttpVirtualDirectory From(VirtualDirectory directory) => new()
    {
        ServerName = directory.ServerName,
        Name = directory.Name,
        ExternalHostname = Uri.TryCreate(directory.ExternalUrl, UriKind.Absolute, out var uri) ? uri.Host : directory.ExternalUrl,
        Server = new ADObjectId(directory.ServerName, ""),
        Identity = directory.Identity,
        DistinguishedName = directory.DistinguishedName,
    };
}
