using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;
using CasDirectory.Core.Servers;
using CasDirectory.Core.Topology;

namespace CasDirectory.Core.ClientView;

/// <summary>
/// Computes what Exchange 2010's Autodiscover answers for a mailbox, from the directory alone (docs/outlook.md, rules
/// O1–O6): the mailbox's database gives EXCH Server (its RpcClientAccessServer: the array or server its legacyExchangeDN
/// names), the database's Mailbox server gives InternalMailboxServer and the default public folder database's server
/// gives PublicFolderServer; the URLs come from a 2010 Client Access server of the Mailbox server's site.
/// </summary>
public static class OutlookSettingsResolver
{
    public static OutlookSettings Resolve(TopologySnapshot topology, Mailbox mailbox, Guid deploymentId, string? activeDirectoryServer)
    {
        // O1: the database the mailbox lives in.
        var database = topology.Databases.FirstOrDefault(d => DistinguishedNames.AreEqual(d.DistinguishedName, mailbox.DatabaseDn))
            ?? throw new ClientViewException($"The mailbox '{mailbox.Name}' names a database that does not exist ({mailbox.DatabaseDn}): Outlook cannot open it.");
        if (database.Recovery || database.IsPublicFolderDatabase)
            throw new ClientViewException($"The mailbox '{mailbox.Name}' names {database.Name}, a {(database.Recovery ? "recovery" : "public folder")} database: no client opens a mailbox in one (rule R5).");
        var mailboxServer = topology.Servers.FirstOrDefault(s => ObjectName.Same(s.Name, database.ServerName))
            ?? throw new ClientViewException($"The database '{database.Name}' has no server in the directory: Outlook cannot open '{mailbox.Name}'.");

        // O2: EXCH Server is the RpcClientAccessServer, found by the prefix of the database's legacyExchangeDN.
        var rcaDn = database.RpcClientAccessLegacyDN
            ?? throw new ClientViewException($"The database '{database.Name}' has no RpcClientAccessServer (its legacyExchangeDN is missing or malformed).");
        var array = topology.Arrays.FirstOrDefault(a => string.Equals(a.LegacyExchangeDN, rcaDn, StringComparison.OrdinalIgnoreCase));
        var rcaServer = array is null ? topology.Servers.FirstOrDefault(s => string.Equals(s.LegacyExchangeDN, rcaDn, StringComparison.OrdinalIgnoreCase)) : null;
        var rcaFqdn = array?.Fqdn ?? rcaServer?.Fqdn
            ?? throw new ClientViewException($"The RpcClientAccessServer of '{database.Name}' ({rcaDn}) names no server or array: Outlook cannot open '{mailbox.Name}' (rule B3).");

        // O4: the Client Access server whose virtual directories give the URLs: a 2010 CAS of the mailbox server's site.
        var site = mailboxServer.SiteName;
        var casInSite = topology.Servers
            .Where(s => s.IsComplete && s.IsExchange2010 && s.HasRole(ServerRoles.ClientAccess) && ObjectName.Same(s.SiteName, site))
            .OrderBy(s => s.Name, ObjectName.Comparer).ToList();
        var cas = casInSite.FirstOrDefault();
        VirtualDirectory? Directory(ExchangeServer? server, VirtualDirectoryKind kind) => server is null ? null
            : topology.VirtualDirectories.FirstOrDefault(v => v.Kind == kind && ObjectName.Same(v.ServerName, server.Name));
        var ews = Directory(cas, VirtualDirectoryKind.WebServices);
        var ecp = Directory(cas, VirtualDirectoryKind.Ecp);
        var owa = Directory(cas, VirtualDirectoryKind.Owa);

        // O5: EXPR only where Outlook Anywhere is enabled, on a 2010 CAS of the site (the first by name that has it).
        var anywhere = casInSite.Select(s => (Server: s, Rpc: Directory(s, VirtualDirectoryKind.OutlookAnywhere))).FirstOrDefault(p => p.Rpc?.ExternalUrl is not null);
        var anywhereEws = Directory(anywhere.Server, VirtualDirectoryKind.WebServices);
        var anywhereEcp = Directory(anywhere.Server, VirtualDirectoryKind.Ecp);

        return new OutlookSettings
        {
            User = new AutodiscoverUser(mailbox.DisplayName ?? mailbox.Name, mailbox.LegacyExchangeDN ?? "", deploymentId, mailbox.PrimarySmtpAddress ?? ""),
            Exch = new ExchangeRpcProtocol
            {
                Server = rcaFqdn,
                ServerDN = rcaDn,
                ServerVersion = ServerVersionCode.Encode(mailboxServer.Version ?? ServerVersion.Parse("14.0.0.0")),
                MdbDN = database.LegacyExchangeDN!,
                PublicFolderServer = PublicFolderServer(topology, database),
                ActiveDirectoryServer = activeDirectoryServer,
                Urls = new ProtocolUrls { Ews = ews?.InternalUrl, Ecp = Slash(ecp?.InternalUrl), Um = Um(ews?.InternalUrl) },
            },
            Expr = anywhere.Rpc?.ExternalUrl is { } rpc && HostOf(rpc) is { } host ? new OutlookAnywhereProtocol
            {
                Server = host,
                Ssl = true,
                AuthPackage = anywhere.Rpc.Setting(VirtualDirectorySettings.ClientAuthenticationMethod) is AuthenticationMethod method ? method.ToString() : "Basic",
                Urls = new ProtocolUrls { Ews = anywhereEws?.ExternalUrl, Ecp = Slash(anywhereEcp?.ExternalUrl), Um = Um(anywhereEws?.ExternalUrl) },
            } : null,
            Web = owa is null ? null : new WebProtocol(
                owa.InternalUrl is { } inside ? new WebUrl(Slash(inside)!, Methods(owa, VirtualDirectorySettings.InternalAuthenticationMethods)) : null,
                owa.ExternalUrl is { } outside ? new WebUrl(Slash(outside)!, Methods(owa, VirtualDirectorySettings.ExternalAuthenticationMethods)) : null),
            MailboxServer = mailboxServer.Fqdn ?? mailboxServer.Name,
            MailboxServerDN = mailboxServer.LegacyExchangeDN ?? "",
            ClientAccessServer = cas?.Fqdn,
            Site = site,
            ServerIsArray = array is not null,
            CasVersion = (cas?.Version ?? mailboxServer.Version)?.ToString() ?? "14.0.0.0",
        };
    }

    /// <summary>O3: the Mailbox server that holds the database's default public folder database, never the array (KB sample).</summary>
    private static string? PublicFolderServer(TopologySnapshot topology, MailboxDatabase database)
    {
        if (database.Setting(DatabaseSettings.PublicFolderDatabase) is not string pfDn)
            return null;
        var publicFolders = topology.Databases.FirstOrDefault(d => d.IsPublicFolderDatabase && DistinguishedNames.AreEqual(d.DistinguishedName, pfDn));
        var server = publicFolders is null ? null : topology.Servers.FirstOrDefault(s => ObjectName.Same(s.Name, publicFolders.ServerName));
        return server?.Fqdn;
    }

    private static string? HostOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host : null;

    /// <summary>UMUrl: the EWS host's legacy UM endpoint.</summary>
    private static string? Um(string? ewsUrl)
    {
        if (ewsUrl is null || !Uri.TryCreate(ewsUrl, UriKind.Absolute, out var uri))
            return null;
        // The host as written (Uri lower-cases it), so the URLs of one answer spell one host one way.
        var start = uri.Scheme.Length + 3;
        var end = ewsUrl.IndexOf('/', start);
        return ewsUrl[..(end < 0 ? ewsUrl.Length : end)] + "/EWS/UM2007Legacy.asmx";
    }

    private static string? Slash(string? url) => url is null ? null : url.EndsWith('/') ? url : url + "/";

    private static string Methods(VirtualDirectory directory, Settings.SettingDefinition definition) =>
        directory.Setting(definition) is AuthenticationMethod[] { Length: > 0 } methods ? string.Join(", ", methods) : "";
}

/// <summary>The directory says Outlook cannot open this mailbox (a database or RpcClientAccessServer that names nothing).</summary>
public sealed class ClientViewException(string message) : DomainRuleException(message);
