using CasDirectory.Core.Settings;

namespace CasDirectory.Core.ClientAccess;

/// <summary>
/// The settings of the virtual directories and of Outlook Anywhere that the Set- cmdlets write and the Get- cmdlets
/// read back, each in one attribute of the virtual directory object, with Exchange's default when unset.
/// <para>Where the names come from: msExchInternalHostName, msExchExternalHostName, msExchInternal/ExternalAuthenticationMethods,
/// msExchInternalNLBBypassHostName, msExchMRSProxyFlags, msExchRpcHttpFlags and msExch2003Url are Exchange 2010's
/// attributes (public schema). The msExchOWA*, msExchExtendedProtection*, msExchGzipLevel, msExchPollInterval,
/// msExchRequireSSL, msExchMRSProxyMaxConnections and msExchXropUrl attributes carry Exchange-style names that were not
/// checked against Microsoft's schema; they live under our own arc (CasDirAttr:60-97), never Microsoft's. Ours outright:
/// casdirOWASegmentationFlags (the OWA feature booleans, CalendarEnabled and the like, one bit each, set when a feature
/// that is on by default is turned off) and casdirOWAFlags (the other OWA booleans, and the two-valued enumerations
/// LegacyRedirectType, CrossSiteRedirectType and InstantMessagingType, one bit each). Exchange keeps the OWA
/// features in its own segmentation attribute; we did not take its name or bit layout, not being sure of them.</para>
/// <para>The Basic/Digest/Forms/Windows/LiveId/WSSecurity/Certificate *Authentication booleans are views of the flags of
/// InternalAuthenticationMethods (msExchInternalAuthenticationMethods), as Exchange keeps them: Basic 1, Ntlm 2, Fba 4,
/// Digest 8, WindowsIntegrated 16, LiveIdFba 32, LiveIdBasic 64, WSSecurity 128, Certificate 256, NegoEx 512
/// (LiveIdSpNegoAuthentication is the NegoEx flag).</para>
/// </summary>
public static class VirtualDirectorySettings
{
    /// <summary>InternalUrl: msExchInternalHostName (Exchange).</summary>
    public static readonly SettingDefinition InternalUrl = new("InternalUrl", "msExchInternalHostName", new UriSyntax());
    /// <summary>ExternalUrl: msExchExternalHostName (Exchange).</summary>
    public static readonly SettingDefinition ExternalUrl = new("ExternalUrl", "msExchExternalHostName", new UriSyntax());
    /// <summary>InternalAuthenticationMethods: msExchInternalAuthenticationMethods (Exchange).</summary>
    public static readonly SettingDefinition InternalAuthenticationMethods = new("InternalAuthenticationMethods", "msExchInternalAuthenticationMethods", new FlagsSyntax<AuthenticationMethod>(AuthenticationMethod.None));
    /// <summary>ExternalAuthenticationMethods: msExchExternalAuthenticationMethods (Exchange).</summary>
    public static readonly SettingDefinition ExternalAuthenticationMethods = new("ExternalAuthenticationMethods", "msExchExternalAuthenticationMethods", new FlagsSyntax<AuthenticationMethod>(AuthenticationMethod.None));
    /// <summary>BasicAuthentication: msExchInternalAuthenticationMethods (Exchange).</summary>
    public static readonly SettingDefinition BasicAuthentication = new("BasicAuthentication", "msExchInternalAuthenticationMethods", new FlagBitSyntax(1));
    /// <summary>DigestAuthentication: msExchInternalAuthenticationMethods (Exchange).</summary>
    public static readonly SettingDefinition DigestAuthentication = new("DigestAuthentication", "msExchInternalAuthenticationMethods", new FlagBitSyntax(8));
    /// <summary>FormsAuthentication: msExchInternalAuthenticationMethods (Exchange).</summary>
    public static readonly SettingDefinition FormsAuthentication = new("FormsAuthentication", "msExchInternalAuthenticationMethods", new FlagBitSyntax(4));
    /// <summary>WindowsAuthentication: msExchInternalAuthenticationMethods (Exchange).</summary>
    public static readonly SettingDefinition WindowsAuthentication = new("WindowsAuthentication", "msExchInternalAuthenticationMethods", new FlagBitSyntax(16));
    /// <summary>LiveIdAuthentication: msExchInternalAuthenticationMethods (Exchange).</summary>
    public static readonly SettingDefinition LiveIdAuthentication = new("LiveIdAuthentication", "msExchInternalAuthenticationMethods", new FlagBitSyntax(32));
    /// <summary>LiveIdBasicAuthentication: msExchInternalAuthenticationMethods (Exchange).</summary>
    public static readonly SettingDefinition LiveIdBasicAuthentication = new("LiveIdBasicAuthentication", "msExchInternalAuthenticationMethods", new FlagBitSyntax(64));
    /// <summary>WSSecurityAuthentication: msExchInternalAuthenticationMethods (Exchange).</summary>
    public static readonly SettingDefinition WSSecurityAuthentication = new("WSSecurityAuthentication", "msExchInternalAuthenticationMethods", new FlagBitSyntax(128));
    /// <summary>CertificateAuthentication: msExchInternalAuthenticationMethods (Exchange).</summary>
    public static readonly SettingDefinition CertificateAuthentication = new("CertificateAuthentication", "msExchInternalAuthenticationMethods", new FlagBitSyntax(256));
    /// <summary>LiveIdSpNegoAuthentication: msExchInternalAuthenticationMethods (Exchange).</summary>
    public static readonly SettingDefinition LiveIdSpNegoAuthentication = new("LiveIdSpNegoAuthentication", "msExchInternalAuthenticationMethods", new FlagBitSyntax(512));
    /// <summary>ExtendedProtectionFlags: msExchExtendedProtectionFlags (Exchange-style name, CasDirAttr:60).</summary>
    public static readonly SettingDefinition ExtendedProtectionFlags = new("ExtendedProtectionFlags", "msExchExtendedProtectionFlags", new FlagsSyntax<ExtendedProtectionFlag>(ExtendedProtectionFlag.None));
    /// <summary>ExtendedProtectionSPNList: msExchExtendedProtectionSPNList (Exchange-style name, CasDirAttr:61).</summary>
    public static readonly SettingDefinition ExtendedProtectionSPNList = new("ExtendedProtectionSPNList", "msExchExtendedProtectionSPNList", new MultiTextSyntax(1024));
    /// <summary>ExtendedProtectionTokenChecking: msExchExtendedProtectionTokenChecking (Exchange-style name, CasDirAttr:62).</summary>
    public static readonly SettingDefinition ExtendedProtectionTokenChecking = new("ExtendedProtectionTokenChecking", "msExchExtendedProtectionTokenChecking", new EnumSyntax<ExtendedProtectionTokenCheckingMode>(ExtendedProtectionTokenCheckingMode.None));
    /// <summary>GzipLevel: msExchGzipLevel (Exchange-style name, CasDirAttr:63).</summary>
    public static readonly SettingDefinition GzipLevel = new("GzipLevel", "msExchGzipLevel", new EnumSyntax<GzipLevel>(ClientAccess.GzipLevel.Low));
    /// <summary>PollInterval: msExchPollInterval (Exchange-style name, CasDirAttr:64).</summary>
    public static readonly SettingDefinition PollInterval = new("PollInterval", "msExchPollInterval", new IntegerSyntax(1, 71582, 480));
    /// <summary>RequireSSL: msExchRequireSSL (Exchange-style name, CasDirAttr:65).</summary>
    public static readonly SettingDefinition RequireSSL = new("RequireSSL", "msExchRequireSSL", new BooleanSyntax());
    /// <summary>InternalNLBBypassUrl: msExchInternalNLBBypassHostName (Exchange).</summary>
    public static readonly SettingDefinition InternalNLBBypassUrl = new("InternalNLBBypassUrl", "msExchInternalNLBBypassHostName", new UriSyntax());
    /// <summary>MRSProxyEnabled: msExchMRSProxyFlags (Exchange).</summary>
    public static readonly SettingDefinition MRSProxyEnabled = new("MRSProxyEnabled", "msExchMRSProxyFlags", new FlagBitSyntax(1));
    /// <summary>MRSProxyMaxConnections: msExchMRSProxyMaxConnections (Exchange-style name, CasDirAttr:66).</summary>
    public static readonly SettingDefinition MRSProxyMaxConnections = new("MRSProxyMaxConnections", "msExchMRSProxyMaxConnections", new UnlimitedIntegerSyntax(0, 1000));
    /// <summary>AllowedFileTypes: msExchOWAAllowedFileTypes (Exchange-style name).</summary>
    public static readonly SettingDefinition AllowedFileTypes = new("AllowedFileTypes", "msExchOWAAllowedFileTypes", new MultiTextSyntax(256));
    /// <summary>AllowedMimeTypes: msExchOWAAllowedMimeTypes (Exchange-style name).</summary>
    public static readonly SettingDefinition AllowedMimeTypes = new("AllowedMimeTypes", "msExchOWAAllowedMimeTypes", new MultiTextSyntax(256));
    /// <summary>BlockedFileTypes: msExchOWABlockedFileTypes (Exchange-style name).</summary>
    public static readonly SettingDefinition BlockedFileTypes = new("BlockedFileTypes", "msExchOWABlockedFileTypes", new MultiTextSyntax(256));
    /// <summary>BlockedMimeTypes: msExchOWABlockedMIMETypes (Exchange-style name).</summary>
    public static readonly SettingDefinition BlockedMimeTypes = new("BlockedMimeTypes", "msExchOWABlockedMIMETypes", new MultiTextSyntax(256));
    /// <summary>ForceSaveFileTypes: msExchOWAForceSaveFileTypes (Exchange-style name).</summary>
    public static readonly SettingDefinition ForceSaveFileTypes = new("ForceSaveFileTypes", "msExchOWAForceSaveFileTypes", new MultiTextSyntax(256));
    /// <summary>ForceSaveMimeTypes: msExchOWAForceSaveMIMETypes (Exchange-style name).</summary>
    public static readonly SettingDefinition ForceSaveMimeTypes = new("ForceSaveMimeTypes", "msExchOWAForceSaveMIMETypes", new MultiTextSyntax(256));
    /// <summary>WebReadyFileTypes: msExchOWAWebReadyFileTypes (Exchange-style name).</summary>
    public static readonly SettingDefinition WebReadyFileTypes = new("WebReadyFileTypes", "msExchOWAWebReadyFileTypes", new MultiTextSyntax(256));
    /// <summary>WebReadyMimeTypes: msExchOWAWebReadyMIMETypes (Exchange-style name).</summary>
    public static readonly SettingDefinition WebReadyMimeTypes = new("WebReadyMimeTypes", "msExchOWAWebReadyMIMETypes", new MultiTextSyntax(256));
    /// <summary>WebReadyDocumentViewingSupportedFileTypes: msExchOWATranscodingFileTypes (Exchange-style name).</summary>
    public static readonly SettingDefinition WebReadyDocumentViewingSupportedFileTypes = new("WebReadyDocumentViewingSupportedFileTypes", "msExchOWATranscodingFileTypes", new MultiTextSyntax(256));
    /// <summary>WebReadyDocumentViewingSupportedMimeTypes: msExchOWATranscodingMimeTypes (Exchange-style name).</summary>
    public static readonly SettingDefinition WebReadyDocumentViewingSupportedMimeTypes = new("WebReadyDocumentViewingSupportedMimeTypes", "msExchOWATranscodingMimeTypes", new MultiTextSyntax(256));
    /// <summary>RemoteDocumentsAllowedServers: msExchOWARemoteDocumentsAllowedServers (Exchange-style name).</summary>
    public static readonly SettingDefinition RemoteDocumentsAllowedServers = new("RemoteDocumentsAllowedServers", "msExchOWARemoteDocumentsAllowedServers", new MultiTextSyntax(256));
    /// <summary>RemoteDocumentsBlockedServers: msExchOWARemoteDocumentsBlockedServers (Exchange-style name).</summary>
    public static readonly SettingDefinition RemoteDocumentsBlockedServers = new("RemoteDocumentsBlockedServers", "msExchOWARemoteDocumentsBlockedServers", new MultiTextSyntax(256));
    /// <summary>RemoteDocumentsInternalDomainSuffixList: msExchOWARemoteDocumentsInternalDomainSuffixList (Exchange-style name).</summary>
    public static readonly SettingDefinition RemoteDocumentsInternalDomainSuffixList = new("RemoteDocumentsInternalDomainSuffixList", "msExchOWARemoteDocumentsInternalDomainSuffixList", new MultiTextSyntax(256));
    /// <summary>ActionForUnknownFileAndMIMETypes: msExchOWAActionForUnknownFileAndMIMETypes (Exchange-style name).</summary>
    public static readonly SettingDefinition ActionForUnknownFileAndMIMETypes = new("ActionForUnknownFileAndMIMETypes", "msExchOWAActionForUnknownFileAndMIMETypes", new EnumSyntax<AttachmentBlockingActions>(AttachmentBlockingActions.Allow));
    /// <summary>RemoteDocumentsActionForUnknownServers: msExchOWARemoteDocumentsActionForUnknownServers (Exchange-style name).</summary>
    public static readonly SettingDefinition RemoteDocumentsActionForUnknownServers = new("RemoteDocumentsActionForUnknownServers", "msExchOWARemoteDocumentsActionForUnknownServers", new EnumSyntax<RemoteDocumentsActions>(RemoteDocumentsActions.Block));
    /// <summary>ClientAuthCleanupLevel: msExchOWAClientAuthCleanupLevel (Exchange-style name).</summary>
    public static readonly SettingDefinition ClientAuthCleanupLevel = new("ClientAuthCleanupLevel", "msExchOWAClientAuthCleanupLevel", new EnumSyntax<ClientAuthCleanupLevels>(ClientAuthCleanupLevels.High));
    /// <summary>FilterWebBeaconsAndHtmlForms: msExchOWAFilterWebBeacons (Exchange-style name).</summary>
    public static readonly SettingDefinition FilterWebBeaconsAndHtmlForms = new("FilterWebBeaconsAndHtmlForms", "msExchOWAFilterWebBeacons", new EnumSyntax<WebBeaconFilterLevels>(WebBeaconFilterLevels.UserFilterChoice));
    /// <summary>LogonFormat: msExchOWALogonFormat (Exchange-style name).</summary>
    public static readonly SettingDefinition LogonFormat = new("LogonFormat", "msExchOWALogonFormat", new EnumSyntax<LogonFormats>(LogonFormats.FullDomain));
    /// <summary>OutboundCharset: msExchOWAOutboundCharset (Exchange-style name).</summary>
    public static readonly SettingDefinition OutboundCharset = new("OutboundCharset", "msExchOWAOutboundCharset", new EnumSyntax<OutboundCharsetOptions>(OutboundCharsetOptions.AutoDetect));
    /// <summary>ExchwebProxyDestination: msExchOWAExchwebProxyDestination (Exchange-style name).</summary>
    public static readonly SettingDefinition ExchwebProxyDestination = new("ExchwebProxyDestination", "msExchOWAExchwebProxyDestination", new EnumSyntax<ExchwebProxyDestinations>(ExchwebProxyDestinations.NotSpecified));
    /// <summary>VirtualDirectoryType: msExchOWAVirtualDirectoryType (Exchange-style name).</summary>
    public static readonly SettingDefinition VirtualDirectoryType = new("VirtualDirectoryType", "msExchOWAVirtualDirectoryType", new EnumSyntax<VirtualDirectoryTypes>(VirtualDirectoryTypes.NotSpecified));
    /// <summary>DefaultClientLanguage: msExchOWADefaultClientLanguage (Exchange-style name).</summary>
    public static readonly SettingDefinition DefaultClientLanguage = new("DefaultClientLanguage", "msExchOWADefaultClientLanguage", new IntegerSyntax(0, 65535));
    /// <summary>LogonAndErrorLanguage: msExchOWALogonAndErrorLanguage (Exchange-style name).</summary>
    public static readonly SettingDefinition LogonAndErrorLanguage = new("LogonAndErrorLanguage", "msExchOWALogonAndErrorLanguage", new IntegerSyntax(0, 65535));
    /// <summary>NotificationInterval: msExchOWANotificationInterval (Exchange-style name).</summary>
    public static readonly SettingDefinition NotificationInterval = new("NotificationInterval", "msExchOWANotificationInterval", new IntegerSyntax(1, 86400, 120));
    /// <summary>UserContextTimeout: msExchOWAUserContextTimeout (Exchange-style name).</summary>
    public static readonly SettingDefinition UserContextTimeout = new("UserContextTimeout", "msExchOWAUserContextTimeout", new IntegerSyntax(1, 43200, 60));
    /// <summary>DefaultDomain: msExchOWADefaultDomain (Exchange-style name).</summary>
    public static readonly SettingDefinition DefaultDomain = new("DefaultDomain", "msExchOWADefaultDomain", new TextSyntax(256));
    /// <summary>DefaultTheme: msExchOWADefaultTheme (Exchange-style name).</summary>
    public static readonly SettingDefinition DefaultTheme = new("DefaultTheme", "msExchOWADefaultTheme", new TextSyntax(256));
    /// <summary>InstantMessagingServerName: msExchOWAIMServerName (Exchange-style name).</summary>
    public static readonly SettingDefinition InstantMessagingServerName = new("InstantMessagingServerName", "msExchOWAIMServerName", new TextSyntax(256));
    /// <summary>InstantMessagingCertificateThumbprint: msExchOWAIMCertificateThumbprint (Exchange-style name).</summary>
    public static readonly SettingDefinition InstantMessagingCertificateThumbprint = new("InstantMessagingCertificateThumbprint", "msExchOWAIMCertificateThumbprint", new TextSyntax(128));
    /// <summary>Exchange2003Url: msExch2003Url (Exchange).</summary>
    public static readonly SettingDefinition Exchange2003Url = new("Exchange2003Url", "msExch2003Url", new UriSyntax());
    /// <summary>FailbackUrl: msExchOWAFailbackURL (Exchange-style name).</summary>
    public static readonly SettingDefinition FailbackUrl = new("FailbackUrl", "msExchOWAFailbackURL", new UriSyntax());
    /// <summary>ActiveSyncIntegrationEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition ActiveSyncIntegrationEnabled = new("ActiveSyncIntegrationEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 0, SetMeansTrue: false));
    /// <summary>AllAddressListsEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition AllAddressListsEnabled = new("AllAddressListsEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 1, SetMeansTrue: false));
    /// <summary>CalendarEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition CalendarEnabled = new("CalendarEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 2, SetMeansTrue: false));
    /// <summary>CalendarPublishingEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition CalendarPublishingEnabled = new("CalendarPublishingEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 3, SetMeansTrue: false));
    /// <summary>ChangePasswordEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition ChangePasswordEnabled = new("ChangePasswordEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 4, SetMeansTrue: false));
    /// <summary>ContactsEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition ContactsEnabled = new("ContactsEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 5, SetMeansTrue: false));
    /// <summary>DelegateAccessEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition DelegateAccessEnabled = new("DelegateAccessEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 6, SetMeansTrue: false));
    /// <summary>ExplicitLogonEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition ExplicitLogonEnabled = new("ExplicitLogonEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 7, SetMeansTrue: false));
    /// <summary>GlobalAddressListEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition GlobalAddressListEnabled = new("GlobalAddressListEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 8, SetMeansTrue: false));
    /// <summary>InstantMessagingEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition InstantMessagingEnabled = new("InstantMessagingEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 9, SetMeansTrue: false));
    /// <summary>IRMEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition IRMEnabled = new("IRMEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 10, SetMeansTrue: false));
    /// <summary>JournalEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition JournalEnabled = new("JournalEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 11, SetMeansTrue: false));
    /// <summary>JunkEmailEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition JunkEmailEnabled = new("JunkEmailEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 12, SetMeansTrue: false));
    /// <summary>NotesEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition NotesEnabled = new("NotesEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 13, SetMeansTrue: false));
    /// <summary>OrganizationEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition OrganizationEnabled = new("OrganizationEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 14, SetMeansTrue: false));
    /// <summary>OWALightEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition OWALightEnabled = new("OWALightEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 15, SetMeansTrue: false));
    /// <summary>OWAMiniEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition OWAMiniEnabled = new("OWAMiniEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 16, SetMeansTrue: true));
    /// <summary>PremiumClientEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition PremiumClientEnabled = new("PremiumClientEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 17, SetMeansTrue: false));
    /// <summary>PublicFoldersEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition PublicFoldersEnabled = new("PublicFoldersEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 18, SetMeansTrue: false));
    /// <summary>RecoverDeletedItemsEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition RecoverDeletedItemsEnabled = new("RecoverDeletedItemsEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 19, SetMeansTrue: false));
    /// <summary>RemindersAndNotificationsEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition RemindersAndNotificationsEnabled = new("RemindersAndNotificationsEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 20, SetMeansTrue: false));
    /// <summary>RulesEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition RulesEnabled = new("RulesEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 21, SetMeansTrue: false));
    /// <summary>SearchFoldersEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition SearchFoldersEnabled = new("SearchFoldersEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 22, SetMeansTrue: false));
    /// <summary>SignaturesEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition SignaturesEnabled = new("SignaturesEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 23, SetMeansTrue: false));
    /// <summary>SilverlightEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition SilverlightEnabled = new("SilverlightEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 24, SetMeansTrue: false));
    /// <summary>SMimeEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition SMimeEnabled = new("SMimeEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 25, SetMeansTrue: false));
    /// <summary>SpellCheckerEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition SpellCheckerEnabled = new("SpellCheckerEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 26, SetMeansTrue: false));
    /// <summary>TasksEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition TasksEnabled = new("TasksEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 27, SetMeansTrue: false));
    /// <summary>TextMessagingEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition TextMessagingEnabled = new("TextMessagingEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 28, SetMeansTrue: false));
    /// <summary>ThemeSelectionEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition ThemeSelectionEnabled = new("ThemeSelectionEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 29, SetMeansTrue: false));
    /// <summary>UMIntegrationEnabled: casdirOWASegmentationFlags (ours).</summary>
    public static readonly SettingDefinition UMIntegrationEnabled = new("UMIntegrationEnabled", "casdirOWASegmentationFlags", new FlagBitSyntax(1L << 30, SetMeansTrue: false));
    /// <summary>DirectFileAccessOnPublicComputersEnabled: casdirOWAFlags (ours).</summary>
    public static readonly SettingDefinition DirectFileAccessOnPublicComputersEnabled = new("DirectFileAccessOnPublicComputersEnabled", "casdirOWAFlags", new FlagBitSyntax(1L << 0, SetMeansTrue: false));
    /// <summary>DirectFileAccessOnPrivateComputersEnabled: casdirOWAFlags (ours).</summary>
    public static readonly SettingDefinition DirectFileAccessOnPrivateComputersEnabled = new("DirectFileAccessOnPrivateComputersEnabled", "casdirOWAFlags", new FlagBitSyntax(1L << 1, SetMeansTrue: false));
    /// <summary>WebReadyDocumentViewingOnPublicComputersEnabled: casdirOWAFlags (ours).</summary>
    public static readonly SettingDefinition WebReadyDocumentViewingOnPublicComputersEnabled = new("WebReadyDocumentViewingOnPublicComputersEnabled", "casdirOWAFlags", new FlagBitSyntax(1L << 2, SetMeansTrue: false));
    /// <summary>WebReadyDocumentViewingOnPrivateComputersEnabled: casdirOWAFlags (ours).</summary>
    public static readonly SettingDefinition WebReadyDocumentViewingOnPrivateComputersEnabled = new("WebReadyDocumentViewingOnPrivateComputersEnabled", "casdirOWAFlags", new FlagBitSyntax(1L << 3, SetMeansTrue: false));
    /// <summary>ForceWebReadyDocumentViewingFirstOnPublicComputers: casdirOWAFlags (ours).</summary>
    public static readonly SettingDefinition ForceWebReadyDocumentViewingFirstOnPublicComputers = new("ForceWebReadyDocumentViewingFirstOnPublicComputers", "casdirOWAFlags", new FlagBitSyntax(1L << 4, SetMeansTrue: true));
    /// <summary>ForceWebReadyDocumentViewingFirstOnPrivateComputers: casdirOWAFlags (ours).</summary>
    public static readonly SettingDefinition ForceWebReadyDocumentViewingFirstOnPrivateComputers = new("ForceWebReadyDocumentViewingFirstOnPrivateComputers", "casdirOWAFlags", new FlagBitSyntax(1L << 5, SetMeansTrue: true));
    /// <summary>WSSAccessOnPublicComputersEnabled: casdirOWAFlags (ours).</summary>
    public static readonly SettingDefinition WSSAccessOnPublicComputersEnabled = new("WSSAccessOnPublicComputersEnabled", "casdirOWAFlags", new FlagBitSyntax(1L << 6, SetMeansTrue: false));
    /// <summary>WSSAccessOnPrivateComputersEnabled: casdirOWAFlags (ours).</summary>
    public static readonly SettingDefinition WSSAccessOnPrivateComputersEnabled = new("WSSAccessOnPrivateComputersEnabled", "casdirOWAFlags", new FlagBitSyntax(1L << 7, SetMeansTrue: false));
    /// <summary>UNCAccessOnPublicComputersEnabled: casdirOWAFlags (ours).</summary>
    public static readonly SettingDefinition UNCAccessOnPublicComputersEnabled = new("UNCAccessOnPublicComputersEnabled", "casdirOWAFlags", new FlagBitSyntax(1L << 8, SetMeansTrue: false));
    /// <summary>UNCAccessOnPrivateComputersEnabled: casdirOWAFlags (ours).</summary>
    public static readonly SettingDefinition UNCAccessOnPrivateComputersEnabled = new("UNCAccessOnPrivateComputersEnabled", "casdirOWAFlags", new FlagBitSyntax(1L << 9, SetMeansTrue: false));
    /// <summary>WebReadyDocumentViewingForAllSupportedTypes: casdirOWAFlags (ours).</summary>
    public static readonly SettingDefinition WebReadyDocumentViewingForAllSupportedTypes = new("WebReadyDocumentViewingForAllSupportedTypes", "casdirOWAFlags", new FlagBitSyntax(1L << 10, SetMeansTrue: false));
    /// <summary>ForceSaveAttachmentFilteringEnabled: casdirOWAFlags (ours).</summary>
    public static readonly SettingDefinition ForceSaveAttachmentFilteringEnabled = new("ForceSaveAttachmentFilteringEnabled", "casdirOWAFlags", new FlagBitSyntax(1L << 11, SetMeansTrue: true));
    /// <summary>RedirectToOptimalOWAServer: casdirOWAFlags (ours).</summary>
    public static readonly SettingDefinition RedirectToOptimalOWAServer = new("RedirectToOptimalOWAServer", "casdirOWAFlags", new FlagBitSyntax(1L << 12, SetMeansTrue: false));
    /// <summary>UseGB18030: casdirOWAFlags (ours).</summary>
    public static readonly SettingDefinition UseGB18030 = new("UseGB18030", "casdirOWAFlags", new FlagBitSyntax(1L << 13, SetMeansTrue: true));
    /// <summary>UseISO885915: casdirOWAFlags (ours).</summary>
    public static readonly SettingDefinition UseISO885915 = new("UseISO885915", "casdirOWAFlags", new FlagBitSyntax(1L << 14, SetMeansTrue: true));
    /// <summary>LegacyRedirectType: casdirOWAFlags (ours).</summary>
    public static readonly SettingDefinition LegacyRedirectType = new("LegacyRedirectType", "casdirOWAFlags", new FlagBitSyntax(1L << 15));
    /// <summary>CrossSiteRedirectType: casdirOWAFlags (ours).</summary>
    public static readonly SettingDefinition CrossSiteRedirectType = new("CrossSiteRedirectType", "casdirOWAFlags", new FlagBitSyntax(1L << 16));
    /// <summary>InstantMessagingType: casdirOWAFlags (ours).</summary>
    public static readonly SettingDefinition InstantMessagingType = new("InstantMessagingType", "casdirOWAFlags", new FlagBitSyntax(1L << 17));
    /// <summary>ExternalHostname: msExchExternalHostName (Exchange).</summary>
    public static readonly SettingDefinition ExternalHostname = new("ExternalHostname", "msExchExternalHostName", new RpcHostnameSyntax());
    /// <summary>ClientAuthenticationMethod: msExchExternalAuthenticationMethods (Exchange).</summary>
    public static readonly SettingDefinition ClientAuthenticationMethod = new("ClientAuthenticationMethod", "msExchExternalAuthenticationMethods", new EnumSyntax<AuthenticationMethod>(AuthenticationMethod.Basic));
    /// <summary>IISAuthenticationMethods: msExchInternalAuthenticationMethods (Exchange).</summary>
    public static readonly SettingDefinition IISAuthenticationMethods = new("IISAuthenticationMethods", "msExchInternalAuthenticationMethods", new FlagsSyntax<AuthenticationMethod>(AuthenticationMethod.Basic | AuthenticationMethod.Ntlm));
    /// <summary>SSLOffloading: msExchRpcHttpFlags (Exchange).</summary>
    public static readonly SettingDefinition SSLOffloading = new("SSLOffloading", "msExchRpcHttpFlags", new FlagBitSyntax(1));
    /// <summary>XropUrl: msExchXropUrl (Exchange-style name, CasDirAttr:67).</summary>
    public static readonly SettingDefinition XropUrl = new("XropUrl", "msExchXropUrl", new UriSyntax());

    /// <summary>What Set-OwaVirtualDirectory writes.</summary>
    public static IReadOnlyList<SettingDefinition> Owa { get; } =
    [
        InternalUrl, ExternalUrl, ExternalAuthenticationMethods, BasicAuthentication, DigestAuthentication, FormsAuthentication, WindowsAuthentication, LiveIdAuthentication, ExtendedProtectionFlags, ExtendedProtectionSPNList, ExtendedProtectionTokenChecking, GzipLevel, AllowedFileTypes, AllowedMimeTypes, BlockedFileTypes, BlockedMimeTypes, ForceSaveFileTypes, ForceSaveMimeTypes, WebReadyFileTypes, WebReadyMimeTypes, WebReadyDocumentViewingSupportedFileTypes, WebReadyDocumentViewingSupportedMimeTypes, RemoteDocumentsAllowedServers, RemoteDocumentsBlockedServers, RemoteDocumentsInternalDomainSuffixList, ActionForUnknownFileAndMIMETypes, RemoteDocumentsActionForUnknownServers, ClientAuthCleanupLevel, FilterWebBeaconsAndHtmlForms, LogonFormat, OutboundCharset, ExchwebProxyDestination, VirtualDirectoryType, DefaultClientLanguage, LogonAndErrorLanguage, NotificationInterval, UserContextTimeout, DefaultDomain, DefaultTheme, InstantMessagingServerName, InstantMessagingCertificateThumbprint, Exchange2003Url, FailbackUrl, ActiveSyncIntegrationEnabled, AllAddressListsEnabled, CalendarEnabled, CalendarPublishingEnabled, ChangePasswordEnabled, ContactsEnabled, DelegateAccessEnabled, ExplicitLogonEnabled, GlobalAddressListEnabled, InstantMessagingEnabled, IRMEnabled, JournalEnabled, JunkEmailEnabled, NotesEnabled, OrganizationEnabled, OWALightEnabled, OWAMiniEnabled, PremiumClientEnabled, PublicFoldersEnabled, RecoverDeletedItemsEnabled, RemindersAndNotificationsEnabled, RulesEnabled, SearchFoldersEnabled, SignaturesEnabled, SilverlightEnabled, SMimeEnabled, SpellCheckerEnabled, TasksEnabled, TextMessagingEnabled, ThemeSelectionEnabled, UMIntegrationEnabled, DirectFileAccessOnPublicComputersEnabled, DirectFileAccessOnPrivateComputersEnabled, WebReadyDocumentViewingOnPublicComputersEnabled, WebReadyDocumentViewingOnPrivateComputersEnabled, ForceWebReadyDocumentViewingFirstOnPublicComputers, ForceWebReadyDocumentViewingFirstOnPrivateComputers, WSSAccessOnPublicComputersEnabled, WSSAccessOnPrivateComputersEnabled, UNCAccessOnPublicComputersEnabled, UNCAccessOnPrivateComputersEnabled, WebReadyDocumentViewingForAllSupportedTypes, ForceSaveAttachmentFilteringEnabled, RedirectToOptimalOWAServer, UseGB18030, UseISO885915, LegacyRedirectType, CrossSiteRedirectType, InstantMessagingType,
    ];

    /// <summary>What the Get- cmdlet reads back for that kind.</summary>
    public static IReadOnlyList<SettingDefinition> OwaRead { get; } =
    [
        InternalUrl, ExternalUrl, InternalAuthenticationMethods, ExternalAuthenticationMethods, BasicAuthentication, DigestAuthentication, FormsAuthentication, WindowsAuthentication, LiveIdAuthentication, LiveIdBasicAuthentication, WSSecurityAuthentication, CertificateAuthentication, LiveIdSpNegoAuthentication, ExtendedProtectionFlags, ExtendedProtectionSPNList, ExtendedProtectionTokenChecking, GzipLevel, AllowedFileTypes, AllowedMimeTypes, BlockedFileTypes, BlockedMimeTypes, ForceSaveFileTypes, ForceSaveMimeTypes, WebReadyFileTypes, WebReadyMimeTypes, WebReadyDocumentViewingSupportedFileTypes, WebReadyDocumentViewingSupportedMimeTypes, RemoteDocumentsAllowedServers, RemoteDocumentsBlockedServers, RemoteDocumentsInternalDomainSuffixList, ActionForUnknownFileAndMIMETypes, RemoteDocumentsActionForUnknownServers, ClientAuthCleanupLevel, FilterWebBeaconsAndHtmlForms, LogonFormat, OutboundCharset, ExchwebProxyDestination, VirtualDirectoryType, DefaultClientLanguage, LogonAndErrorLanguage, NotificationInterval, UserContextTimeout, DefaultDomain, DefaultTheme, InstantMessagingServerName, InstantMessagingCertificateThumbprint, Exchange2003Url, FailbackUrl, ActiveSyncIntegrationEnabled, AllAddressListsEnabled, CalendarEnabled, CalendarPublishingEnabled, ChangePasswordEnabled, ContactsEnabled, DelegateAccessEnabled, ExplicitLogonEnabled, GlobalAddressListEnabled, InstantMessagingEnabled, IRMEnabled, JournalEnabled, JunkEmailEnabled, NotesEnabled, OrganizationEnabled, OWALightEnabled, OWAMiniEnabled, PremiumClientEnabled, PublicFoldersEnabled, RecoverDeletedItemsEnabled, RemindersAndNotificationsEnabled, RulesEnabled, SearchFoldersEnabled, SignaturesEnabled, SilverlightEnabled, SMimeEnabled, SpellCheckerEnabled, TasksEnabled, TextMessagingEnabled, ThemeSelectionEnabled, UMIntegrationEnabled, DirectFileAccessOnPublicComputersEnabled, DirectFileAccessOnPrivateComputersEnabled, WebReadyDocumentViewingOnPublicComputersEnabled, WebReadyDocumentViewingOnPrivateComputersEnabled, ForceWebReadyDocumentViewingFirstOnPublicComputers, ForceWebReadyDocumentViewingFirstOnPrivateComputers, WSSAccessOnPublicComputersEnabled, WSSAccessOnPrivateComputersEnabled, UNCAccessOnPublicComputersEnabled, UNCAccessOnPrivateComputersEnabled, WebReadyDocumentViewingForAllSupportedTypes, ForceSaveAttachmentFilteringEnabled, RedirectToOptimalOWAServer, UseGB18030, UseISO885915, LegacyRedirectType, CrossSiteRedirectType, InstantMessagingType,
    ];

    /// <summary>What Set-EcpVirtualDirectory writes.</summary>
    public static IReadOnlyList<SettingDefinition> Ecp { get; } =
    [
        InternalUrl, ExternalUrl, ExternalAuthenticationMethods, BasicAuthentication, DigestAuthentication, FormsAuthentication, WindowsAuthentication, LiveIdAuthentication, ExtendedProtectionFlags, ExtendedProtectionSPNList, ExtendedProtectionTokenChecking, GzipLevel,
    ];

    /// <summary>What the Get- cmdlet reads back for that kind.</summary>
    public static IReadOnlyList<SettingDefinition> EcpRead { get; } =
    [
        InternalUrl, ExternalUrl, InternalAuthenticationMethods, ExternalAuthenticationMethods, BasicAuthentication, DigestAuthentication, FormsAuthentication, WindowsAuthentication, LiveIdAuthentication, LiveIdBasicAuthentication, WSSecurityAuthentication, CertificateAuthentication, LiveIdSpNegoAuthentication, ExtendedProtectionFlags, ExtendedProtectionSPNList, ExtendedProtectionTokenChecking, GzipLevel,
    ];

    /// <summary>What Set-WebServicesVirtualDirectory writes.</summary>
    public static IReadOnlyList<SettingDefinition> WebServices { get; } =
    [
        InternalUrl, ExternalUrl, BasicAuthentication, DigestAuthentication, WindowsAuthentication, LiveIdBasicAuthentication, WSSecurityAuthentication, CertificateAuthentication, LiveIdSpNegoAuthentication, ExtendedProtectionFlags, ExtendedProtectionSPNList, ExtendedProtectionTokenChecking, GzipLevel, InternalNLBBypassUrl, MRSProxyEnabled, MRSProxyMaxConnections,
    ];

    /// <summary>What the Get- cmdlet reads back for that kind.</summary>
    public static IReadOnlyList<SettingDefinition> WebServicesRead { get; } =
    [
        InternalUrl, ExternalUrl, InternalAuthenticationMethods, ExternalAuthenticationMethods, BasicAuthentication, DigestAuthentication, FormsAuthentication, WindowsAuthentication, LiveIdAuthentication, LiveIdBasicAuthentication, WSSecurityAuthentication, CertificateAuthentication, LiveIdSpNegoAuthentication, ExtendedProtectionFlags, ExtendedProtectionSPNList, ExtendedProtectionTokenChecking, GzipLevel, InternalNLBBypassUrl, MRSProxyEnabled, MRSProxyMaxConnections,
    ];

    /// <summary>What Set-OabVirtualDirectory writes.</summary>
    public static IReadOnlyList<SettingDefinition> Oab { get; } =
    [
        InternalUrl, ExternalUrl, BasicAuthentication, WindowsAuthentication, ExtendedProtectionFlags, ExtendedProtectionSPNList, ExtendedProtectionTokenChecking, PollInterval, RequireSSL,
    ];

    /// <summary>What the Get- cmdlet reads back for that kind.</summary>
    public static IReadOnlyList<SettingDefinition> OabRead { get; } =
    [
        InternalUrl, ExternalUrl, InternalAuthenticationMethods, ExternalAuthenticationMethods, BasicAuthentication, DigestAuthentication, FormsAuthentication, WindowsAuthentication, LiveIdAuthentication, LiveIdBasicAuthentication, WSSecurityAuthentication, CertificateAuthentication, LiveIdSpNegoAuthentication, ExtendedProtectionFlags, ExtendedProtectionSPNList, ExtendedProtectionTokenChecking, PollInterval, RequireSSL,
    ];

    /// <summary>What Set-AutodiscoverVirtualDirectory writes.</summary>
    public static IReadOnlyList<SettingDefinition> Autodiscover { get; } =
    [
        InternalUrl, ExternalUrl, BasicAuthentication, DigestAuthentication, WindowsAuthentication, LiveIdBasicAuthentication, WSSecurityAuthentication, LiveIdSpNegoAuthentication, ExtendedProtectionFlags, ExtendedProtectionSPNList, ExtendedProtectionTokenChecking,
    ];

    /// <summary>What the Get- cmdlet reads back for that kind.</summary>
    public static IReadOnlyList<SettingDefinition> AutodiscoverRead { get; } =
    [
        InternalUrl, ExternalUrl, InternalAuthenticationMethods, ExternalAuthenticationMethods, BasicAuthentication, DigestAuthentication, FormsAuthentication, WindowsAuthentication, LiveIdAuthentication, LiveIdBasicAuthentication, WSSecurityAuthentication, CertificateAuthentication, LiveIdSpNegoAuthentication, ExtendedProtectionFlags, ExtendedProtectionSPNList, ExtendedProtectionTokenChecking,
    ];

    /// <summary>What Set-OutlookAnywhere writes.</summary>
    public static IReadOnlyList<SettingDefinition> OutlookAnywhere { get; } =
    [
        ExtendedProtectionFlags, ExtendedProtectionSPNList, ExtendedProtectionTokenChecking, ExternalHostname, ClientAuthenticationMethod, IISAuthenticationMethods, SSLOffloading, XropUrl,
    ];

    /// <summary>What the Get- cmdlet reads back for that kind.</summary>
    public static IReadOnlyList<SettingDefinition> OutlookAnywhereRead { get; } =
    [
        ExtendedProtectionFlags, ExtendedProtectionSPNList, ExtendedProtectionTokenChecking, ExternalHostname, ClientAuthenticationMethod, IISAuthenticationMethods, SSLOffloading, XropUrl,
    ];

    /// <summary>The catalogue of a kind, for its Set- cmdlet.</summary>
    public static IReadOnlyList<SettingDefinition> For(VirtualDirectoryKind kind) =>
        kind == VirtualDirectoryKind.Owa ? Owa : kind == VirtualDirectoryKind.Ecp ? Ecp : kind == VirtualDirectoryKind.WebServices ? WebServices
        : kind == VirtualDirectoryKind.Oab ? Oab : kind == VirtualDirectoryKind.Autodiscover ? Autodiscover : kind == VirtualDirectoryKind.OutlookAnywhere ? OutlookAnywhere : [];

    /// <summary>Two-valued enumerations kept as one bit of casdirOWAFlags: set for the enumeration's value 1.</summary>
    public static IReadOnlyDictionary<string, Type> EnumBits { get; } = new Dictionary<string, Type>
    {
        [LegacyRedirectType.Name] = typeof(LegacyRedirectTypeOptions),
        [CrossSiteRedirectType.Name] = typeof(LegacyRedirectTypeOptions),
        [InstantMessagingType.Name] = typeof(InstantMessagingTypeOptions),
    };

    /// <summary>Every attribute a virtual directory read fetches for them.</summary>
    public static IReadOnlyList<string> Attributes { get; } =
        new[] { OwaRead, EcpRead, WebServicesRead, OabRead, AutodiscoverRead, OutlookAnywhereRead }.SelectMany(l => l).Select(d => d.Attribute).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
}

/// <summary>Outlook Anywhere's ExternalHostname, which Exchange stores as the URL https://host/rpc in msExchExternalHostName.</summary>
public sealed record RpcHostnameSyntax : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) =>
        stored.Count == 0 ? null : Uri.TryCreate(stored[0], UriKind.Absolute, out var uri) ? uri.Host : stored[0];

    public override IReadOnlyList<string> Write(string property, object? value) => value?.ToString() switch
    {
        null or "" => [],
        var host when Naming.Fqdn.IsValid(host) => [$"https://{host}/rpc"],
        var other => throw new DomainRuleException($"{property} '{other}' is not valid: use a host name such as mail.lab.local.", isMalformedInput: true),
    };
}

/// <summary>An authentication method; a set of them is kept as one integer of these flags (msExchInternal/ExternalAuthenticationMethods).</summary>
[Flags]
public enum AuthenticationMethod
{
    None = 0,
    Basic = 1,
    Ntlm = 2,
    Fba = 4,
    Digest = 8,
    WindowsIntegrated = 16,
    LiveIdFba = 32,
    LiveIdBasic = 64,
    WSSecurity = 128,
    Certificate = 256,
    NegoEx = 512,
}

/// <summary>Extended Protection for Authentication options (-ExtendedProtectionFlags), kept as one integer.</summary>
[Flags]
public enum ExtendedProtectionFlag
{
    None = 0,
    Proxy = 1,
    NoServiceNameCheck = 2,
    AllowDotlessSpn = 4,
    ProxyCoHosting = 8,
}

public enum ExtendedProtectionTokenCheckingMode { None = 0, Allow = 1, Require = 2 }

public enum GzipLevel { Off = 0, Low = 1, High = 2, Error = 3 }

public enum AttachmentBlockingActions { Allow = 0, ForceSave = 1, Block = 2 }

public enum RemoteDocumentsActions { Allow = 0, Block = 1 }

public enum ClientAuthCleanupLevels { High = 0, Low = 1 }

public enum WebBeaconFilterLevels { UserFilterChoice = 0, ForceFilter = 1, DisableFilter = 2 }

public enum LogonFormats { FullDomain = 0, PrincipalName = 1, UserName = 2 }

public enum OutboundCharsetOptions { AutoDetect = 0, AlwaysUTF8 = 1, UserLanguageChoice = 2 }

public enum ExchwebProxyDestinations { NotSpecified = 0, Exchange2003 = 1 }

public enum VirtualDirectoryTypes { NotSpecified = 0, Mailboxes = 1, PublicFolders = 2, Exchweb = 3, Owa = 4 }

public enum LegacyRedirectTypeOptions { Silent = 0, Manual = 1 }

public enum InstantMessagingTypeOptions { None = 0, Ocs = 1 }
