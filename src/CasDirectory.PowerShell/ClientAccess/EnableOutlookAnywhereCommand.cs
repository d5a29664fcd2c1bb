using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Values;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Objects;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Enables Outlook Anywhere (RPC over HTTP) on an Exchange 2010 Client Access server: creates its Rpc (Default Web Site) object.</para>
/// <para type="description">The object is created in one LDAP add with every setting given: the external host name (stored as https://host/rpc), ClientAuthenticationMethod (msExchExternalAuthenticationMethods), IISAuthenticationMethods (msExchInternalAuthenticationMethods), SSLOffloading (bit 1 of msExchRpcHttpFlags), Extended Protection and XropUrl. EMS also installs the RPC over HTTP proxy Windows component and configures IIS; nothing here does.</para>
/// </summary>
/// <example>
/// <code>Enable-OutlookAnywhere -Server CAS-A5 -ExternalHostname webmail.lab.local -ClientAuthenticationMethod Basic -SSLOffloading $false</code>
/// <para>Publishes Outlook Anywhere on CAS-A5 as webmail.lab.local.</para>
/// </example>
/// <example>
/// <code>Enable-OutlookAnywhere -Server CAS-A5 -ExternalHostname webmail.lab.local -DefaultAuthenticationMethod Ntlm -SSLOffloading $true</code>
/// <para>The same with NTLM for clients and IIS, behind an SSL-offloading load balancer.</para>
/// </example>
/// <example>
/// <code>Enable-OutlookAnywhere -Server:E2K10-MLT-01 -ExternalHostname:webmail.lab.local -ClientAuthenticationMethod:Ntlm -SSLOffloading:$true</code>
/// <para>Enables Outlook Anywhere on E2K10-MLT-01 (after it was disabled) with the external host name webmail.lab.local, NTLM for clients and SSL offloading (Microsoft Learn, Enable-OutlookAnywhere, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsLifecycle.Enable, "OutlookAnywhere", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "CustomIdentity")]
public sealed class EnableOutlookAnywhereCommand : CasDirectoryCmdlet
{
    /// <summary>The Exchange 2010 Client Access server (EMS defaults to the local server; here it must be given): a name, FQDN or DN, or a server piped in.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter? Server { get; set; }

    /// <summary>The host name Outlook Anywhere clients use, such as webmail.lab.local.</summary>
    [Parameter(Mandatory = true)]
    public Hostname ExternalHostname { get; set; } = null!;

    /// <summary>Basic or Ntlm: how Outlook clients authenticate (msExchExternalAuthenticationMethods). Required, as in EMS, unless -DefaultAuthenticationMethod is given.</summary>
    [Parameter(ParameterSetName = "CustomIdentity", Mandatory = true), ValidateSet("Basic", "Ntlm")]
    public AuthenticationMethod ClientAuthenticationMethod { get; set; }

    /// <summary>Basic or Ntlm for both the clients and IIS (ClientAuthenticationMethod and IISAuthenticationMethods).</summary>
    [Parameter(ParameterSetName = "DefaultIdentity", Mandatory = true), ValidateSet("Basic", "Ntlm")]
    public AuthenticationMethod DefaultAuthenticationMethod { get; set; }

    /// <summary>The methods IIS accepts on /rpc, Basic and/or Ntlm (msExchInternalAuthenticationMethods; default Basic,Ntlm).</summary>
    [Parameter(ParameterSetName = "CustomIdentity"), AllowNull, ExchangeValue(typeof(MultiValuedProperty<AuthenticationMethod>))]
    public MultiValuedProperty<AuthenticationMethod>? IISAuthenticationMethods { get; set; }

    /// <summary>$true when SSL ends at a load balancer in front of the server (bit 1 of msExchRpcHttpFlags). Required, as in EMS.</summary>
    [Parameter(Mandatory = true)]
    public bool SSLOffloading { get; set; }

    /// <summary>The cross-premises (Xrop) URL of Exchange 2010 hosting deployments (msExchXropUrl).</summary>
    [Parameter, AllowNull, ValidateUri("XropUrl")]
    public Uri? XropUrl { get; set; }

    /// <summary>Extended Protection for Authentication: None, Proxy, NoServiceNameCheck, AllowDotlessSpn, ProxyCoHosting (msExchExtendedProtectionFlags, flags; stored only).</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<ExtendedProtectionFlag>))]
    public MultiValuedProperty<ExtendedProtectionFlag>? ExtendedProtectionFlags { get; set; }

    /// <summary>The service principal names Extended Protection accepts, such as HTTP/mail.lab.local (msExchExtendedProtectionSPNList).</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<string>))]
    public MultiValuedProperty<string>? ExtendedProtectionSPNList { get; set; }

    /// <summary>None, Allow or Require (msExchExtendedProtectionTokenChecking; stored only).</summary>
    [Parameter]
    public ExtendedProtectionTokenCheckingMode ExtendedProtectionTokenChecking { get; set; }

    protected override void InternalProcessRecord()
    {
        var given = SettingsGiven(VirtualDirectorySettings.OutlookAnywhere).Where(c => c.Definition != VirtualDirectorySettings.ClientAuthenticationMethod).ToList();
        if (ParameterSetName == "CustomIdentity")
            given.Add(new Core.Settings.SettingChange(VirtualDirectorySettings.ClientAuthenticationMethod, ClientAuthenticationMethod));
        var changes = OutlookAnywhereChanges.Given(given, ParameterSetName == "DefaultIdentity" ? DefaultAuthenticationMethod : null);
        if (Server is null)
            throw new DomainRuleException("Give -Server: EMS enables Outlook Anywhere on the server it runs on, and casdir runs on none.", isMalformedInput: true);
        var directory = DataSession;
        var server = ObjectLookup.Server(directory.ReadServersAndArrays().Servers, Server.RawIdentity);
        CurrentTarget = server.Name;
        if (!server.IsRpcClientAccessServer)
            throw new DomainRuleException($"{server.Name} is not an Exchange 2010 Client Access server.");
        if (directory.ReadVirtualDirectories().Any(v => v.Kind == VirtualDirectoryKind.OutlookAnywhere && ObjectLookup.Same(v.ServerName, server.Name)))
            throw new DomainRuleException($"Outlook Anywhere is already enabled on {server.Name}. Set-OutlookAnywhere changes it.");
        if (ShouldWrite($"Exchange server \"{server.Name}\"", $"-ExternalHostname {ExternalHostname}"))
            directory.EnableOutlookAnywhere(server, changes);
    }
}
