using System.CommandLine;
using CasDirectory.Cli.Shell;
using CasDirectory.Core;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Servers;
using CasDirectory.Ldap.Exchange;

namespace CasDirectory.Cli.Cmdlets;

/// <summary>Client Access settings: the Autodiscover SCP, Outlook Anywhere and the virtual directories.</summary>
public static class ClientAccessCmdlets
{
    public static IEnumerable<Command> All(CmdletHost host) =>
    [
        GetClientAccessServer(host), SetClientAccessServer(host), EnableOutlookAnywhere(host), GetOutlookAnywhere(host), SetOutlookAnywhere(host),
        .. VirtualDirectoryKind.WithUrlVerbs.SelectMany(kind => new[] { GetVirtualDirectory(host, kind), SetVirtualDirectory(host, kind) }),
    ];

    private static Command GetClientAccessServer(CmdletHost host)
    {
        var identity = Cmdlet.Identity("Server name, FQDN or DN.");
        return Cmdlet.Create("Get-ClientAccessServer", "List Client Access servers with their Autodiscover settings.", host, [identity.Positional, identity.Named], call =>
        {
            var directory = call.Directory;
            var servers = directory.ReadServersAndArrays().Servers.Where(s => s.HasRole(ServerRoles.ClientAccess)).ToList();
            var selected = call.Get(identity) is { } id ? [Lookup.Server(servers, id)] : servers;
            var scps = directory.ReadAutodiscoverScps();
            var outlookAnywhere = directory.ReadVirtualDirectories().Where(v => v.Kind == VirtualDirectoryKind.OutlookAnywhere).Select(v => v.ServerName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            call.Write(selected.Select(s => Records.ClientAccessServer(s, scps.FirstOrDefault(x => Lookup.Same(x.ServerName, s.Name)), outlookAnywhere.Contains(s.Name))));
        });
    }

    private static Command SetClientAccessServer(CmdletHost host)
    {
        var identity = Cmdlet.Identity("The Client Access server.");
        var scope = Cmdlet.Text("--autodiscoversitescope", "The sites this server's Autodiscover SCP serves, comma-separated (replaces the list).");
        var uri = Cmdlet.Text("--autodiscoverserviceinternaluri", "The internal Autodiscover URL published in the SCP.");
        return Cmdlet.Create("Set-ClientAccessServer", "Set AutoDiscoverSiteScope and AutoDiscoverServiceInternalUri (the SCP's keywords and binding).", host,
            [identity.Positional, identity.Named, scope, uri], call =>
        {
            var internalUri = call.Get(uri) is { } u ? AbsoluteUrl(u, "AutoDiscoverServiceInternalUri") : null;
            var directory = call.Directory;
            var sites = directory.ReadSites();
            var servers = directory.ReadServersAndArrays().Servers;
            var scps = directory.ReadAutodiscoverScps();
            foreach (var id in call.Identities(call.Get(identity)))
            {
                var server = Lookup.Server(servers.Where(s => s.HasRole(ServerRoles.ClientAccess)), id);
                var scp = scps.FirstOrDefault(x => Lookup.Same(x.ServerName, server.Name));
                var newScope = call.Given(scope) ? Cmdlet.List(call.Get(scope)) : scp?.SiteScope ?? [];
                foreach (var unknown in newScope.Where(s => !sites.Contains(s, StringComparer.OrdinalIgnoreCase)))
                    call.Warn($"The site '{unknown}' does not exist; {server.Name}'s SCP will name it all the same.");
                if (call.ShouldProcess($"Setting the Autodiscover SCP of \"{server.Name}\": site scope {{{string.Join(", ", newScope)}}}"))
                    directory.SetAutodiscover(server.Name, server.Fqdn ?? server.Name, newScope, internalUri ?? scp?.InternalUri);
            }
        });
    }

    private static Command EnableOutlookAnywhere(CmdletHost host)
    {
        var server = Cmdlet.Text("--server", "The Exchange 2010 Client Access server.", required: true);
        var external = Cmdlet.Text("--externalhostname", "The host name Outlook Anywhere clients use, e.g. webmail.lab.local.", required: true);
        var authentication = Cmdlet.Text("--clientauthenticationmethod", "Basic (default) or Ntlm.");
        var offloading = new Option<bool?>("--ssloffloading") { Description = "$true when SSL ends at a load balancer.", Arity = ArgumentArity.ZeroOrOne };
        return Cmdlet.Create("Enable-OutlookAnywhere", "Enable Outlook Anywhere (RPC over HTTP) on a server.", host, [server, external, authentication, offloading], call =>
        {
            var host = Fqdn.Require(call.Get(external), "ExternalHostname");
            var method = (call.Get(authentication) ?? "Basic").ToLowerInvariant() switch
            {
                "basic" => 1,
                "ntlm" => 2,
                var other => throw new DomainRuleException($"'{other}' is not an Outlook Anywhere authentication method: Basic or Ntlm.", isMalformedInput: true),
            };
            var directory = call.Directory;
            var target = Lookup.Server(directory.ReadServersAndArrays().Servers, call.Get(server)!);
            if (!target.IsRpcClientAccessServer)
                throw new DomainRuleException($"{target.Name} is not an Exchange 2010 Client Access server.");
            if (directory.ReadVirtualDirectories().Any(v => v.Kind == VirtualDirectoryKind.OutlookAnywhere && Lookup.Same(v.ServerName, target.Name)))
                throw new DomainRuleException($"Outlook Anywhere is already enabled on {target.Name}. Set-OutlookAnywhere changes it.");
            if (call.ShouldProcess($"Enabling Outlook Anywhere on \"{target.Name}\" as {host}"))
                directory.EnableOutlookAnywhere(target, host, method, call.Get(offloading) ?? false);
        });
    }

    private static Command GetOutlookAnywhere(CmdletHost host)
    {
        var identity = Cmdlet.Identity(@"SERVER\Rpc (Default Web Site), or a server name.");
        var server = Cmdlet.Text("--server", "Only this server's.");
        return Cmdlet.Create("Get-OutlookAnywhere", "List Outlook Anywhere settings.", host, [identity.Positional, identity.Named, server], call =>
            call.Write(Select(call, VirtualDirectoryKind.OutlookAnywhere, call.Get(identity), call.Get(server)).Select(Records.OutlookAnywhere)));
    }

    private static Command SetOutlookAnywhere(CmdletHost host)
    {
        var identity = Cmdlet.Identity(@"SERVER\Rpc (Default Web Site), or a server name.");
        var external = Cmdlet.Text("--externalhostname", "The host name Outlook Anywhere clients use.", required: true);
        return Cmdlet.Create("Set-OutlookAnywhere", "Change the Outlook Anywhere external host name.", host, [identity.Positional, identity.Named, external], call =>
        {
            var name = Fqdn.Require(call.Get(external), "ExternalHostname");
            foreach (var id in call.Identities(call.Get(identity)))
            {
                var directory = Select(call, VirtualDirectoryKind.OutlookAnywhere, id, null).Single();
                if (call.ShouldProcess($"Setting the Outlook Anywhere external host name of \"{directory.ServerName}\" to {name}"))
                    call.Directory.SetVirtualDirectoryUrls(directory, null, $"https://{name}/rpc");
            }
        });
    }

    private static Command GetVirtualDirectory(CmdletHost host, VirtualDirectoryKind kind)
    {
        var identity = Cmdlet.Identity($@"SERVER\{kind.DirectoryName} ({VirtualDirectory.WebSite}), or a server name.");
        var server = Cmdlet.Text("--server", "Only this server's.");
        return Cmdlet.Create($"Get-{kind.Noun}", $"List the {kind.DirectoryName} virtual directories.", host, [identity.Positional, identity.Named, server], call =>
            call.Write(Select(call, kind, call.Get(identity), call.Get(server)).Select(Records.VirtualDirectory)));
    }

    private static Command SetVirtualDirectory(CmdletHost host, VirtualDirectoryKind kind)
    {
        var identity = Cmdlet.Identity($@"SERVER\{kind.DirectoryName} ({VirtualDirectory.WebSite}), or a server name.");
        var internalUrl = Cmdlet.Text("--internalurl", "The internal URL ($null clears it).");
        var externalUrl = Cmdlet.Text("--externalurl", "The external URL ($null clears it).");
        return Cmdlet.Create($"Set-{kind.Noun}", $"Set the URLs of a {kind.DirectoryName} virtual directory.", host, [identity.Positional, identity.Named, internalUrl, externalUrl], call =>
        {
            var newInternal = Url(call.Get(internalUrl), "InternalUrl");
            var newExternal = Url(call.Get(externalUrl), "ExternalUrl");
            foreach (var id in call.Identities(call.Get(identity)))
            {
                var directory = Select(call, kind, id, null).Single();
                if (call.ShouldProcess($"Setting the URLs of \"{directory.Identity}\""))
                    call.Directory.SetVirtualDirectoryUrls(directory, newInternal, newExternal);
            }
        });
    }

    private static IReadOnlyList<VirtualDirectory> Select(CmdletCall call, VirtualDirectoryKind kind, string? identity, string? server)
    {
        var directory = call.Directory;
        var all = directory.ReadVirtualDirectories().Where(v => v.Kind == kind).ToList();
        if (server is not null)
        {
            var target = Lookup.Server(directory.ReadServersAndArrays().Servers, server);
            all = all.Where(v => Lookup.Same(v.ServerName, target.Name)).ToList();
        }
        if (identity is null)
            return all;
        var match = all.Where(v => Lookup.Same(v.Identity, identity) || Lookup.Same(v.ServerName, identity)
                                   || (identity.Contains('=') && DistinguishedNames.AreEqual(v.DistinguishedName, identity))).ToList();
        return match.Count > 0 ? match : throw Lookup.NotFound(kind.Noun == "OutlookAnywhere" ? "Outlook Anywhere virtual directory" : "virtual directory", identity, $"Get-{kind.Noun}");
    }

    /// <summary>"" or $null clears a URL; anything else must be an absolute http(s) URL.</summary>
    private static string? Url(string? value, string parameter) =>
        value is null ? null : value is "" or "$null" or "null" ? "" : AbsoluteUrl(value, parameter);

    private static string AbsoluteUrl(string value, string parameter) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || uri.Scheme == "http") && Fqdn.IsValid(uri.Host)
            ? value
            : throw new DomainRuleException($"-{parameter} '{value}' is not an absolute http(s) URL with a host name, such as https://mail.lab.local/owa.", isMalformedInput: true);
}
