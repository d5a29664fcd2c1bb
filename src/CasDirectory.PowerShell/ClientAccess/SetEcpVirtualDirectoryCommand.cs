using System.Management.Automation;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Values;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Changes the Exchange Control Panel virtual directory (ecp (Default Web Site)): its URLs, authentication methods and the other settings Exchange keeps on the object.</para>
/// <para type="description">Every setting given is written in one LDAP modify of the virtual directory object, so they all apply or none does; a bad value writes nothing. The *Authentication booleans turn flags of InternalAuthenticationMethods on and off, as Exchange keeps them. Settings that act on IIS are stored as Exchange stores them; nothing here configures a web server.</para>
/// </summary>
/// <example>
/// <code>Set-EcpVirtualDirectory "E2K10-MLT-02\ecp (Default Web Site)" -ExternalUrl https://mail.lab.local/ecp -FormsAuthentication $true -BasicAuthentication $true</code>
/// <para>Publishes the ECP and turns on forms-based and Basic authentication.</para>
/// </example>
/// <example>
/// <code>Set-EcpVirtualDirectory -Identity "E2K10-MLT-01\ecp (default Web site)" -BasicAuthentication:$false</code>
/// <para>Turns Basic authentication off on the Exchange Control Panel virtual directory of E2K10-MLT-01 (Microsoft Learn, Set-EcpVirtualDirectory, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "EcpVirtualDirectory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetEcpVirtualDirectoryCommand : SetVirtualDirectoryCommand
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

    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.Ecp;
}
