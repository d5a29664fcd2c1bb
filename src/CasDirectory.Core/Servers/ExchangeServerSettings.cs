using CasDirectory.Core.Settings;

namespace CasDirectory.Core.Servers;

/// <summary>
/// The settings Set-ExchangeServer writes and Get-ExchangeServer reads back, each in one attribute of the server's
/// msExchExchangeServer entry (docs/settings.md).
/// <para>Where the names come from: msExchCustomerFeedbackEnabled and msExchInternetWebProxy are Exchange 2010's
/// (ServerSchema). ErrorReportingEnabled and the Static* domain controller lists are kept by Exchange in the server's
/// registry, not in AD (they have no attribute); casdir keeps them in its own attributes casdirErrorReportingEnabled and
/// casdirStatic*, under its own arc (CasDirAttr:163-167). -ProductKey is not a stored setting (see
/// Set-ExchangeServer): the key itself is never kept.</para>
/// </summary>
public static class ExchangeServerSettings
{
    /// <summary>CustomerFeedbackEnabled: msExchCustomerFeedbackEnabled (Exchange); unset is $null.</summary>
    public static readonly SettingDefinition CustomerFeedbackEnabled = new("CustomerFeedbackEnabled", "msExchCustomerFeedbackEnabled", new NullableBooleanSyntax());
    /// <summary>ErrorReportingEnabled: casdirErrorReportingEnabled (ours; Exchange keeps it in the registry); unset is $null.</summary>
    public static readonly SettingDefinition ErrorReportingEnabled = new("ErrorReportingEnabled", "casdirErrorReportingEnabled", new NullableBooleanSyntax());
    /// <summary>InternetWebProxy: msExchInternetWebProxy (Exchange), an absolute URL.</summary>
    public static readonly SettingDefinition InternetWebProxy = new("InternetWebProxy", "msExchInternetWebProxy", new UriSyntax());
    /// <summary>StaticConfigDomainController: casdirStaticConfigDomainController (ours).</summary>
    public static readonly SettingDefinition StaticConfigDomainController = new("StaticConfigDomainController", "casdirStaticConfigDomainController", new HostNameSyntax());
    /// <summary>StaticDomainControllers: casdirStaticDomainControllers (ours).</summary>
    public static readonly SettingDefinition StaticDomainControllers = new("StaticDomainControllers", "casdirStaticDomainControllers", new HostNamesSyntax());
    /// <summary>StaticExcludedDomainControllers: casdirStaticExcludedDomainControllers (ours).</summary>
    public static readonly SettingDefinition StaticExcludedDomainControllers = new("StaticExcludedDomainControllers", "casdirStaticExcludedDomainControllers", new HostNamesSyntax());
    /// <summary>StaticGlobalCatalogs: casdirStaticGlobalCatalogs (ours).</summary>
    public static readonly SettingDefinition StaticGlobalCatalogs = new("StaticGlobalCatalogs", "casdirStaticGlobalCatalogs", new HostNamesSyntax());

    public static readonly IReadOnlyList<SettingDefinition> All =
    [
        CustomerFeedbackEnabled, ErrorReportingEnabled, InternetWebProxy, StaticConfigDomainController, StaticDomainControllers,
        StaticExcludedDomainControllers, StaticGlobalCatalogs,
    ];

    /// <summary>Every attribute the server settings (these and the Client Access server's) are kept in: what the server read asks for.</summary>
    public static IReadOnlyList<string> Attributes { get; } =
        [.. All.Select(d => d.Attribute).Concat(ClientAccess.ClientAccessServerSettings.Attributes).Distinct(StringComparer.OrdinalIgnoreCase)];
}
