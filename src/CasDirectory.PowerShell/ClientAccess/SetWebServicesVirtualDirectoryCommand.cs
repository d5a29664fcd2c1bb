using System.Management.Automation;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Values;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Changes the Exchange Web Services virtual directory (EWS (Default Web Site)): its URLs, authentication methods and the other settings Exchange keeps on the object.</para>
/// <para type="description">Every setting given is written in one LDAP modify of the virtual directory object, so they all apply or none does; a bad value writes nothing. The *Authentication booleans turn flags of InternalAuthenticationMethods on and off, as Exchange keeps them. Settings that act on IIS are stored as Exchange stores them; nothing here configures a web server.</para>
/// </summary>
/// <example>
/// <code>Set-WebServicesVirtualDirectory "E2K10-MLT-02\EWS (Default Web Site)" -ExternalUrl https://mail.lab.local/EWS/Exchange.asmx -MRSProxyEnabled $true</code>
/// <para>Publishes EWS and lets the Mailbox Replication Proxy accept moves through it.</para>
/// </example>
/// <example>
/// <code>Set-WebServicesVirtualDirectory -Identity "E2K10-MLT-01\EWS (Default Web Site)" -ExternalUrl https://webmail.lab.local/EWS/exchange.asmx -BasicAuthentication $true -InternalUrl https://E2K10-MLT-01.lab.local/EWS/exchange.asmx</code>
/// <para>Turns Basic authentication on and sets both URLs of the EWS virtual directory of E2K10-MLT-01 (Microsoft Learn, Set-WebServicesVirtualDirectory, Exchange 2010 example 1, adapted to the lab: the identity quoted and spaced, which PowerShell needs).</para>
/// </example>
/// <example>
/// <code>Set-WebServicesVirtualDirectory -Identity "E2K10-MLT-01\EWS (Default Web Site)" -MRSProxyEnabled $true</code>
/// <para>Turns MRSProxy, which helps remote mailbox moves, on for the EWS virtual directory of E2K10-MLT-01 (Microsoft Learn, Set-WebServicesVirtualDirectory, Exchange 2010 example 3, adapted to the lab: with the server).</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "WebServicesVirtualDirectory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetWebServicesVirtualDirectoryCommand : SetVirtualDirectoryCommand
{
    /// <summary>Turns Basic authentication on or off: the Basic flag (1) of InternalAuthenticationMethods (msExchInternalAuthenticationMethods), as Exchange keeps it.</summary>
    [Parameter] public bool BasicAuthentication { get; set; }

    /// <summary>Turns Digest authentication on or off: the Digest flag (8) of InternalAuthenticationMethods (msExchInternalAuthenticationMethods), as Exchange keeps it.</summary>
    [Parameter] public bool DigestAuthentication { get; set; }

    /// <summary>Turns WindowsIntegrated authentication on or off: the WindowsIntegrated flag (16) of InternalAuthenticationMethods (msExchInternalAuthenticationMethods), as Exchange keeps it.</summary>
    [Parameter] public bool WindowsAuthentication { get; set; }

    /// <summary>Turns LiveIdBasic authentication on or off: the LiveIdBasic flag (64) of InternalAuthenticationMethods (msExchInternalAuthenticationMethods), as Exchange keeps it.</summary>
    [Parameter] public bool LiveIdBasicAuthentication { get; set; }

    /// <summary>Turns WSSecurity authentication on or off: the WSSecurity flag (128) of InternalAuthenticationMethods (msExchInternalAuthenticationMethods), as Exchange keeps it.</summary>
    [Parameter] public bool WSSecurityAuthentication { get; set; }

    /// <summary>Turns Certificate authentication on or off: the Certificate flag (256) of InternalAuthenticationMethods (msExchInternalAuthenticationMethods), as Exchange keeps it.</summary>
    [Parameter] public bool CertificateAuthentication { get; set; }

    /// <summary>Turns NegoEx authentication on or off: the NegoEx flag (512) of InternalAuthenticationMethods (msExchInternalAuthenticationMethods), as Exchange keeps it.</summary>
    [Parameter] public bool LiveIdSpNegoAuthentication { get; set; }

    /// <summary>Off, Low, High or Error: HTTP compression (msExchGzipLevel; default Low; stored only).</summary>
    [Parameter] public GzipLevel GzipLevel { get; set; }

    /// <summary>The URL of this server's EWS that bypasses the load balancer, such as https://cas01.lab.local/EWS/Exchange.asmx (msExchInternalNLBBypassHostName); $null clears it.</summary>
    [Parameter, AllowNull, ValidateUri("InternalNLBBypassUrl")] public Uri? InternalNLBBypassUrl { get; set; }

    /// <summary>Whether the Mailbox Replication Proxy service accepts moves through this EWS (bit 1 of msExchMRSProxyFlags).</summary>
    [Parameter] public bool MRSProxyEnabled { get; set; }

    /// <summary>The most concurrent MRSProxy moves, 0 to 1000, or Unlimited (msExchMRSProxyMaxConnections; unset is Unlimited).</summary>
    [Parameter, ExchangeValue(typeof(Unlimited<Int32>))] public Unlimited<Int32> MRSProxyMaxConnections { get; set; }

    /// <summary>Accepted as EMS does; it only suppresses EMS's confirmation about restarting IIS, and nothing here restarts anything.</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    /// <summary>Accepted as EMS does: EMS also updates the IIS management virtual directory; no directory state is kept for it.</summary>
    [Parameter] public SwitchParameter UpdateManagementVirtualDirectory { get; set; }

    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.WebServices;
}
