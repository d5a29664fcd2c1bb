using CasDirectory.Core;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Naming;
using CasDirectory.Ldap.Exchange;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>The virtual directories of one kind, narrowed by -Identity (SERVER\name (Default Web Site), a server name or a DN) and -Server.</summary>
internal static class VirtualDirectorySelection
{
    // forWrite: a Set- or Disable- cmdlet. A wildcard is refused there, as EMS's Set- cmdlets refuse an identity that
    // names several objects (pipe the Get- cmdlet's selection instead).
    public static IReadOnlyList<VirtualDirectory> Select(ExchangeDirectory directory, VirtualDirectoryKind kind, string? identity, string? server, bool forWrite = false)
    {
        if (forWrite && identity is not null && System.Management.Automation.WildcardPattern.ContainsWildcardCharacters(identity))
            throw new DomainRuleException(
                $"'{identity}' has wildcards, which select virtual directories for Get-{kind.Noun} only: pipe that selection instead (Get-{kind.Noun} '{identity}' | ...).",
                isMalformedInput: true);
        var all = directory.ReadVirtualDirectories().Where(v => v.Kind == kind).ToList();
        if (server is not null)
        {
            var target = ObjectLookup.Server(directory.ReadServersAndArrays().Servers, server);
            all = all.Where(v => ObjectLookup.Same(v.ServerName, target.Name)).ToList();
        }
        if (identity is null)
            return all;
        // EMS takes wildcards in a virtual directory's identity: "E2K10-MLT-01\ecp*", "*\owa (Default Web Site)".
        var wildcard = System.Management.Automation.WildcardPattern.ContainsWildcardCharacters(identity)
            ? new System.Management.Automation.WildcardPattern(identity, System.Management.Automation.WildcardOptions.IgnoreCase)
            : null;
        var match = all.Where(v => wildcard is not null
                ? wildcard.IsMatch(v.Identity) || wildcard.IsMatch(v.ServerName)
                : ObjectLookup.Same(v.Identity, identity) || ObjectLookup.Same(v.ServerName, identity)
                  || (identity.Contains('=') && DistinguishedNames.AreEqual(v.DistinguishedName, identity))).ToList();
        return match.Count > 0 ? match
            : throw new ObjectNotFoundException(kind == VirtualDirectoryKind.OutlookAnywhere ? "Outlook Anywhere virtual directory" : "virtual directory", identity, $"Get-{kind.Noun} lists them.");
    }
}
