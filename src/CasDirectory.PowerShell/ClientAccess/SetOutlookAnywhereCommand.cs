using System.Management.Automation;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Settings;
using CasDirectory.Core.Values;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Objects;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Changes Outlook Anywhere on a server: the external host name (stored as https://host/rpc), client and IIS authentication methods, SSL offloading and Extended Protection.</para>
/// <para type="description">Every setting given is written in one LDAP modify of the Rpc (Default Web Site) object, so they all apply or none does; a bad value writes nothing. -DefaultAuthenticationMethod sets both ClientAuthenticationMethod and IISAuthenticationMethods, as EMS does. -Name renames the object (a second operation, after the settings).</para>
/// </summary>
/// <example>
/// <code>Set-OutlookAnywhere "E2K10-MLT-01\Rpc (Default Web Site)" -ExternalHostname mail.lab.local</code>
/// <para>Changes the Outlook Anywhere host name of E2K10-MLT-01.</para>
/// </example>
/// <example>
/// <code>Get-OutlookAnywhere | Set-OutlookAnywhere -ClientAuthenticationMethod Ntlm -SSLOffloading $true</code>
/// <para>Has every Outlook Anywhere client use NTLM, behind SSL-offloading load balancers.</para>
/// </example>
/// <example>
/// <code>Set-OutlookAnywhere -Identity:"E2K10-MLT-01\Rpc (Default Web Site)" -ClientAuthenticationMethod:Ntlm</code>
/// <para>Makes Outlook Anywhere clients of E2K10-MLT-01 authenticate with NTLM (Microsoft Learn, Set-OutlookAnywhere, Exchange 2010 example 1, adapted to the lab: the identity quoted, which the page omits and PowerShell needs).</para>
/// </example>
/// <example>
/// <code>Set-OutlookAnywhere -Identity 'E2K10-MLT-01\Rpc (Default Web Site)' -SSLOffloading $false</code>
/// <para>Turns SSL offloading off for Outlook Anywhere on E2K10-MLT-01 (Microsoft Learn, Set-OutlookAnywhere, Exchange 2010 example 2, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Set-OutlookAnywhere -Identity 'E2K10-MLT-01\Rpc (Default Web Site)' -IISAuthenticationMethods NTLM</code>
/// <para>Leaves NTLM as the only IIS authentication of the /rpc virtual directory of E2K10-MLT-01 (Microsoft Learn, Set-OutlookAnywhere, Exchange 2010 example 3, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Set-OutlookAnywhere -Identity 'E2K10-MLT-01\Rpc (Default Web Site)' -IISAuthenticationMethods Basic,NTLM</code>
/// <para>Offers both Basic and NTLM in IIS on the /rpc virtual directory of E2K10-MLT-01 (Microsoft Learn, Set-OutlookAnywhere, Exchange 2010 example 4, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "OutlookAnywhere", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetOutlookAnywhereCommand : CasDirectoryCmdlet
{
    /// <summary>SERVER\Rpc (Default Web Site), a server name or a DN; or settings piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public VirtualDirectoryIdParameter Identity { get; set; } = null!;

    /// <summary>Extended Protection for Authentication: None, Proxy, NoServiceNameCheck, AllowDotlessSpn, ProxyCoHosting (msExchExtendedProtectionFlags, flags; stored only).</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<ExtendedProtectionFlag>))] public MultiValuedProperty<ExtendedProtectionFlag>? ExtendedProtectionFlags { get; set; }

    /// <summary>The service principal names Extended Protection accepts, such as HTTP/mail.lab.local (msExchExtendedProtectionSPNList); $null clears them.</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<String>))] public MultiValuedProperty<String>? ExtendedProtectionSPNList { get; set; }

    /// <summary>None, Allow or Require (msExchExtendedProtectionTokenChecking; stored only: nothing enforces it here).</summary>
    [Parameter] public ExtendedProtectionTokenCheckingMode ExtendedProtectionTokenChecking { get; set; }

    /// <summary>The host name Outlook Anywhere clients use, such as mail.lab.local (stored as https://host/rpc in msExchExternalHostName, as Exchange does).</summary>
    [Parameter] public Hostname? ExternalHostname { get; set; }

    /// <summary>Basic or Ntlm: how Outlook clients authenticate to the RPC proxy (msExchExternalAuthenticationMethods).</summary>
    [Parameter, ValidateSet("Basic", "Ntlm")] public AuthenticationMethod ClientAuthenticationMethod { get; set; }

    /// <summary>The methods IIS accepts on /rpc, Basic and/or Ntlm (msExchInternalAuthenticationMethods, flags; default Basic,Ntlm).</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<AuthenticationMethod>))] public MultiValuedProperty<AuthenticationMethod>? IISAuthenticationMethods { get; set; }

    /// <summary>$true when SSL ends at a load balancer in front of the server (bit 1 of msExchRpcHttpFlags).</summary>
    [Parameter] public bool SSLOffloading { get; set; }

    /// <summary>The cross-premises (Xrop) URL of Exchange 2010 hosting deployments (msExchXropUrl); $null clears it.</summary>
    [Parameter, AllowNull, ValidateUri("XropUrl")] public Uri? XropUrl { get; set; }

    /// <summary>Basic or Ntlm: sets ClientAuthenticationMethod and IISAuthenticationMethods to this one method, as EMS does.</summary>
    [Parameter, ValidateSet("Basic", "Ntlm")] public AuthenticationMethod DefaultAuthenticationMethod { get; set; }

    /// <summary>A new name for the object (its cn), such as "Rpc (Default Web Site)".</summary>
    [Parameter, ValidateObjectName("Name")] public string? Name { get; set; }

    protected override void InternalProcessRecord()
    {
        var changes = OutlookAnywhereChanges.Given(SettingsGiven(VirtualDirectorySettings.OutlookAnywhere), MyInvocation.BoundParameters.ContainsKey(nameof(DefaultAuthenticationMethod)) ? DefaultAuthenticationMethod : null);
        var rename = MyInvocation.BoundParameters.ContainsKey(nameof(Name)) ? Name : null;
        foreach (var target in VirtualDirectorySelection.Select(DataSession, VirtualDirectoryKind.OutlookAnywhere, Identity.RawIdentity, null, forWrite: true))
        {
            CurrentTarget = target.Identity;
            var detail = string.Join(", ", changes.Select(c => $"-{c.Definition.Name} {SetVirtualDirectoryCommand.Show(c.Value)}").Concat(rename is null ? [] : [$"-Name {rename}"]));
            if (!ShouldWrite(target.Identity, detail))
                continue;
            DataSession.WriteSettings(target.DistinguishedName, changes);
            if (rename is not null && !Core.Identity.ObjectLookup.Same(rename, target.Name))
                DataSession.RenameVirtualDirectory(target, rename);
        }
    }
}

/// <summary>The Outlook Anywhere settings a command gives, checked before anything is written.</summary>
internal static class OutlookAnywhereChanges
{
    public static List<SettingChange> Given(IEnumerable<SettingChange> given, AuthenticationMethod? defaultMethod)
    {
        var changes = given.ToList();
        if (defaultMethod is { } method)
        {
            if (changes.Any(c => c.Definition == VirtualDirectorySettings.ClientAuthenticationMethod || c.Definition == VirtualDirectorySettings.IISAuthenticationMethods))
                throw new Core.DomainRuleException("-DefaultAuthenticationMethod sets ClientAuthenticationMethod and IISAuthenticationMethods; give it alone, or those two.", isMalformedInput: true);
            changes.Add(new SettingChange(VirtualDirectorySettings.ClientAuthenticationMethod, method));
            changes.Add(new SettingChange(VirtualDirectorySettings.IISAuthenticationMethods, new MultiValuedProperty<AuthenticationMethod>([method])));
        }
        foreach (var change in changes)
        {
            if (change.Definition.Syntax is FlagBitSyntax bit)
                bit.Apply(0, change.Definition.Name, change.Value);
            else
                change.Definition.Syntax.Write(change.Definition.Name, change.Value);
        }
        if (changes.FirstOrDefault(c => c.Definition == VirtualDirectorySettings.IISAuthenticationMethods)?.Value is IEnumerable<AuthenticationMethod> iis
            && iis.Any(m => m is not (AuthenticationMethod.Basic or AuthenticationMethod.Ntlm)))
            throw new Core.DomainRuleException("IISAuthenticationMethods takes Basic and Ntlm only.", isMalformedInput: true);
        return changes;
    }
}
