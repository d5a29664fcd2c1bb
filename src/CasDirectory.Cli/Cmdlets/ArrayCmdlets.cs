using System.CommandLine;
using System.DirectoryServices.Protocols;
using CasDirectory.Cli.Shell;
using CasDirectory.Core;
using CasDirectory.Core.Arrays;
using CasDirectory.Core.Naming;
using CasDirectory.Ldap.Exchange;

namespace CasDirectory.Cli.Cmdlets;

/// <summary>New-/Get-/Set-/Remove-ClientAccessArray, rules A1–A5.</summary>
public static class ArrayCmdlets
{
    public static IEnumerable<Command> All(CmdletHost host) => [New(host), Get(host), Set(host), Remove(host)];

    private static Command New(CmdletHost host)
    {
        var name = Cmdlet.Text("--name", "Array name; defaults to the first label of -Fqdn (at most 64 characters).");
        var fqdn = Cmdlet.Text("--fqdn", "The name MAPI clients connect to, e.g. outlook.lab.local.", required: true);
        var site = Cmdlet.Text("--site", "The AD site of the array (name or DN). One array per site.", required: true);
        return Cmdlet.Create("New-ClientAccessArray", "Create the Client Access array of a site. It changes no database (A4).", host, [name, fqdn, site], call =>
        {
            var arrayFqdn = Fqdn.Require(call.Get(fqdn));
            var arrayName = ObjectName.Require(call.Get(name) ?? Fqdn.FirstLabel(arrayFqdn));
            var directory = call.Directory;
            var siteName = Lookup.Site(directory.ReadSites(), call.Get(site)!);
            var topology = directory.ReadServersAndArrays();
            CheckUnique(topology, arrayName, arrayFqdn, siteName, except: null);
            if (!call.ShouldProcess($"Creating Client Access array \"{arrayName}\" ({arrayFqdn}) in site \"{siteName}\""))
                return;
            Write(directory, () => directory.AddArray(arrayName, arrayFqdn, siteName), arrayName, arrayFqdn, siteName, null);
            var created = directory.ReadServersAndArrays();
            call.Write(Records.Array(Lookup.Array(created.Arrays, arrayName), created.Servers));
        });
    }

    private static Command Get(CmdletHost host)
    {
        var identity = Cmdlet.Identity("Array name, DN, FQDN, legacyExchangeDN or GUID.");
        var site = Cmdlet.Text("--site", "Only the array of this site.");
        return Cmdlet.Create("Get-ClientAccessArray", "List Client Access arrays; Members are computed (A3).", host, [identity.Positional, identity.Named, site], call =>
        {
            var topology = call.Directory.ReadServersAndArrays();
            IEnumerable<ClientAccessArray> arrays = topology.Arrays;
            if (call.Get(identity) is { } id)
                arrays = [Lookup.Array(arrays, id)];
            if (call.Get(site) is { } siteFilter)
            {
                var siteName = siteFilter.Contains('=') ? DistinguishedNames.FirstValue(siteFilter) : siteFilter;
                arrays = arrays.Where(a => Lookup.Same(a.SiteName, siteName));
            }
            call.Write(arrays.Select(a => Records.Array(a, topology.Servers)));
        });
    }

    private static Command Set(CmdletHost host)
    {
        var identity = Cmdlet.Identity("The array to change.");
        var name = Cmdlet.Text("--name", "New name (at most 64 characters).");
        var fqdn = Cmdlet.Text("--fqdn", "New FQDN.");
        var site = Cmdlet.Text("--site", "Move the array to another site (which must have no array).");
        return Cmdlet.Create("Set-ClientAccessArray", "Change an array's name, FQDN or site. Databases are not changed (A4).", host,
            [identity.Positional, identity.Named, name, fqdn, site], call =>
        {
            var newFqdn = call.Get(fqdn) is { } f ? Fqdn.Require(f) : null;
            var newName = call.Get(name) is { } n ? ObjectName.Require(n) : null;
            var directory = call.Directory;
            var newSite = call.Get(site) is { } s ? Lookup.Site(directory.ReadSites(), s) : null;
            foreach (var id in call.Identities(call.Get(identity)))
            {
                var topology = directory.ReadServersAndArrays();
                var array = Lookup.Array(topology.Arrays, id);
                CheckUnique(topology, newName, newFqdn, newSite, except: array);
                if (!call.ShouldProcess($"Changing Client Access array \"{array.Name}\""))
                    continue;
                Write(directory, () => directory.SetArray(array, newName, newFqdn, newSite), newName, newFqdn, newSite, array);
                if (newSite is not null && !Lookup.Same(newSite, array.SiteName))
                    WarnAboutPointingDatabases(call, directory, array, $"now lies in site '{newSite}'; databases in site '{array.SiteName}' that point at it cross sites");
            }
        });
    }

    private static Command Remove(CmdletHost host)
    {
        var identity = Cmdlet.Identity("The array to remove.");
        return Cmdlet.Create("Remove-ClientAccessArray", "Remove an array. Databases that point at it keep pointing at it (A4).", host,
            [identity.Positional, identity.Named], call =>
        {
            var directory = call.Directory;
            foreach (var id in call.Identities(call.Get(identity)))
            {
                var array = Lookup.Array(directory.ReadServersAndArrays().Arrays, id);
                WarnAboutPointingDatabases(call, directory, array, "is being removed; they will point at an object that no longer exists until you run Set-MailboxDatabase -RpcClientAccessServer");
                if (call.ShouldRemove($"Removing Client Access array \"{array.Name}\""))
                    directory.RemoveArray(array);
            }
        });
    }

    private static void WarnAboutPointingDatabases(CmdletCall call, ExchangeDirectory directory, ClientAccessArray array, string what)
    {
        var pointing = directory.ReadDatabases().Where(d => Lookup.Same(d.RpcClientAccessLegacyDN, array.LegacyExchangeDN)).Select(d => d.Name).ToList();
        if (pointing.Count > 0)
            call.Warn($"{pointing.Count} database(s) point at Client Access array '{array.Name}' ({string.Join(", ", pointing)}), which {what}.");
    }

    /// <summary>A2: one array per site; names unique across servers and arrays; FQDNs unique.</summary>
    private static void CheckUnique(ServersAndArrays topology, string? name, string? fqdn, string? site, ClientAccessArray? except)
    {
        var others = topology.Arrays.Where(a => except is null || a.DistinguishedName != except.DistinguishedName).ToList();
        if (site is not null && others.FirstOrDefault(a => Lookup.Same(a.SiteName, site)) is { } existing)
            throw new DomainRuleException($"A Client Access array already exists in site '{site}' ({existing.Name}). A site has at most one array (A2); change that array with Set-ClientAccessArray instead.");
        if (name is not null && (others.Any(a => Lookup.Same(a.Name, name)) || topology.Servers.Any(s => Lookup.Same(s.Name, name))))
            throw new DomainRuleException($"An array or server named '{name}' already exists. Array names are unique across servers and arrays (A2).");
        if (fqdn is not null && others.FirstOrDefault(a => Lookup.Same(a.Fqdn, fqdn)) is { } sameFqdn)
            throw new DomainRuleException($"The FQDN '{fqdn}' is already used by Client Access array '{sameFqdn.Name}'. FQDNs are unique (A2).");
        if (fqdn is not null && topology.Servers.FirstOrDefault(s => Lookup.Same(s.Fqdn, fqdn)) is { } server)
            throw new DomainRuleException($"The FQDN '{fqdn}' is server {server.Name}'s own name. An array needs a name of its own (A2, B4).");
    }

    /// <summary>A race that only slapd catches (unique overlay) surfaces as the same rule message as the check above.</summary>
    private static void Write(ExchangeDirectory directory, Action write, string? name, string? fqdn, string? site, ClientAccessArray? except)
    {
        try
        {
            write();
        }
        catch (DirectoryOperationException e) when (e.Response?.ResultCode == ResultCode.ConstraintViolation)
        {
            CheckUnique(directory.ReadServersAndArraysUncached(), name, fqdn, site, except); // re-read: the cache cannot know the rival write
            throw new DomainRuleException($"The directory refused the change: {e.Response.ErrorMessage}");
        }
    }
}
