using System.Management.Automation;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Values;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Changes the Outlook Web App virtual directory (owa (Default Web Site)): its URLs, authentication methods and the other settings Exchange keeps on the object.</para>
/// <para type="description">Every setting given is written in one LDAP modify of the virtual directory object, so they all apply or none does; a bad value writes nothing. The *Authentication booleans turn flags of InternalAuthenticationMethods on and off, as Exchange keeps them. Settings that act on IIS are stored as Exchange stores them; nothing here configures a web server.</para>
/// </summary>
/// <example>
/// <code>Set-OwaVirtualDirectory "E2K10-MLT-02\owa (Default Web Site)" -ExternalUrl https://mail.lab.local/owa</code>
/// <para>Publishes the owa virtual directory of E2K10-MLT-02 as https://mail.lab.local/owa.</para>
/// </example>
/// <example>
/// <code>Get-OwaVirtualDirectory -Server E2K10-MLT-02 | Set-OwaVirtualDirectory -CalendarEnabled $false -BlockedFileTypes .exe,.vbs -LogonFormat UserName -DefaultDomain lab.local</code>
/// <para>Turns the calendar off, blocks two file types and asks for the user name only, in one write.</para>
/// </example>
/// <example>
/// <code>Set-OwaVirtualDirectory -Identity "E2K10-MLT-01\owa (default Web site)" -DirectFileAccessOnPublicComputersEnabled $false</code>
/// <para>Stops users on public computers opening attachments directly in Outlook Web App on E2K10-MLT-01 (Microsoft Learn, Set-OwaVirtualDirectory, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Set-OwaVirtualDirectory -Identity "E2K10-MLT-01\owa (default Web site)" -ActionForUnknownFileAndMIMETypes Block</code>
/// <para>Makes Outlook Web App on E2K10-MLT-01 block files of unknown types (Microsoft Learn, Set-OwaVirtualDirectory, Exchange 2010 example 2, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "OwaVirtualDirectory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetOwaVirtualDirectoryCommand : SetVirtualDirectoryCommand
{
    /// <summary>The authentication methods offered to clients outside the firewall, such as Fba or Basic,Fba (msExchExternalAuthenticationMethods, flags).</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<AuthenticationMethod>))] public MultiValuedProperty<AuthenticationMethod>? ExternalAuthenticationMethods { get; set; }

    /// <summary>Turns Basic authentication on or off: the Basic flag (1) of InternalAuthenticationMethods (msExchInternalAuthenticationMethods), as Exchange keeps it.</summary>
    [Parameter] public bool BasicAuthentication { get; set; }

    /// <summary>Turns Digest authentication on or off: the Digest flag (8) of InternalAuthenticationMethods (msExchInternalAuthenticationMethods), as Exchange keeps it.</summary>
    [Parameter] public bool DigestAuthentication { get; set; }

    /// <summary>Turns Fba authentication on or off: the Fba flag (4) of InternalAuthenticationMethods (msExchInternalAuthenticationMethods), as Exchange keeps it.</summary>
    [Parameter] public bool FormsAuthentication { get; set; }

    /// <summary>Turns WindowsIntegrated authentication on or off: the WindowsIntegrated flag (16) of InternalAuthenticationMethods (msExchInternalAuthenticationMethods), as Exchange keeps it.</summary>
    [Parameter] public bool WindowsAuthentication { get; set; }

    /// <summary>Turns LiveIdFba authentication on or off: the LiveIdFba flag (32) of InternalAuthenticationMethods (msExchInternalAuthenticationMethods), as Exchange keeps it.</summary>
    [Parameter] public bool LiveIdAuthentication { get; set; }

    /// <summary>Off, Low, High or Error: HTTP compression (msExchGzipLevel; default Low; stored only).</summary>
    [Parameter] public GzipLevel GzipLevel { get; set; }

    /// <summary>The file name extensions OWA lets users open, such as .doc (msExchOWAAllowedFileTypes); several values as an array, $null clears them.</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<String>))] public MultiValuedProperty<String>? AllowedFileTypes { get; set; }

    /// <summary>The MIME types OWA lets users open (msExchOWAAllowedMimeTypes); several values as an array, $null clears them.</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<String>))] public MultiValuedProperty<String>? AllowedMimeTypes { get; set; }

    /// <summary>The file name extensions OWA blocks (msExchOWABlockedFileTypes); several values as an array, $null clears them.</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<String>))] public MultiValuedProperty<String>? BlockedFileTypes { get; set; }

    /// <summary>The MIME types OWA blocks (msExchOWABlockedMIMETypes); several values as an array, $null clears them.</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<String>))] public MultiValuedProperty<String>? BlockedMimeTypes { get; set; }

    /// <summary>The file name extensions OWA makes users save before opening (msExchOWAForceSaveFileTypes); several values as an array, $null clears them.</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<String>))] public MultiValuedProperty<String>? ForceSaveFileTypes { get; set; }

    /// <summary>The MIME types OWA makes users save before opening (msExchOWAForceSaveMIMETypes); several values as an array, $null clears them.</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<String>))] public MultiValuedProperty<String>? ForceSaveMimeTypes { get; set; }

    /// <summary>The file name extensions WebReady Document Viewing converts (msExchOWAWebReadyFileTypes); several values as an array, $null clears them.</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<String>))] public MultiValuedProperty<String>? WebReadyFileTypes { get; set; }

    /// <summary>The MIME types WebReady Document Viewing converts (msExchOWAWebReadyMIMETypes); several values as an array, $null clears them.</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<String>))] public MultiValuedProperty<String>? WebReadyMimeTypes { get; set; }

    /// <summary>The file name extensions WebReady Document Viewing supports (msExchOWATranscodingFileTypes); several values as an array, $null clears them.</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<String>))] public MultiValuedProperty<String>? WebReadyDocumentViewingSupportedFileTypes { get; set; }

    /// <summary>The MIME types WebReady Document Viewing supports (msExchOWATranscodingMimeTypes); several values as an array, $null clears them.</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<String>))] public MultiValuedProperty<String>? WebReadyDocumentViewingSupportedMimeTypes { get; set; }

    /// <summary>The host names of SharePoint and file servers OWA may open documents from (msExchOWARemoteDocumentsAllowedServers); several values as an array, $null clears them.</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<String>))] public MultiValuedProperty<String>? RemoteDocumentsAllowedServers { get; set; }

    /// <summary>The host names of servers OWA may not open documents from (msExchOWARemoteDocumentsBlockedServers); several values as an array, $null clears them.</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<String>))] public MultiValuedProperty<String>? RemoteDocumentsBlockedServers { get; set; }

    /// <summary>The domain suffixes OWA treats as internal (msExchOWARemoteDocumentsInternalDomainSuffixList); several values as an array, $null clears them.</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<String>))] public MultiValuedProperty<String>? RemoteDocumentsInternalDomainSuffixList { get; set; }

    /// <summary>Allow, ForceSave or Block: what OWA does with a file type on no list (default Allow) (msExchOWAActionForUnknownFileAndMIMETypes).</summary>
    [Parameter] public AttachmentBlockingActions ActionForUnknownFileAndMIMETypes { get; set; }

    /// <summary>Allow or Block: documents on servers on neither list (default Block) (msExchOWARemoteDocumentsActionForUnknownServers).</summary>
    [Parameter] public RemoteDocumentsActions RemoteDocumentsActionForUnknownServers { get; set; }

    /// <summary>High or Low: how much OWA clears from the browser cache at sign-out (default High) (msExchOWAClientAuthCleanupLevel).</summary>
    [Parameter] public ClientAuthCleanupLevels ClientAuthCleanupLevel { get; set; }

    /// <summary>UserFilterChoice, ForceFilter or DisableFilter: web beacons and HTML forms in messages (msExchOWAFilterWebBeacons).</summary>
    [Parameter] public WebBeaconFilterLevels FilterWebBeaconsAndHtmlForms { get; set; }

    /// <summary>FullDomain, PrincipalName or UserName: the user name form the forms-based sign-in page asks for (msExchOWALogonFormat).</summary>
    [Parameter] public LogonFormats LogonFormat { get; set; }

    /// <summary>AutoDetect, AlwaysUTF8 or UserLanguageChoice: the character set of mail OWA sends (msExchOWAOutboundCharset).</summary>
    [Parameter] public OutboundCharsetOptions OutboundCharset { get; set; }

    /// <summary>NotSpecified or Exchange2003: where /exchweb requests are proxied (coexistence) (msExchOWAExchwebProxyDestination).</summary>
    [Parameter] public ExchwebProxyDestinations ExchwebProxyDestination { get; set; }

    /// <summary>NotSpecified, Mailboxes, PublicFolders, Exchweb or Owa: the kind of OWA virtual directory (msExchOWAVirtualDirectoryType).</summary>
    [Parameter] public VirtualDirectoryTypes VirtualDirectoryType { get; set; }

    /// <summary>The language (an LCID such as 1033) OWA uses when the user has none (msExchOWADefaultClientLanguage); $null clears it.</summary>
    [Parameter] public int DefaultClientLanguage { get; set; }

    /// <summary>The language (an LCID) of the sign-in and error pages (msExchOWALogonAndErrorLanguage); $null clears it.</summary>
    [Parameter] public int LogonAndErrorLanguage { get; set; }

    /// <summary>How often, in seconds, OWA checks for new notifications, 1 to 86400 (msExchOWANotificationInterval; default 120).</summary>
    [Parameter] public int NotificationInterval { get; set; }

    /// <summary>Minutes of inactivity before OWA drops a user's session context, 1 to 43200 (msExchOWAUserContextTimeout; default 60).</summary>
    [Parameter] public int UserContextTimeout { get; set; }

    /// <summary>The domain OWA adds to a user name typed without one (msExchOWADefaultDomain); '' clears it.</summary>
    [Parameter, AllowNull, AllowEmptyString] public string? DefaultDomain { get; set; }

    /// <summary>The theme OWA uses when the user has chosen none (msExchOWADefaultTheme); '' clears it.</summary>
    [Parameter, AllowNull, AllowEmptyString] public string? DefaultTheme { get; set; }

    /// <summary>The Office Communications Server OWA's instant messaging uses (msExchOWAIMServerName).</summary>
    [Parameter, AllowNull, AllowEmptyString] public string? InstantMessagingServerName { get; set; }

    /// <summary>The thumbprint of the certificate OWA presents to the instant messaging server (msExchOWAIMCertificateThumbprint).</summary>
    [Parameter, AllowNull, AllowEmptyString] public string? InstantMessagingCertificateThumbprint { get; set; }

    /// <summary>The OWA URL of the Exchange 2003 servers mailboxes not yet moved are sent to (msExch2003Url); $null clears it.</summary>
    [Parameter, AllowNull, ValidateUri("Exchange2003Url")] public Uri? Exchange2003Url { get; set; }

    /// <summary>The URL OWA redirects to after a site failback (msExchOWAFailbackURL); $null clears it.</summary>
    [Parameter, AllowNull, ValidateUri("FailbackUrl")] public Uri? FailbackUrl { get; set; }

    /// <summary>Whether the ActiveSyncIntegration feature is available in OWA (default $true): bit 0 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool ActiveSyncIntegrationEnabled { get; set; }

    /// <summary>Whether the AllAddressLists feature is available in OWA (default $true): bit 1 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool AllAddressListsEnabled { get; set; }

    /// <summary>Whether the Calendar feature is available in OWA (default $true): bit 2 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool CalendarEnabled { get; set; }

    /// <summary>Whether the CalendarPublishing feature is available in OWA (default $true): bit 3 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool CalendarPublishingEnabled { get; set; }

    /// <summary>Whether the ChangePassword feature is available in OWA (default $true): bit 4 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool ChangePasswordEnabled { get; set; }

    /// <summary>Whether the Contacts feature is available in OWA (default $true): bit 5 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool ContactsEnabled { get; set; }

    /// <summary>Whether the DelegateAccess feature is available in OWA (default $true): bit 6 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool DelegateAccessEnabled { get; set; }

    /// <summary>Whether the ExplicitLogon feature is available in OWA (default $true): bit 7 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool ExplicitLogonEnabled { get; set; }

    /// <summary>Whether the GlobalAddressList feature is available in OWA (default $true): bit 8 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool GlobalAddressListEnabled { get; set; }

    /// <summary>Whether the InstantMessaging feature is available in OWA (default $true): bit 9 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool InstantMessagingEnabled { get; set; }

    /// <summary>Whether the IRM feature is available in OWA (default $true): bit 10 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool IRMEnabled { get; set; }

    /// <summary>Whether the Journal feature is available in OWA (default $true): bit 11 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool JournalEnabled { get; set; }

    /// <summary>Whether the JunkEmail feature is available in OWA (default $true): bit 12 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool JunkEmailEnabled { get; set; }

    /// <summary>Whether the Notes feature is available in OWA (default $true): bit 13 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool NotesEnabled { get; set; }

    /// <summary>Whether the Organization feature is available in OWA (default $true): bit 14 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool OrganizationEnabled { get; set; }

    /// <summary>Whether the OWALight feature is available in OWA (default $true): bit 15 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool OWALightEnabled { get; set; }

    /// <summary>Whether the OWAMini feature is available in OWA (default $false): bit 16 of casdirOWASegmentationFlags, ours, set when the feature is on.</summary>
    [Parameter] public bool OWAMiniEnabled { get; set; }

    /// <summary>Whether the PremiumClient feature is available in OWA (default $true): bit 17 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool PremiumClientEnabled { get; set; }

    /// <summary>Whether the PublicFolders feature is available in OWA (default $true): bit 18 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool PublicFoldersEnabled { get; set; }

    /// <summary>Whether the RecoverDeletedItems feature is available in OWA (default $true): bit 19 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool RecoverDeletedItemsEnabled { get; set; }

    /// <summary>Whether the RemindersAndNotifications feature is available in OWA (default $true): bit 20 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool RemindersAndNotificationsEnabled { get; set; }

    /// <summary>Whether the Rules feature is available in OWA (default $true): bit 21 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool RulesEnabled { get; set; }

    /// <summary>Whether the SearchFolders feature is available in OWA (default $true): bit 22 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool SearchFoldersEnabled { get; set; }

    /// <summary>Whether the Signatures feature is available in OWA (default $true): bit 23 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool SignaturesEnabled { get; set; }

    /// <summary>Whether the Silverlight feature is available in OWA (default $true): bit 24 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool SilverlightEnabled { get; set; }

    /// <summary>Whether the SMime feature is available in OWA (default $true): bit 25 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool SMimeEnabled { get; set; }

    /// <summary>Whether the SpellChecker feature is available in OWA (default $true): bit 26 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool SpellCheckerEnabled { get; set; }

    /// <summary>Whether the Tasks feature is available in OWA (default $true): bit 27 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool TasksEnabled { get; set; }

    /// <summary>Whether the TextMessaging feature is available in OWA (default $true): bit 28 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool TextMessagingEnabled { get; set; }

    /// <summary>Whether the ThemeSelection feature is available in OWA (default $true): bit 29 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool ThemeSelectionEnabled { get; set; }

    /// <summary>Whether the UMIntegration feature is available in OWA (default $true): bit 30 of casdirOWASegmentationFlags, ours, set when the feature is off.</summary>
    [Parameter] public bool UMIntegrationEnabled { get; set; }

    /// <summary>DirectFileAccessOnPublicComputersEnabled (default $true): bit 0 of casdirOWAFlags, ours.</summary>
    [Parameter] public bool DirectFileAccessOnPublicComputersEnabled { get; set; }

    /// <summary>DirectFileAccessOnPrivateComputersEnabled (default $true): bit 1 of casdirOWAFlags, ours.</summary>
    [Parameter] public bool DirectFileAccessOnPrivateComputersEnabled { get; set; }

    /// <summary>WebReadyDocumentViewingOnPublicComputersEnabled (default $true): bit 2 of casdirOWAFlags, ours.</summary>
    [Parameter] public bool WebReadyDocumentViewingOnPublicComputersEnabled { get; set; }

    /// <summary>WebReadyDocumentViewingOnPrivateComputersEnabled (default $true): bit 3 of casdirOWAFlags, ours.</summary>
    [Parameter] public bool WebReadyDocumentViewingOnPrivateComputersEnabled { get; set; }

    /// <summary>ForceWebReadyDocumentViewingFirstOnPublicComputers (default $false): bit 4 of casdirOWAFlags, ours.</summary>
    [Parameter] public bool ForceWebReadyDocumentViewingFirstOnPublicComputers { get; set; }

    /// <summary>ForceWebReadyDocumentViewingFirstOnPrivateComputers (default $false): bit 5 of casdirOWAFlags, ours.</summary>
    [Parameter] public bool ForceWebReadyDocumentViewingFirstOnPrivateComputers { get; set; }

    /// <summary>WSSAccessOnPublicComputersEnabled (default $true): bit 6 of casdirOWAFlags, ours.</summary>
    [Parameter] public bool WSSAccessOnPublicComputersEnabled { get; set; }

    /// <summary>WSSAccessOnPrivateComputersEnabled (default $true): bit 7 of casdirOWAFlags, ours.</summary>
    [Parameter] public bool WSSAccessOnPrivateComputersEnabled { get; set; }

    /// <summary>UNCAccessOnPublicComputersEnabled (default $true): bit 8 of casdirOWAFlags, ours.</summary>
    [Parameter] public bool UNCAccessOnPublicComputersEnabled { get; set; }

    /// <summary>UNCAccessOnPrivateComputersEnabled (default $true): bit 9 of casdirOWAFlags, ours.</summary>
    [Parameter] public bool UNCAccessOnPrivateComputersEnabled { get; set; }

    /// <summary>WebReadyDocumentViewingForAllSupportedTypes (default $true): bit 10 of casdirOWAFlags, ours.</summary>
    [Parameter] public bool WebReadyDocumentViewingForAllSupportedTypes { get; set; }

    /// <summary>ForceSaveAttachmentFilteringEnabled (default $false): bit 11 of casdirOWAFlags, ours.</summary>
    [Parameter] public bool ForceSaveAttachmentFilteringEnabled { get; set; }

    /// <summary>RedirectToOptimalOWAServer (default $true): bit 12 of casdirOWAFlags, ours.</summary>
    [Parameter] public bool RedirectToOptimalOWAServer { get; set; }

    /// <summary>UseGB18030 (default $false): bit 13 of casdirOWAFlags, ours.</summary>
    [Parameter] public bool UseGB18030 { get; set; }

    /// <summary>UseISO885915 (default $false): bit 14 of casdirOWAFlags, ours.</summary>
    [Parameter] public bool UseISO885915 { get; set; }

    /// <summary>Silent or Manual: how OWA sends users to an Exchange 2003/2007 server (bit 15 of casdirOWAFlags, ours: set for Manual).</summary>
    [Parameter] public LegacyRedirectTypeOptions LegacyRedirectType { get; set; }

    /// <summary>Silent or Manual: how OWA sends users to the OWA of another Active Directory site (bit 16 of casdirOWAFlags, ours: set for Manual).</summary>
    [Parameter] public LegacyRedirectTypeOptions CrossSiteRedirectType { get; set; }

    /// <summary>None or Ocs: the instant messaging provider of OWA (bit 17 of casdirOWAFlags, ours: set for Ocs).</summary>
    [Parameter] public InstantMessagingTypeOptions InstantMessagingType { get; set; }

    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.Owa;
}
