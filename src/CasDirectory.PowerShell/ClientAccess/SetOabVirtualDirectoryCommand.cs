using System.Management.Automation;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Values;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Changes the offline address book virtual directory (OAB (Default Web Site)): its URLs, authentication methods and the other settings Exchange keeps on the object.</para>
/// <para type="description">Every setting given is written in one LDAP modify of the virtual directory object, so they all apply or none does; a bad value writes nothing. The *Authentication booleans turn flags of InternalAuthenticationMethods on and off, as Exchange keeps them. Settings that act on IIS are stored as Exchange stores them; nothing here configures a web server.</para>
/// </summary>
/// <example>
/// <code>Set-OabVirtualDirectory "E2K10-MLT-02\OAB (Default Web Site)" -ExternalUrl https://mail.lab.local/OAB -PollInterval 240 -RequireSSL $true</code>
/// <para>Publishes the OAB virtual directory and has it poll every four hours.</para>
/// </example>
/// <example>
/// <code>Set-OABVirtualDirectory -Identity "E2K10-MLT-01\OAB (Default Web Site)" -ExternalUrl "https://webmail.lab.local/OAB"</code>
/// <para>Sets the external URL of the OAB virtual directory of E2K10-MLT-01 (Microsoft Learn, Set-OabVirtualDirectory, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "OabVirtualDirectory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetOabVirtualDirectoryCommand : SetVirtualDirectoryCommand
{
    /// <summary>Turns Basic authentication on or off: the Basic flag (1) of InternalAuthenticationMethods (msExchInternalAuthenticationMethods), as Exchange keeps it.</summary>
    [Parameter] public bool BasicAuthentication { get; set; }

    /// <summary>Turns WindowsIntegrated authentication on or off: the WindowsIntegrated flag (16) of InternalAuthenticationMethods (msExchInternalAuthenticationMethods), as Exchange keeps it.</summary>
    [Parameter] public bool WindowsAuthentication { get; set; }

    /// <summary>How often, in minutes, the OAB virtual directory polls for new offline address books, 1 to 71582 (msExchPollInterval; default 480).</summary>
    [Parameter] public int PollInterval { get; set; }

    /// <summary>Whether the OAB virtual directory requires SSL (msExchRequireSSL; the IIS setting itself is not modelled).</summary>
    [Parameter] public bool RequireSSL { get; set; }

    protected override VirtualDirectoryKind Kind => VirtualDirectoryKind.Oab;
}
