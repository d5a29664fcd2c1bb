using System.Management.Automation;
using CasDirectory.Core.Sites;
using CasDirectory.Core.Values;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.Sites;

/// <summary>
/// <para type="synopsis">Sets the Exchange cost of an IP site link and the largest message that may cross it, as EMS's Set-AdSiteLink: one modify.</para>
/// </summary>
/// <example>
/// <code>Set-AdSiteLink DEFAULTIPSITELINK -ExchangeCost 25 -MaxMessageSize 10MB</code>
/// <para>Exchange routes over the link at cost 25 (msExchCost) and refuses messages above 10 MB on it (delivContLength, KB).</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "AdSiteLink", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetAdSiteLinkCommand : CasDirectoryCmdlet
{
    /// <summary>The site link: name, DN or GUID, or a site link piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public AdSiteLinkIdParameter Identity { get; set; } = null!;

    /// <summary>The cost Exchange routes by, 1 to 99999 (msExchCost); $null goes back to the AD cost.</summary>
    [Parameter] public int ExchangeCost { get; set; }

    /// <summary>The largest message that may cross the link: 10MB, "500 KB" or Unlimited (delivContLength, KB).</summary>
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> MaxMessageSize { get; set; }

    /// <summary>A new name for the site link: not supported here (a rename moves the entry); refused.</summary>
    [Parameter] public string? Name { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var link = GetAdSiteLinkCommand.Find(directory.ReadSiteLinks(GetAdSiteLinkCommand.Attributes), Identity.RawIdentity);
        CurrentTarget = link.One("cn");
        if (Name is not null && !Core.Identity.ObjectLookup.Same(Name, link.One("cn")))
            throw new Core.DomainRuleException("Set-AdSiteLink -Name (renaming a site link) is not supported here.", isMalformedInput: true);
        var changes = SettingsGiven([SiteSettings.ExchangeCost, SiteSettings.MaxMessageSize]).ToList();
        if (changes.Count == 0)
            throw new Core.DomainRuleException("Set-AdSiteLink changes -ExchangeCost or -MaxMessageSize: give at least one.", isMalformedInput: true);
        foreach (var change in changes)
            change.Definition.Syntax.Write(change.Definition.Name, change.Value);
        if (!ShouldWrite($"Site link \"{link.One("cn")}\"", string.Join(" ", changes.Select(c => $"-{c.Definition.Name} {c.Value}"))))
            return;
        directory.ModifyEntry(link.Dn, changes, []);
    }
}
