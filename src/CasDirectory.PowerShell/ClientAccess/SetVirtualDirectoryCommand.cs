using System.Management.Automation;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Settings;
using CasDirectory.Core.Values;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// What Set-OwaVirtualDirectory, Set-EcpVirtualDirectory, … share: -InternalUrl and -ExternalUrl ($null clears one),
/// Extended Protection, and the writing: every setting given goes to the virtual directory object in one LDAP modify
/// (VirtualDirectorySettings), so they all apply or none does. Settings about IIS itself are stored as Exchange
/// stores them; nothing here configures a web server.
/// </summary>
public abstract class SetVirtualDirectoryCommand : CasDirectoryCmdlet
{
    /// <summary>SERVER\name (Default Web Site), a server name or a DN; or virtual directories piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public VirtualDirectoryIdParameter Identity { get; set; } = null!;

    /// <summary>The internal URL, an absolute http(s) URL such as https://cas01.lab.local/owa (msExchInternalHostName); $null clears it.</summary>
    [Parameter, AllowNull, ValidateUri("InternalUrl")]
    public Uri? InternalUrl { get; set; }

    /// <summary>The external URL, an absolute http(s) URL such as https://mail.lab.local/owa (msExchExternalHostName); $null clears it.</summary>
    [Parameter, AllowNull, ValidateUri("ExternalUrl")]
    public Uri? ExternalUrl { get; set; }

    /// <summary>Extended Protection for Authentication: None, Proxy, NoServiceNameCheck, AllowDotlessSpn, ProxyCoHosting (msExchExtendedProtectionFlags, flags; stored only).</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<ExtendedProtectionFlag>))]
    public MultiValuedProperty<ExtendedProtectionFlag>? ExtendedProtectionFlags { get; set; }

    /// <summary>The service principal names Extended Protection accepts, such as HTTP/mail.lab.local (msExchExtendedProtectionSPNList); $null clears them.</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<string>))]
    public MultiValuedProperty<string>? ExtendedProtectionSPNList { get; set; }

    /// <summary>None, Allow or Require (msExchExtendedProtectionTokenChecking; stored only: nothing enforces it here).</summary>
    [Parameter]
    public ExtendedProtectionTokenCheckingMode ExtendedProtectionTokenChecking { get; set; }

    protected abstract VirtualDirectoryKind Kind { get; }

    protected override void InternalProcessRecord()
    {
        var changes = SettingsGiven(VirtualDirectorySettings.For(Kind)).Select(EnumAsBit).ToList();
        // Check every value before the first write (and before looking anything up): a bad one writes nothing.
        foreach (var change in changes.Where(c => c.Definition.Syntax is not FlagBitSyntax))
            change.Definition.Syntax.Write(change.Definition.Name, change.Value);
        foreach (var change in changes.Where(c => c.Definition.Syntax is FlagBitSyntax bit))
            ((FlagBitSyntax)change.Definition.Syntax).Apply(0, change.Definition.Name, change.Value);
        var targets = VirtualDirectorySelection.Select(DataSession, Kind, Identity.RawIdentity, null, forWrite: true);
        if (changes.Count == 0)
        {
            WriteVerbose("No setting stored in the directory was given; nothing to write.");
            return;
        }
        var detail = string.Join(", ", changes.Select(c => $"-{c.Definition.Name} {Show(c.Value)}"));
        foreach (var target in targets)
        {
            CurrentTarget = target.Identity;
            if (ShouldWrite(target.Identity, detail))
                DataSession.WriteSettings(target.DistinguishedName, changes);
        }
    }

    /// <summary>A two-valued enumeration kept as one bit (LegacyRedirectType and the like): the bit is set for the value 1.</summary>
    private static SettingChange EnumAsBit(SettingChange change) =>
        VirtualDirectorySettings.EnumBits.ContainsKey(change.Definition.Name) && change.Value is Enum e
            ? change with { Value = Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture) != 0 }
            : change;

    internal static string Show(object? value) => value switch
    {
        null => "$null",
        System.Collections.IEnumerable many and not string => string.Join(",", many.Cast<object>()),
        _ => value.ToString() ?? "",
    };
}
