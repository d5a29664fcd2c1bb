using System.CommandLine;
using CasDirectory.Cli.Shell;
using CasDirectory.Core;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Sites;

namespace CasDirectory.Cli.Cmdlets;

/// <summary>Sites and subnets, named as the Active Directory module names them.</summary>
public static class SiteCmdlets
{
    public static IEnumerable<Command> All(CmdletHost host) =>
        [NewSite(host), GetSite(host), RemoveSite(host), NewSubnet(host), GetSubnet(host), SetSubnet(host), RemoveSubnet(host)];

    private static Command NewSite(CmdletHost host)
    {
        var name = Cmdlet.Text("--name", "Site name.", required: true);
        return Cmdlet.Create("New-ADReplicationSite", "Create an AD site (with its Servers and NTDS Site Settings children).", host, [name], call =>
        {
            var siteName = ObjectName.Require(call.Get(name));
            var directory = call.Directory;
            if (directory.ReadSites().FirstOrDefault(s => Lookup.Same(s, siteName)) is { } existing)
                throw new DomainRuleException($"The site '{existing}' already exists.");
            if (!call.ShouldProcess($"Creating site \"{siteName}\""))
                return;
            directory.AddSite(siteName);
            call.Write(Records.Site(siteName, directory.Partition));
        });
    }

    private static Command GetSite(CmdletHost host)
    {
        var identity = Cmdlet.Identity("Site name or DN.");
        return Cmdlet.Create("Get-ADReplicationSite", "List AD sites.", host, [identity.Positional, identity.Named], call =>
        {
            var sites = call.Directory.ReadSites();
            var selected = call.Get(identity) is { } id ? [Lookup.Site(sites, id)] : sites;
            call.Write(selected.Select(s => Records.Site(s, call.Directory.Partition)));
        });
    }

    private static Command RemoveSite(CmdletHost host)
    {
        var identity = Cmdlet.Identity("The site to remove.");
        return Cmdlet.Create("Remove-ADReplicationSite", "Remove a site no server, array or subnet uses (AD refuses the others too).", host, [identity.Positional, identity.Named], call =>
        {
            var directory = call.Directory;
            foreach (var id in call.Identities(call.Get(identity)))
            {
                var site = Lookup.Site(directory.ReadSites(), id);
                var topology = directory.ReadServersAndArrays();
                var users = topology.Servers.Where(s => Lookup.Same(s.SiteName, site)).Select(s => "server " + s.Name)
                    .Concat(topology.Arrays.Where(a => Lookup.Same(a.SiteName, site)).Select(a => "array " + a.Name))
                    .Concat(directory.ReadSubnets().Where(s => Lookup.Same(s.SiteName, site)).Select(s => "subnet " + s.Name))
                    .ToList();
                if (users.Count > 0)
                    throw new DomainRuleException($"The site '{site}' cannot be removed: it is still used by {string.Join(", ", users)}. Move or remove those first.");
                if (call.ShouldRemove($"Removing site \"{site}\""))
                    directory.RemoveSite(site);
            }
        });
    }

    private static Command NewSubnet(CmdletHost host)
    {
        var name = Cmdlet.Text("--name", "The subnet in CIDR form, e.g. 10.1.0.0/16.", required: true);
        var site = Cmdlet.Text("--site", "The site it belongs to.");
        return Cmdlet.Create("New-ADReplicationSubnet", "Create a subnet and map it to a site.", host, [name, site], call =>
        {
            var prefix = AdSubnet.ParsePrefix(call.Get(name));
            var directory = call.Directory;
            var siteName = call.Get(site) is { } s ? Lookup.Site(directory.ReadSites(), s) : null;
            if (directory.ReadSubnets().Any(x => x.Prefix == prefix))
                throw new DomainRuleException($"The subnet '{prefix}' already exists. Set-ADReplicationSubnet changes its site.");
            if (!call.ShouldProcess($"Creating subnet \"{prefix}\"{(siteName is null ? "" : $" in site \"{siteName}\"")}"))
                return;
            directory.AddSubnet(prefix.ToString(), siteName);
            call.Write(Records.Subnet(new AdSubnet(prefix, siteName), directory.Partition));
        });
    }

    private static Command GetSubnet(CmdletHost host)
    {
        var identity = Cmdlet.Identity("The subnet (CIDR).");
        var site = Cmdlet.Text("--site", "Only the subnets of this site.");
        return Cmdlet.Create("Get-ADReplicationSubnet", "List subnets and their sites.", host, [identity.Positional, identity.Named, site], call =>
        {
            IEnumerable<AdSubnet> subnets = call.Directory.ReadSubnets();
            if (call.Get(identity) is { } id)
                subnets = [Find(subnets, id)];
            if (call.Get(site) is { } siteName)
                subnets = subnets.Where(s => Lookup.Same(s.SiteName, siteName.Contains('=') ? DistinguishedNames.FirstValue(siteName) : siteName));
            call.Write(subnets.Select(s => Records.Subnet(s, call.Directory.Partition)));
        });
    }

    private static Command SetSubnet(CmdletHost host)
    {
        var identity = Cmdlet.Identity("The subnet (CIDR).");
        var site = Cmdlet.Text("--site", "The site it now belongs to.", required: true);
        return Cmdlet.Create("Set-ADReplicationSubnet", "Map a subnet to another site. Server sites are recomputed by the site-topology service.", host,
            [identity.Positional, identity.Named, site], call =>
        {
            var directory = call.Directory;
            var siteName = Lookup.Site(directory.ReadSites(), call.Get(site)!);
            foreach (var id in call.Identities(call.Get(identity)))
            {
                var subnet = Find(directory.ReadSubnets(), id);
                if (call.ShouldProcess($"Mapping subnet \"{subnet.Name}\" to site \"{siteName}\""))
                    directory.SetSubnetSite(subnet.Name, siteName);
            }
        });
    }

    private static Command RemoveSubnet(CmdletHost host)
    {
        var identity = Cmdlet.Identity("The subnet (CIDR).");
        return Cmdlet.Create("Remove-ADReplicationSubnet", "Remove a subnet.", host, [identity.Positional, identity.Named], call =>
        {
            var directory = call.Directory;
            foreach (var id in call.Identities(call.Get(identity)))
            {
                var subnet = Find(directory.ReadSubnets(), id);
                if (call.ShouldRemove($"Removing subnet \"{subnet.Name}\""))
                    directory.RemoveSubnet(subnet.Name);
            }
        });
    }

    private static AdSubnet Find(IEnumerable<AdSubnet> subnets, string identity)
    {
        var name = identity.Contains('=') ? DistinguishedNames.FirstValue(identity) : identity;
        return subnets.FirstOrDefault(s => s.Name == name || (System.Net.IPNetwork.TryParse(name, out var prefix) && s.Prefix == prefix))
               ?? throw Lookup.NotFound("subnet", identity, "Get-ADReplicationSubnet");
    }
}
