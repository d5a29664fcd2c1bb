using System.Management.Automation;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Values;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Changes the Autodiscover virtual directory (Autodiscover (Default Web Site)): its URLs, authentication methods and the other settings Exchange keeps on the object.</para>
/// <para type="description">Every setting given is written in one LDAP modify of the virtual directory object, so they all apply or none does; a bad value writes nothing. The *Authentication booleans turn flags of InternalAuthenticationMethods on and off, as Exchange keeps them. Settings that act on IIS are stored as Exchange stores them; nothing here configures a web server.</para>
/// </summary>
/// <example>
/// <code>Set-AutodiscoverVirtualDirectory "E2K10-MLT-02\Autodiscover (Default Web Site)" -WindowsAuthentication $true -BasicAuthentication $true</code>
/// <para>Turns on Windows and Basic authentication for Autodiscover.</para>
/// </example>
/// <example>
/// <code>Set-AutodiscoverVirtualDirectory -Identity 'E2K10-MLT-01\Autodiscover (Default Web Site)' -WindowsAuthentication $false -BasicAuthentication $false -DigestAuthentication $true</code>
/// <para>Leaves Digest as the only authentication of the Autodiscover virtual directory of E2K10-MLT-01 (Microsoft Learn, Set-AutodiscoverVirtualDirectory, Exchange 2010 example 1, adapted to the lab: quoted, as the page's later version is, and with the server).</para>
/// </example>
/// <example>
/// <code>Set-AutodiscoverVirtualDirectory -Identity 'E2K10-MLT-01\autodiscover (default Web site)' -ExternalUrl 'https://webmail.lab.local'</code>
/// <para>Sets the external URL of the Autodiscover virtual directory of E2K10-MLT-01 (Microsoft Learn, Set-AutodiscoverVirtualDirectory, Exchange 2010 example 2, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Set-AutodiscoverVirtualDirectory -Identity 'E2K10-MLT-01\autodiscover (default Web site)' -WindowsAuthentication $true</code>
/// <para>Turns Integrated Windows authentication on for the Autodiscover virtual directory of E2K10-MLT-01 (Microsoft Learn, Set-AutodiscoverVirtualDirectory, Exchange 2010 example 3, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "AutodiscoverVirtualDirectory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetAutodiscoverVirtualDirectoryCommand : SetVirtualDirectoryCommand
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

    /// <summary>Turns NegoEx authentication on or off: the NegoEx flag (512) of InternalAuthenticationMethods (msExchInternalAuthenticationMethods), as Exchange keeps it.</summary>
    [Parameter] public bool LiveIdSpNegoAuthentication { get; set; }

    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.Autodiscover;
}
