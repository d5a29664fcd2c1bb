using System.Management.Automation;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Servers;
using CasDirectory.Core.Sites;
using CasDirectory.Core.Values;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.Servers;

/// <summary>
/// <para type="synopsis">Changes a server's settings (CustomerFeedbackEnabled, InternetWebProxy, the static domain controllers, ...) and, in the lab, its IP addresses; its site follows (T1). Databases keep their RpcClientAccessServer (D2).</para>
/// <para type="description">Every setting given is written in one LDAP modify of the server's entry (docs/settings.md). ErrorReportingEnabled and the Static* domain controller lists, which Exchange keeps in the server's registry, are kept in casdir's own attributes. -ProductKey checks the key's form (25 letters and digits, five groups of five) and licenses the server: a trial edition becomes the licensed one (StandardTrial becomes Standard); the key itself is never stored, printed or logged, and msExchProductID (which Exchange computes from the key with its licensing code) is left as it is. -IPAddress is casdir's own: the machine's addresses, from which the site is recomputed.</para>
/// </summary>
/// <example>
/// <code>Set-ExchangeServer E2K10-MLT-02 -IPAddress 10.2.0.12</code>
/// <para>Moves the server to the site of 10.2.0.12's subnet; Test-CasTopology then shows what the move left stale.</para>
/// </example>
/// <example>
/// <code>Set-ExchangeServer E2K10-MLT-01 -CustomerFeedbackEnabled $false -InternetWebProxy http://proxy.lab.local:8080</code>
/// <para>Leaves the Customer Experience Improvement Program and sets the proxy the server uses to reach the Internet.</para>
/// </example>
/// <example>
/// <code>Set-ExchangeServer E2K10-MLT-01 -StaticDomainControllers dc1.lab.local,dc2.lab.local -StaticGlobalCatalogs dc1.lab.local</code>
/// <para>Pins the domain controllers and global catalogs the server is to use; $null clears a list.</para>
/// </example>
/// <example>
/// <code>Set-ExchangeServer -Identity E2K10-MLT-01.lab.local -ErrorReportingEnabled: $false</code>
/// <para>Turns error reporting off on E2K10-MLT-01 (Microsoft Learn, Set-ExchangeServer, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Set-ExchangeServer -Identity 'E2K10-MLT-02' -CustomerFeedbackEnabled $true</code>
/// <para>Enrols E2K10-MLT-02 in the Customer Experience Improvement Program (Microsoft Learn, Set-ExchangeServer, Exchange 2010 example 2, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Set-ExchangeServer -Identity 'E2K10-MLT-02' -CustomerFeedbackEnabled $false</code>
/// <para>Takes E2K10-MLT-02 out of the Customer Experience Improvement Program (Microsoft Learn, Set-ExchangeServer, Exchange 2010 example 3, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "ExchangeServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class SetExchangeServerCommand : CasDirectoryCmdlet
{
    /// <summary>The server.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter Identity { get; set; } = null!;

    /// <summary>Its new IP addresses (casdir's own parameter); its site is recomputed from the subnets (T1).</summary>
    [Parameter]
    [ValidateIPAddress]
    [ValidateCount(1, 16)]
    public string[] IPAddress { get; set; } = [];

    /// <summary>Whether the server takes part in the Customer Experience Improvement Program (msExchCustomerFeedbackEnabled; unset shows $null).</summary>
    [Parameter] public bool CustomerFeedbackEnabled { get; set; }

    /// <summary>Whether error reports are sent to Microsoft (casdirErrorReportingEnabled; Exchange keeps it in the registry; unset shows $null).</summary>
    [Parameter] public bool ErrorReportingEnabled { get; set; }

    /// <summary>The web proxy the server reaches the Internet through, an absolute http(s) URL (msExchInternetWebProxy); $null clears it.</summary>
    [Parameter, AllowNull, ValidateUri("InternetWebProxy")] public Uri? InternetWebProxy { get; set; }

    /// <summary>A product key, XXXXX-XXXXX-XXXXX-XXXXX-XXXXX: checked, never stored; a trial edition becomes licensed.</summary>
    [Parameter] public Objects.ProductKey? ProductKey { get; set; }

    /// <summary>The domain controller the server reads configuration from (FQDN; casdirStaticConfigDomainController); $null clears it.</summary>
    [Parameter, AllowNull, AllowEmptyString] public string? StaticConfigDomainController { get; set; }

    /// <summary>The domain controllers the server is to use (FQDNs); $null clears the list.</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<string>))]
    public MultiValuedProperty<string>? StaticDomainControllers { get; set; }

    /// <summary>The domain controllers the server is not to use (FQDNs); $null clears the list.</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<string>))]
    public MultiValuedProperty<string>? StaticExcludedDomainControllers { get; set; }

    /// <summary>The global catalogs the server is to use (FQDNs); $null clears the list.</summary>
    [Parameter, AllowNull, AllowEmptyCollection, ExchangeValue(typeof(MultiValuedProperty<string>))]
    public MultiValuedProperty<string>? StaticGlobalCatalogs { get; set; }

    protected override void InternalProcessRecord()
    {
        var bound = MyInvocation.BoundParameters;
        var changes = SettingsGiven(ExchangeServerSettings.All)
            .Select(c => c.Value is Uri uri ? c with { Value = uri.OriginalString } : c).ToList();
        foreach (var change in changes) // checked before anything is read or written: a bad value writes nothing
            change.Definition.Syntax.Write(change.Definition.Name, change.Value);
        var addresses = bound.ContainsKey(nameof(IPAddress)) ? IPAddress.Select(a => IpAddresses.Parse(a)).ToList() : null;
        if (changes.Count == 0 && addresses is null && ProductKey is null)
            throw new Core.DomainRuleException("Give at least one setting to change, such as -CustomerFeedbackEnabled, -InternetWebProxy, -StaticDomainControllers or -IPAddress.", isMalformedInput: true);

        var directory = DataSession;
        var server = ObjectLookup.Server(directory.ReadServersAndArrays().Servers, Identity.RawIdentity);
        CurrentTarget = server.Name;
        var alsoReplace = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        string? site = null;
        if (addresses is not null)
        {
            site = SiteResolver.SiteFor(server, addresses, directory.ReadSubnets()); // T2: none for an Edge server
            alsoReplace["ipHostNumber"] = addresses.Select(a => a.ToString()).ToList();
            if (site is not null)
                alsoReplace["msExchServerSite"] = [directory.Partition.SiteDn(site)];
        }
        if (ProductKey is not null && ProductKeys.LicensedEdition(server.Edition) is { } edition && !string.Equals(edition, server.Edition, StringComparison.Ordinal))
            alsoReplace["type"] = [edition];

        var detail = string.Join(" ", changes.Select(c => $"-{c.Definition.Name} {Shown(c.Value)}")
            .Prepend(addresses is null ? null : $"-IPAddress {string.Join(",", addresses)}{(site is null ? "" : $" (site \"{site}\")")}")
            .Append(ProductKey is null ? null : "-ProductKey (not shown)").OfType<string>());
        if (!ShouldWrite($"Exchange server \"{server.Name}\"", detail))
            return;
        directory.WriteSettings(server.DistinguishedName, changes, alsoReplace);
        if (addresses is null)
            return;
        if (site is null && !server.HasRole(ServerRoles.Edge))
            WriteWarning($"No subnet contains {string.Join(", ", addresses)}; {server.Name} stays in site '{server.SiteName ?? "(none)"}'.");
        else if (site is not null && !ObjectLookup.Same(site, server.SiteName))
            WriteWarning($"{server.Name} moved from site '{server.SiteName ?? "(none)"}' to '{site}'. Its AutoDiscoverSiteScope and the databases' RpcClientAccessServer are not changed (D2); Test-CasTopology shows what to fix.");
    }

    private static string Shown(object? value) => value switch
    {
        null => "$null",
        string text => text,
        IEnumerable<string> many => "{" + string.Join(", ", many) + "}",
        _ => value.ToString() ?? "",
    };
}
