using System.CommandLine;
using CasDirectory.Cli.Shell;
using CasDirectory.Core;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Servers;
using CasDirectory.Core.Sites;

namespace CasDirectory.Cli.Cmdlets;

/// <summary>Database availability groups, as far as they meet CAS arrays (a DAG may span sites; an array cannot).</summary>
public static class DagCmdlets
{
    public static IEnumerable<Command> All(CmdletHost host) => [New(host), AddServer(host), Get(host)];

    private static Command New(CmdletHost host)
    {
        var name = Cmdlet.Text("--name", "DAG name: a cluster computer name, at most 15 characters.", required: true);
        var addresses = Cmdlet.Text("--databaseavailabilitygroupipaddresses", "Its IPv4 addresses, comma-separated.");
        return Cmdlet.Create("New-DatabaseAvailabilityGroup", "Create a database availability group.", host, [name, addresses], call =>
        {
            var dagName = ObjectName.Require(call.Get(name));
            if (dagName.Length > DatabaseAvailabilityGroup.MaximumNameLength || dagName.Contains(' ') || dagName.Contains('.'))
                throw new DomainRuleException($"-Name '{dagName}' is not a cluster computer name: at most {DatabaseAvailabilityGroup.MaximumNameLength} characters, no spaces or dots.", isMalformedInput: true);
            var ips = Cmdlet.List(call.Get(addresses)).Select(a => IpAddresses.Parse(a, "DatabaseAvailabilityGroupIpAddresses").ToString()).ToList();
            var directory = call.Directory;
            var topology = directory.ReadServersAndArrays();
            if (directory.ReadDatabaseAvailabilityGroups(topology.Servers).Any(d => Lookup.Same(d.Name, dagName)))
                throw new DomainRuleException($"A database availability group named '{dagName}' already exists.");
            if (topology.Servers.Any(s => Lookup.Same(s.Name, dagName)))
                throw new DomainRuleException($"'{dagName}' is already a server's name; a DAG's name becomes a computer name and must be unique.");
            if (!call.ShouldProcess($"Creating database availability group \"{dagName}\""))
                return;
            directory.AddDatabaseAvailabilityGroup(dagName, ips);
            call.Write(Records.DatabaseAvailabilityGroup(new DatabaseAvailabilityGroup(dagName, "", ips, [])));
        });
    }

    private static Command AddServer(CmdletHost host)
    {
        var identity = Cmdlet.Identity("The DAG.");
        var server = Cmdlet.Text("--mailboxserver", "The Exchange 2010 Mailbox server to add.", required: true);
        return Cmdlet.Create("Add-DatabaseAvailabilityGroupServer", "Add a Mailbox server to a DAG.", host, [identity.Positional, identity.Named, server], call =>
        {
            var directory = call.Directory;
            var servers = directory.ReadServersAndArrays().Servers;
            var dags = directory.ReadDatabaseAvailabilityGroups(servers);
            var id = call.Get(identity) ?? throw new DomainRuleException("Add-DatabaseAvailabilityGroupServer needs -Identity (the DAG).", isMalformedInput: true);
            var dag = dags.FirstOrDefault(d => Lookup.Same(d.Name, id) || (id.Contains('=') && DistinguishedNames.AreEqual(d.DistinguishedName, id)))
                      ?? throw Lookup.NotFound("database availability group", id, "Get-DatabaseAvailabilityGroup");
            var member = Lookup.Server(servers, call.Get(server)!);
            if (!member.IsExchange2010 || !member.HasRole(ServerRoles.Mailbox))
                throw new DomainRuleException($"{member.Name} is not an Exchange 2010 Mailbox server; only those join a DAG.");
            if (member.DatabaseAvailabilityGroupName is { } current && !Lookup.Same(current, dag.Name))
                throw new DomainRuleException($"{member.Name} is already a member of DAG '{current}'.");
            if (call.ShouldProcess($"Adding \"{member.Name}\" to database availability group \"{dag.Name}\""))
                directory.AddDatabaseAvailabilityGroupServer(dag, member);
        });
    }

    private static Command Get(CmdletHost host)
    {
        var identity = Cmdlet.Identity("The DAG.");
        return Cmdlet.Create("Get-DatabaseAvailabilityGroup", "List database availability groups and their member servers.", host, [identity.Positional, identity.Named], call =>
        {
            var directory = call.Directory;
            var dags = directory.ReadDatabaseAvailabilityGroups(directory.ReadServersAndArrays().Servers);
            var selected = call.Get(identity) is { } id
                ? [dags.FirstOrDefault(d => Lookup.Same(d.Name, id)) ?? throw Lookup.NotFound("database availability group", id, "Get-DatabaseAvailabilityGroup")]
                : dags;
            call.Write(selected.Select(Records.DatabaseAvailabilityGroup));
        });
    }
}
