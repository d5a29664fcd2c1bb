namespace CasDirectory.Core.ClientAccess;

/// <summary>
/// A Client Access server's Autodiscover service connection point. AutoDiscoverSiteScope is stored as one
/// <c>Site=&lt;site&gt;</c> keyword per site beside the Autodiscover GUID keyword.
/// </summary>
public sealed record AutodiscoverScp(string ServerName, string DistinguishedName, IReadOnlyList<string> SiteScope, string? InternalUri)
{
    public const string AutodiscoverKeyword = "77378F46-2C66-4aa9-A6A6-3E7A48B19596";
    public const string ServiceClassName = "ms-Exchange-AutoDiscover-Service";
    public const string SitePrefix = "Site=";

    public static IReadOnlyList<string> SitesFromKeywords(IEnumerable<string> keywords) =>
        keywords.Where(k => k.StartsWith(SitePrefix, StringComparison.OrdinalIgnoreCase)).Select(k => k[SitePrefix.Length..]).ToList();

    public static IReadOnlyList<string> KeywordsFor(IEnumerable<string> sites) =>
        [AutodiscoverKeyword, .. sites.Select(s => SitePrefix + s)];
}
