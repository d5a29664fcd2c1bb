using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Settings;
using CasDirectory.Core.Values;
using S = CasDirectory.Core.ClientAccess.VirtualDirectorySettings;

namespace CasDirectory.PowerShell.Objects;

/// <summary>
/// An IIS virtual directory object as EMS writes it (ADOwaVirtualDirectory, …): Identity is SERVER\name (Default Web Site),
/// and every setting the Set- cmdlet writes is read back from the directory (VirtualDirectorySettings), with Exchange's
/// default when unset. The URLs are strings here (EMS shows them as Uri), so scripts and JSON get them as typed.
/// </summary>
public abstract class ADVirtualDirectory
{
    public required string Name { get; init; }
    public required ADObjectId Server { get; init; }
    public string? InternalUrl { get; private set; }
    public string? ExternalUrl { get; private set; }
    public AuthenticationMethod[] InternalAuthenticationMethods { get; private set; } = [];
    public AuthenticationMethod[] ExternalAuthenticationMethods { get; private set; } = [];
    public bool BasicAuthentication { get; private set; }
    public bool DigestAuthentication { get; private set; }
    public bool FormsAuthentication { get; private set; }
    public bool WindowsAuthentication { get; private set; }
    public bool LiveIdAuthentication { get; private set; }
    public bool LiveIdBasicAuthentication { get; private set; }
    public bool WSSecurityAuthentication { get; private set; }
    public bool CertificateAuthentication { get; private set; }
    public bool LiveIdSpNegoAuthentication { get; private set; }
    public ExtendedProtectionFlag[] ExtendedProtectionFlags { get; private set; } = [];
    public string[] ExtendedProtectionSPNList { get; private set; } = [];
    public ExtendedProtectionTokenCheckingMode ExtendedProtectionTokenChecking { get; private set; }
    public required string Identity { get; init; }
    public required string DistinguishedName { get; init; }

    public static ADVirtualDirectory From(VirtualDirectory directory) => directory.Kind.Noun switch
    {
        "OwaVirtualDirectory" => Fill(ADOwaVirtualDirectory.Read(directory), directory),
        "EcpVirtualDirectory" => Fill(ADEcpVirtualDirectory.Read(directory), directory),
        "WebServicesVirtualDirectory" => Fill(ADWebServicesVirtualDirectory.Read(directory), directory),
        "OabVirtualDirectory" => Fill(ADOabVirtualDirectory.Read(directory), directory),
        "AutodiscoverVirtualDirectory" => Fill(new ADAutodiscoverVirtualDirectory { Name = directory.Name, Server = ServerOf(directory), Identity = directory.Identity, DistinguishedName = directory.DistinguishedName }, directory),
        _ => throw new ArgumentException($"{directory.Kind.Noun} has no Get- cmdlet of its own.", nameof(directory)),
    };

    private static ADVirtualDirectory Fill(ADVirtualDirectory target, VirtualDirectory d)
    {
        target.InternalUrl = Url((string?)Read(d, S.InternalUrl));
        target.ExternalUrl = Url((string?)Read(d, S.ExternalUrl));
        target.InternalAuthenticationMethods = (AuthenticationMethod[])Read(d, S.InternalAuthenticationMethods)!;
        target.ExternalAuthenticationMethods = (AuthenticationMethod[])Read(d, S.ExternalAuthenticationMethods)!;
        target.BasicAuthentication = (bool)Read(d, S.BasicAuthentication)!;
        target.DigestAuthentication = (bool)Read(d, S.DigestAuthentication)!;
        target.FormsAuthentication = (bool)Read(d, S.FormsAuthentication)!;
        target.WindowsAuthentication = (bool)Read(d, S.WindowsAuthentication)!;
        target.LiveIdAuthentication = (bool)Read(d, S.LiveIdAuthentication)!;
        target.LiveIdBasicAuthentication = (bool)Read(d, S.LiveIdBasicAuthentication)!;
        target.WSSecurityAuthentication = (bool)Read(d, S.WSSecurityAuthentication)!;
        target.CertificateAuthentication = (bool)Read(d, S.CertificateAuthentication)!;
        target.LiveIdSpNegoAuthentication = (bool)Read(d, S.LiveIdSpNegoAuthentication)!;
        target.ExtendedProtectionFlags = (ExtendedProtectionFlag[])Read(d, S.ExtendedProtectionFlags)!;
        target.ExtendedProtectionSPNList = (string[])Read(d, S.ExtendedProtectionSPNList)!;
        target.ExtendedProtectionTokenChecking = (ExtendedProtectionTokenCheckingMode)Read(d, S.ExtendedProtectionTokenChecking)!;
        return target;
    }

    /// <summary>A setting's value as read (Exchange's default when its attribute is unset).</summary>
    protected static object? Read(VirtualDirectory d, SettingDefinition definition) => d.Setting(definition);

    protected static ADObjectId ServerOf(VirtualDirectory directory) => new(directory.ServerName, "");

    private static string? Url(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

public sealed class ADOwaVirtualDirectory : ADVirtualDirectory
{
    public GzipLevel GzipLevel { get; init; }
    public string[] AllowedFileTypes { get; init; } = [];
    public string[] AllowedMimeTypes { get; init; } = [];
    public string[] BlockedFileTypes { get; init; } = [];
    public string[] BlockedMimeTypes { get; init; } = [];
    public string[] ForceSaveFileTypes { get; init; } = [];
    public string[] ForceSaveMimeTypes { get; init; } = [];
    public string[] WebReadyFileTypes { get; init; } = [];
    public string[] WebReadyMimeTypes { get; init; } = [];
    public string[] WebReadyDocumentViewingSupportedFileTypes { get; init; } = [];
    public string[] WebReadyDocumentViewingSupportedMimeTypes { get; init; } = [];
    public string[] RemoteDocumentsAllowedServers { get; init; } = [];
    public string[] RemoteDocumentsBlockedServers { get; init; } = [];
    public string[] RemoteDocumentsInternalDomainSuffixList { get; init; } = [];
    public AttachmentBlockingActions ActionForUnknownFileAndMIMETypes { get; init; }
    public RemoteDocumentsActions RemoteDocumentsActionForUnknownServers { get; init; }
    public ClientAuthCleanupLevels ClientAuthCleanupLevel { get; init; }
    public WebBeaconFilterLevels FilterWebBeaconsAndHtmlForms { get; init; }
    public LogonFormats LogonFormat { get; init; }
    public OutboundCharsetOptions OutboundCharset { get; init; }
    public ExchwebProxyDestinations ExchwebProxyDestination { get; init; }
    public VirtualDirectoryTypes VirtualDirectoryType { get; init; }
    public int? DefaultClientLanguage { get; init; }
    public int? LogonAndErrorLanguage { get; init; }
    public int? NotificationInterval { get; init; }
    public int? UserContextTimeout { get; init; }
    public string? DefaultDomain { get; init; }
    public string? DefaultTheme { get; init; }
    public string? InstantMessagingServerName { get; init; }
    public string? InstantMessagingCertificateThumbprint { get; init; }
    public string? Exchange2003Url { get; init; }
    public string? FailbackUrl { get; init; }
    public bool ActiveSyncIntegrationEnabled { get; init; }
    public bool AllAddressListsEnabled { get; init; }
    public bool CalendarEnabled { get; init; }
    public bool CalendarPublishingEnabled { get; init; }
    public bool ChangePasswordEnabled { get; init; }
    public bool ContactsEnabled { get; init; }
    public bool DelegateAccessEnabled { get; init; }
    public bool ExplicitLogonEnabled { get; init; }
    public bool GlobalAddressListEnabled { get; init; }
    public bool InstantMessagingEnabled { get; init; }
    public bool IRMEnabled { get; init; }
    public bool JournalEnabled { get; init; }
    public bool JunkEmailEnabled { get; init; }
    public bool NotesEnabled { get; init; }
    public bool OrganizationEnabled { get; init; }
    public bool OWALightEnabled { get; init; }
    public bool OWAMiniEnabled { get; init; }
    public bool PremiumClientEnabled { get; init; }
    public bool PublicFoldersEnabled { get; init; }
    public bool RecoverDeletedItemsEnabled { get; init; }
    public bool RemindersAndNotificationsEnabled { get; init; }
    public bool RulesEnabled { get; init; }
    public bool SearchFoldersEnabled { get; init; }
    public bool SignaturesEnabled { get; init; }
    public bool SilverlightEnabled { get; init; }
    public bool SMimeEnabled { get; init; }
    public bool SpellCheckerEnabled { get; init; }
    public bool TasksEnabled { get; init; }
    public bool TextMessagingEnabled { get; init; }
    public bool ThemeSelectionEnabled { get; init; }
    public bool UMIntegrationEnabled { get; init; }
    public bool DirectFileAccessOnPublicComputersEnabled { get; init; }
    public bool DirectFileAccessOnPrivateComputersEnabled { get; init; }
    public bool WebReadyDocumentViewingOnPublicComputersEnabled { get; init; }
    public bool WebReadyDocumentViewingOnPrivateComputersEnabled { get; init; }
    public bool ForceWebReadyDocumentViewingFirstOnPublicComputers { get; init; }
    public bool ForceWebReadyDocumentViewingFirstOnPrivateComputers { get; init; }
    public bool WSSAccessOnPublicComputersEnabled { get; init; }
    public bool WSSAccessOnPrivateComputersEnabled { get; init; }
    public bool UNCAccessOnPublicComputersEnabled { get; init; }
    public bool UNCAccessOnPrivateComputersEnabled { get; init; }
    public bool WebReadyDocumentViewingForAllSupportedTypes { get; init; }
    public bool ForceSaveAttachmentFilteringEnabled { get; init; }
    public bool RedirectToOptimalOWAServer { get; init; }
    public bool UseGB18030 { get; init; }
    public bool UseISO885915 { get; init; }
    public LegacyRedirectTypeOptions LegacyRedirectType { get; init; }
    public LegacyRedirectTypeOptions CrossSiteRedirectType { get; init; }
    public InstantMessagingTypeOptions InstantMessagingType { get; init; }

    internal static ADOwaVirtualDirectory Read(VirtualDirectory d) => new()
    {
        GzipLevel = (GzipLevel)Read(d, S.GzipLevel)!,
        AllowedFileTypes = (string[])Read(d, S.AllowedFileTypes)!,
        AllowedMimeTypes = (string[])Read(d, S.AllowedMimeTypes)!,
        BlockedFileTypes = (string[])Read(d, S.BlockedFileTypes)!,
        BlockedMimeTypes = (string[])Read(d, S.BlockedMimeTypes)!,
        ForceSaveFileTypes = (string[])Read(d, S.ForceSaveFileTypes)!,
        ForceSaveMimeTypes = (string[])Read(d, S.ForceSaveMimeTypes)!,
        WebReadyFileTypes = (string[])Read(d, S.WebReadyFileTypes)!,
        WebReadyMimeTypes = (string[])Read(d, S.WebReadyMimeTypes)!,
        WebReadyDocumentViewingSupportedFileTypes = (string[])Read(d, S.WebReadyDocumentViewingSupportedFileTypes)!,
        WebReadyDocumentViewingSupportedMimeTypes = (string[])Read(d, S.WebReadyDocumentViewingSupportedMimeTypes)!,
        RemoteDocumentsAllowedServers = (string[])Read(d, S.RemoteDocumentsAllowedServers)!,
        RemoteDocumentsBlockedServers = (string[])Read(d, S.RemoteDocumentsBlockedServers)!,
        RemoteDocumentsInternalDomainSuffixList = (string[])Read(d, S.RemoteDocumentsInternalDomainSuffixList)!,
        ActionForUnknownFileAndMIMETypes = (AttachmentBlockingActions)Read(d, S.ActionForUnknownFileAndMIMETypes)!,
        RemoteDocumentsActionForUnknownServers = (RemoteDocumentsActions)Read(d, S.RemoteDocumentsActionForUnknownServers)!,
        ClientAuthCleanupLevel = (ClientAuthCleanupLevels)Read(d, S.ClientAuthCleanupLevel)!,
        FilterWebBeaconsAndHtmlForms = (WebBeaconFilterLevels)Read(d, S.FilterWebBeaconsAndHtmlForms)!,
        LogonFormat = (LogonFormats)Read(d, S.LogonFormat)!,
        OutboundCharset = (OutboundCharsetOptions)Read(d, S.OutboundCharset)!,
        ExchwebProxyDestination = (ExchwebProxyDestinations)Read(d, S.ExchwebProxyDestination)!,
        VirtualDirectoryType = (VirtualDirectoryTypes)Read(d, S.VirtualDirectoryType)!,
        DefaultClientLanguage = (int?)Read(d, S.DefaultClientLanguage),
        LogonAndErrorLanguage = (int?)Read(d, S.LogonAndErrorLanguage),
        NotificationInterval = (int?)Read(d, S.NotificationInterval),
        UserContextTimeout = (int?)Read(d, S.UserContextTimeout),
        DefaultDomain = (string?)Read(d, S.DefaultDomain),
        DefaultTheme = (string?)Read(d, S.DefaultTheme),
        InstantMessagingServerName = (string?)Read(d, S.InstantMessagingServerName),
        InstantMessagingCertificateThumbprint = (string?)Read(d, S.InstantMessagingCertificateThumbprint),
        Exchange2003Url = (string?)Read(d, S.Exchange2003Url),
        FailbackUrl = (string?)Read(d, S.FailbackUrl),
        ActiveSyncIntegrationEnabled = (bool)Read(d, S.ActiveSyncIntegrationEnabled)!,
        AllAddressListsEnabled = (bool)Read(d, S.AllAddressListsEnabled)!,
        CalendarEnabled = (bool)Read(d, S.CalendarEnabled)!,
        CalendarPublishingEnabled = (bool)Read(d, S.CalendarPublishingEnabled)!,
        ChangePasswordEnabled = (bool)Read(d, S.ChangePasswordEnabled)!,
        ContactsEnabled = (bool)Read(d, S.ContactsEnabled)!,
        DelegateAccessEnabled = (bool)Read(d, S.DelegateAccessEnabled)!,
        ExplicitLogonEnabled = (bool)Read(d, S.ExplicitLogonEnabled)!,
        GlobalAddressListEnabled = (bool)Read(d, S.GlobalAddressListEnabled)!,
        InstantMessagingEnabled = (bool)Read(d, S.InstantMessagingEnabled)!,
        IRMEnabled = (bool)Read(d, S.IRMEnabled)!,
        JournalEnabled = (bool)Read(d, S.JournalEnabled)!,
        JunkEmailEnabled = (bool)Read(d, S.JunkEmailEnabled)!,
        NotesEnabled = (bool)Read(d, S.NotesEnabled)!,
        OrganizationEnabled = (bool)Read(d, S.OrganizationEnabled)!,
        OWALightEnabled = (bool)Read(d, S.OWALightEnabled)!,
        OWAMiniEnabled = (bool)Read(d, S.OWAMiniEnabled)!,
        PremiumClientEnabled = (bool)Read(d, S.PremiumClientEnabled)!,
        PublicFoldersEnabled = (bool)Read(d, S.PublicFoldersEnabled)!,
        RecoverDeletedItemsEnabled = (bool)Read(d, S.RecoverDeletedItemsEnabled)!,
        RemindersAndNotificationsEnabled = (bool)Read(d, S.RemindersAndNotificationsEnabled)!,
        RulesEnabled = (bool)Read(d, S.RulesEnabled)!,
        SearchFoldersEnabled = (bool)Read(d, S.SearchFoldersEnabled)!,
        SignaturesEnabled = (bool)Read(d, S.SignaturesEnabled)!,
        SilverlightEnabled = (bool)Read(d, S.SilverlightEnabled)!,
        SMimeEnabled = (bool)Read(d, S.SMimeEnabled)!,
        SpellCheckerEnabled = (bool)Read(d, S.SpellCheckerEnabled)!,
        TasksEnabled = (bool)Read(d, S.TasksEnabled)!,
        TextMessagingEnabled = (bool)Read(d, S.TextMessagingEnabled)!,
        ThemeSelectionEnabled = (bool)Read(d, S.ThemeSelectionEnabled)!,
        UMIntegrationEnabled = (bool)Read(d, S.UMIntegrationEnabled)!,
        DirectFileAccessOnPublicComputersEnabled = (bool)Read(d, S.DirectFileAccessOnPublicComputersEnabled)!,
        DirectFileAccessOnPrivateComputersEnabled = (bool)Read(d, S.DirectFileAccessOnPrivateComputersEnabled)!,
        WebReadyDocumentViewingOnPublicComputersEnabled = (bool)Read(d, S.WebReadyDocumentViewingOnPublicComputersEnabled)!,
        WebReadyDocumentViewingOnPrivateComputersEnabled = (bool)Read(d, S.WebReadyDocumentViewingOnPrivateComputersEnabled)!,
        ForceWebReadyDocumentViewingFirstOnPublicComputers = (bool)Read(d, S.ForceWebReadyDocumentViewingFirstOnPublicComputers)!,
        ForceWebReadyDocumentViewingFirstOnPrivateComputers = (bool)Read(d, S.ForceWebReadyDocumentViewingFirstOnPrivateComputers)!,
        WSSAccessOnPublicComputersEnabled = (bool)Read(d, S.WSSAccessOnPublicComputersEnabled)!,
        WSSAccessOnPrivateComputersEnabled = (bool)Read(d, S.WSSAccessOnPrivateComputersEnabled)!,
        UNCAccessOnPublicComputersEnabled = (bool)Read(d, S.UNCAccessOnPublicComputersEnabled)!,
        UNCAccessOnPrivateComputersEnabled = (bool)Read(d, S.UNCAccessOnPrivateComputersEnabled)!,
        WebReadyDocumentViewingForAllSupportedTypes = (bool)Read(d, S.WebReadyDocumentViewingForAllSupportedTypes)!,
        ForceSaveAttachmentFilteringEnabled = (bool)Read(d, S.ForceSaveAttachmentFilteringEnabled)!,
        RedirectToOptimalOWAServer = (bool)Read(d, S.RedirectToOptimalOWAServer)!,
        UseGB18030 = (bool)Read(d, S.UseGB18030)!,
        UseISO885915 = (bool)Read(d, S.UseISO885915)!,
        LegacyRedirectType = (bool)Read(d, S.LegacyRedirectType)! ? LegacyRedirectTypeOptions.Manual : default,
        CrossSiteRedirectType = (bool)Read(d, S.CrossSiteRedirectType)! ? LegacyRedirectTypeOptions.Manual : default,
        InstantMessagingType = (bool)Read(d, S.InstantMessagingType)! ? InstantMessagingTypeOptions.Ocs : default,
        Name = d.Name, Server = ServerOf(d), Identity = d.Identity, DistinguishedName = d.DistinguishedName,
    };
}

public sealed class ADEcpVirtualDirectory : ADVirtualDirectory
{
    public GzipLevel GzipLevel { get; init; }

    internal static ADEcpVirtualDirectory Read(VirtualDirectory d) => new()
    {
        GzipLevel = (GzipLevel)Read(d, S.GzipLevel)!,
        Name = d.Name, Server = ServerOf(d), Identity = d.Identity, DistinguishedName = d.DistinguishedName,
    };
}

public sealed class ADWebServicesVirtualDirectory : ADVirtualDirectory
{
    public GzipLevel GzipLevel { get; init; }
    public string? InternalNLBBypassUrl { get; init; }
    public bool MRSProxyEnabled { get; init; }
    public Unlimited<int> MRSProxyMaxConnections { get; init; }

    internal static ADWebServicesVirtualDirectory Read(VirtualDirectory d) => new()
    {
        GzipLevel = (GzipLevel)Read(d, S.GzipLevel)!,
        InternalNLBBypassUrl = (string?)Read(d, S.InternalNLBBypassUrl),
        MRSProxyEnabled = (bool)Read(d, S.MRSProxyEnabled)!,
        MRSProxyMaxConnections = (Unlimited<int>)Read(d, S.MRSProxyMaxConnections)!,
        Name = d.Name, Server = ServerOf(d), Identity = d.Identity, DistinguishedName = d.DistinguishedName,
    };
}

public sealed class ADOabVirtualDirectory : ADVirtualDirectory
{
    public int? PollInterval { get; init; }
    public bool RequireSSL { get; init; }

    internal static ADOabVirtualDirectory Read(VirtualDirectory d) => new()
    {
        PollInterval = (int?)Read(d, S.PollInterval),
        RequireSSL = (bool)Read(d, S.RequireSSL)!,
        Name = d.Name, Server = ServerOf(d), Identity = d.Identity, DistinguishedName = d.DistinguishedName,
    };
}

public sealed class ADAutodiscoverVirtualDirectory : ADVirtualDirectory;
