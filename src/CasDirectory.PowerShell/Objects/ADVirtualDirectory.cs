using CasDirectory.Core.ClientAccess;

namespace CasDirectory.PowerShell.Objects;

/// <summary>An IIS virtual directory object as EMS writes it (ADOwaVirtualDirectory, …): Identity is SERVER\name (Default Web Site).</summary>
public abstract class ADVirtualDirectory
{
    public required string Name { get; init; }
    public required ADObjectId Server { get; init; }
    public string? InternalUrl { get; private set; }
    public string? ExternalUrl { get; private set; }
    public required string Identity { get; init; }
    public required string DistinguishedName { get; init; }

    public static ADVirtualDirectory From(VirtualDirectory directory) => directory.Kind.Noun switch
    {
        "OwaVirtualDirectory" => Fill(new ADOwaVirtualDirectory { Name = directory.Name, Server = ServerOf(directory), Identity = directory.Identity, DistinguishedName = directory.DistinguishedName }, directory),
        "EcpVirtualDirectory" => Fill(new ADEcpVirtualDirectory { Name = directory.Name, Server = ServerOf(directory), Identity = directory.Identity, DistinguishedName = directory.DistinguishedName }, directory),
        "WebServicesVirtualDirectory" => Fill(new ADWebServicesVirtualDirectory { Name = directory.Name, Server = ServerOf(directory), Identity = directory.Identity, DistinguishedName = directory.DistinguishedName }, directory),
        "OabVirtualDirectory" => Fill(new ADOabVirtualDirectory { Name = directory.Name, Server = ServerOf(directory), Identity = directory.Identity, DistinguishedName = directory.DistinguishedName }, directory),
        "AutodiscoverVirtualDirectory" => Fill(new ADAutodiscoverVirtualDirectory { Name = directory.Name, Server = ServerOf(directory), Identity = directory.Identity, DistinguishedName = directory.DistinguishedName }, directory),
        _ => throw new ArgumentException($"{directory.Kind.Noun} has no Get- cmdlet of its own.", nameof(directory)),
    };

    private static ADVirtualDirectory Fill(ADVirtualDirectory target, VirtualDirectory source)
    {
        target.InternalUrl = Url(source.InternalUrl);
        target.ExternalUrl = Url(source.ExternalUrl);
        return target;
    }

    private static ADObjectId ServerOf(VirtualDirectory directory) => new(directory.ServerName, "");

    private static string? Url(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

public sealed class ADOwaVirtualDirectory : ADVirtualDirectory;
public sealed class ADEcpVirtualDirectory : ADVirtualDirectory;
public sealed class ADWebServicesVirtualDirectory : ADVirtualDirectory;
public sealed class ADOabVirtualDirectory : ADVirtualDirectory;
public sealed class ADAutodiscoverVirtualDirectory : ADVirtualDirectory;
