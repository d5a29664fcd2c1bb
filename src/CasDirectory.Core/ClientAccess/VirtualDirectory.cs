namespace CasDirectory.Core.ClientAccess;

/// <summary>An IIS virtual directory object, named "&lt;name&gt; (Default Web Site)" under the server's CN=HTTP.</summary>
public sealed record VirtualDirectory(VirtualDirectoryKind Kind, string ServerName, string Name, string DistinguishedName, string? InternalUrl, string? ExternalUrl)
{
    public const string WebSite = "Default Web Site";
    public string Identity => $@"{ServerName}\{Name}";

    /// <summary>The values of the settings' attributes as read (VirtualDirectorySettings.Attributes), by attribute name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Stored { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>A setting's value as read, Exchange's default when unset.</summary>
    public object? Setting(Settings.SettingDefinition definition) => definition.Read(Stored.GetValueOrDefault(definition.Attribute, []));
}

/// <summary>The virtual directories Exchange 2010 setup creates, with their class, name and default path.</summary>
public sealed record VirtualDirectoryKind(string Noun, string ObjectClass, string DirectoryName, string? Path, bool OnlyExchange2010)
{
    public static readonly VirtualDirectoryKind Owa = new("OwaVirtualDirectory", "msExchOWAVirtualDirectory", "owa", "/owa", false);
    public static readonly VirtualDirectoryKind Ecp = new("EcpVirtualDirectory", "msExchECPVirtualDirectory", "ecp", "/ecp", true);
    public static readonly VirtualDirectoryKind WebServices = new("WebServicesVirtualDirectory", "msExchWebServicesVirtualDirectory", "EWS", "/EWS/Exchange.asmx", false);
    public static readonly VirtualDirectoryKind Oab = new("OabVirtualDirectory", "msExchOABVirtualDirectory", "OAB", "/OAB", false);
    public static readonly VirtualDirectoryKind Autodiscover = new("AutodiscoverVirtualDirectory", "msExchAutoDiscoverVirtualDirectory", "Autodiscover", "/Autodiscover/Autodiscover.xml", false);
    public static readonly VirtualDirectoryKind ActiveSync = new("ActiveSyncVirtualDirectory", "msExchMobileVirtualDirectory", "Microsoft-Server-ActiveSync", "/Microsoft-Server-ActiveSync", false);
    public static readonly VirtualDirectoryKind PowerShell = new("PowerShellVirtualDirectory", "msExchPowerShellVirtualDirectory", "PowerShell", "/PowerShell", true);
    public static readonly VirtualDirectoryKind OutlookAnywhere = new("OutlookAnywhere", "msExchRpcHttpVirtualDirectory", "Rpc", "/rpc", true);

    /// <summary>What setup creates on a Client Access server (Outlook Anywhere comes with Enable-OutlookAnywhere).</summary>
    public static IReadOnlyList<VirtualDirectoryKind> Defaults { get; } = [Owa, Ecp, WebServices, Oab, Autodiscover, ActiveSync, PowerShell];

    /// <summary>The kinds with Get-/Set- verbs for -InternalUrl / -ExternalUrl.</summary>
    public static IReadOnlyList<VirtualDirectoryKind> WithUrlVerbs { get; } = [Owa, Ecp, WebServices, Oab, Autodiscover];

    public static IReadOnlyList<VirtualDirectoryKind> All { get; } = [.. Defaults, OutlookAnywhere];
}
