using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;
using CasDirectory.Core.Topology;

namespace CasDirectory.Core.ClientView;

/// <summary>Where the client is: inside (a site, from -ClientSite or its IP address through the subnets) or outside.</summary>
public sealed record ClientLocation(bool External, string? Site, string? Address)
{
    public string Describe() => External ? "outside the network" : Site is null ? $"inside, in no site{(Address is null ? "" : $" ({Address} is in no subnet)")}" : $"inside, in site {Site}";
}

/// <summary>
/// Every connection Outlook 2007/2010 makes for a mailbox from a client location (docs/outlook.md, O7 and the article's
/// truths): Autodiscover first (SCP lookup inside, the DNS names outside), then mail and the address book over RPC to the
/// database's RpcClientAccessServer (tunnelled through Outlook Anywhere from outside), public folders straight to their
/// Mailbox server, and the web services by URL. Pure: it reads a snapshot and the answer Autodiscover gives.
/// </summary>
public static class OutlookConnections
{
    public static IReadOnlyList<OutlookConnection> For(TopologySnapshot topology, Mailbox mailbox, OutlookSettings settings, ClientLocation client, OutlookProfile? profile,
        Servers.ExchangeServer? askedServer = null)
    {
        var rows = new List<OutlookConnection>();
        var domain = (mailbox.PrimarySmtpAddress ?? "").Split('@').LastOrDefault() ?? topology.Domain;
        if (client.External)
        {
            rows.Add(new(OutlookConnectionKind.Autodiscover, $"autodiscover.{domain}", $"DNS: https://{domain}/autodiscover/autodiscover.xml, then https://autodiscover.{domain}/autodiscover/autodiscover.xml",
                true, true, OutlookConnectionStatus.Information,
                "Outside the network Outlook finds no SCP (it cannot read the directory) and tries the DNS names of the address's domain: publish one of them to a Client Access server, with the name on its certificate."));
        }
        else if (askedServer is not null)
        {
            var scp = topology.ScpOf(askedServer);
            rows.Add(new(OutlookConnectionKind.Autodiscover, HostOf(scp?.InternalUri) ?? askedServer.Fqdn, $"the Client Access server asked: {askedServer.Name}", true, false,
                scp is null ? OutlookConnectionStatus.Warning : OutlookConnectionStatus.Success,
                scp is null ? $"{askedServer.Name} publishes no Autodiscover SCP: Outlook would not find it by itself." : $"Autodiscover asked at {askedServer.Name}, as -ClientAccessServer names it."));
        }
        else
        {
            var ranked = AutodiscoverScpRanking.Rank(topology.AutodiscoverScps, client.Site);
            if (ranked.Count == 0)
                rows.Add(new(OutlookConnectionKind.Autodiscover, $"autodiscover.{domain}", "no Autodiscover SCP in the directory", true, false, OutlookConnectionStatus.Warning,
                    "The directory holds no Autodiscover service connection point, so domain-joined Outlook falls back to the DNS names, as outside."));
            else
            {
                var first = ranked[0];
                var host = HostOf(first.Scp.InternalUri);
                rows.Add(new(OutlookConnectionKind.Autodiscover, host, $"SCP of {first.Scp.ServerName} ({Scope(first.Scope, client.Site)}); {ranked.Count} SCP(s) in order: {string.Join(", ", ranked.Select(r => r.Scp.ServerName))}",
                    true, false, first.Scope == ScpScope.OtherSite ? OutlookConnectionStatus.Warning : OutlookConnectionStatus.Success,
                    first.Scope == ScpScope.OtherSite
                        ? $"No SCP is scoped to {client.Site ?? "the client's site"} or unscoped: Outlook asks a Client Access server of another site (set -AutoDiscoverSiteScope, rule B5)."
                        : "Domain-joined Outlook reads the SCPs from the directory and asks the first; the array answers no Autodiscover (truth 2)."));
            }
        }

        var rpc = settings.Exch.Server;
        var rpcSource = $"{DistinguishedNames.FirstValue(mailbox.DatabaseDn)}'s RpcClientAccessServer ({(settings.ServerIsArray ? "a Client Access array" : "a server")})";
        var rpcWarning = settings.ServerIsArray ? null : "A single server, not an array: when it fails, Outlook loses the mailbox until the profile is changed; create the site's array (rule B1) before the databases.";
        if (client.External)
        {
            if (settings.Expr is { } expr)
            {
                rows.Add(new(OutlookConnectionKind.OutlookAnywhere, expr.Server, $"Outlook Anywhere of {settings.ClientAccessServer ?? "a Client Access server"} (EXPR)", true, true, OutlookConnectionStatus.Success,
                    $"RPC over HTTPS with {expr.AuthPackage} authentication; the proxy's name is on the certificate and in external DNS."));
                rows.Add(new(OutlookConnectionKind.Mailbox, rpc, rpcSource + ", through the proxy", false, false, rpcWarning is null ? OutlookConnectionStatus.Success : OutlookConnectionStatus.Warning,
                    "Named inside the RPC over HTTPS tunnel only: it needs no certificate and must not resolve outside, or Outlook tries RPC/TCP to it first and waits (truth 4). " + rpcWarning));
            }
            else
                rows.Add(new(OutlookConnectionKind.OutlookAnywhere, null, "no Outlook Anywhere on a Client Access server of the mailbox's site", false, false, OutlookConnectionStatus.Error,
                    "Outlook Anywhere is not enabled, so Outlook cannot reach the mailbox from outside (Enable-OutlookAnywhere)."));
        }
        else
        {
            rows.Add(new(OutlookConnectionKind.Mailbox, rpc, rpcSource, false, false, rpcWarning is null ? OutlookConnectionStatus.Success : OutlookConnectionStatus.Warning,
                "MAPI over RPC/TCP: the name a new profile gets (truth 1). No certificate: RPC/TCP does not use one (truth 3). " + rpcWarning));
            rows.Add(new(OutlookConnectionKind.Directory, rpc, "the same RPC Client Access endpoint (NSPI and referral)", false, false, OutlookConnectionStatus.Information,
                "The address book goes through the same RpcClientAccessServer in Exchange 2010."));
        }

        if (settings.Exch.PublicFolderServer is { } pf)
            rows.Add(new(OutlookConnectionKind.PublicFolders, pf, $"the Mailbox server of {DistinguishedNames.FirstValue(mailbox.DatabaseDn)}'s default public folder database", false, false, OutlookConnectionStatus.Information,
                "Public folders are reached on their Mailbox server directly, never through the array (Exchange Team Blog, RPC Client Access)."));

        var urls = client.External ? settings.Expr?.Urls : settings.Exch.Urls;
        AddUrl(rows, OutlookConnectionKind.WebServices, urls?.Ews, "EWS: free/busy, out of office, the OAB's download list", client.External);
        AddUrl(rows, OutlookConnectionKind.OfflineAddressBook, urls?.Oab, "the offline address book", client.External);
        var web = client.External ? settings.Web?.External : settings.Web?.Internal;
        AddUrl(rows, OutlookConnectionKind.WebApp, web?.Url, "Outlook Web App", client.External);
        AddUrl(rows, OutlookConnectionKind.ControlPanel, urls?.Ecp, "the Exchange Control Panel (options)", client.External);

        if (profile is not null && !string.Equals(profile.RpcServer, rpc, StringComparison.OrdinalIgnoreCase))
            rows.Add(new(OutlookConnectionKind.Profile, profile.RpcServer, $"the Outlook profile recorded {profile.Recorded:yyyy-MM-dd HH:mm} UTC", false, false, OutlookConnectionStatus.Warning,
                $"The existing profile keeps connecting to {profile.RpcServer}, not {rpc}: a profile keeps the server it was made with while that server answers (truth 5). Repair or recreate it."));
        return rows;
    }

    private static void AddUrl(List<OutlookConnection> rows, OutlookConnectionKind kind, string? url, string what, bool external)
    {
        if (url is null)
            return;
        rows.Add(new(kind, HostOf(url), url, true, external, OutlookConnectionStatus.Success,
            $"{what} over HTTPS: the name is on the certificate{(external ? " and in external DNS" : "")}."));
    }

    /// <summary>The host as the URL writes it (Uri lower-cases it).</summary>
    private static string? HostOf(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return url;
        var start = url.IndexOf("://", StringComparison.Ordinal) + 3;
        return url.Substring(start, uri.Host.Length);
    }

    private static string Scope(ScpScope scope, string? site) => scope switch
    {
        ScpScope.InSite => $"scoped to {site}",
        ScpScope.Unscoped => "unscoped",
        _ => "scoped to other sites only",
    };
}
