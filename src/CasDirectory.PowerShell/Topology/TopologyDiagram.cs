using System.Text;
using CasDirectory.Core.BestPractice;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Servers;
using CasDirectory.Core.Topology;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CasDirectory.PowerShell.Topology;

/// <summary>
/// Get-CasTopology: sites → array (with its members) → servers → databases, each database showing where its
/// RpcClientAccessServer points and marking cross-site and stale pointers. As a tree for people, Mermaid or
/// Graphviz DOT for documentation.
/// </summary>
public static class TopologyDiagram
{
    /// <summary>Where a database points, and what is wrong with that (null when nothing is).</summary>
    public static (string Target, string? Mark) Pointer(TopologySnapshot topology, MailboxDatabase database)
    {
        var site = topology.Server(database.ServerName)?.SiteName;
        var target = topology.RpcClientAccessTargetOf(database);
        if (target is null)
            return (TopologySnapshot.DanglingName(database) ?? "(none)", "stale: no such server or array");
        if (target.Server is { IsRpcClientAccessServer: false })
            return (target.Fqdn, "not a Client Access server");
        if (!TopologySnapshot.Same(target.SiteName, site))
            return (target.Fqdn, $"cross-site: {target.SiteName ?? "no site"}");
        return (target.Fqdn, null);
    }

    public static string Tree(TopologySnapshot topology)
    {
        var root = new Tree(new Text(topology.Domain));
        foreach (var site in topology.Sites)
        {
            var subnets = topology.Subnets.Where(s => TopologySnapshot.Same(s.SiteName, site)).Select(s => s.Name).ToList();
            var siteNode = root.AddNode(new Text($"Site {site}{(subnets.Count > 0 ? $"  ({string.Join(", ", subnets)})" : "")}"));
            if (topology.ArrayOf(site) is { } array)
            {
                var members = topology.Members(array).Select(m => m.Name).ToList();
                siteNode.AddNode(new Text($"Array {array.Name}  {array.Fqdn}  members {{{string.Join(", ", members)}}}{(members.Count == 0 ? "  [no members]" : "")}"));
            }
            else
            {
                siteNode.AddNode(new Text("(no Client Access array)"));
            }
            foreach (var server in topology.Servers.Where(s => TopologySnapshot.Same(s.SiteName, site)))
                AddServer(siteNode, topology, server);
        }
        var homeless = topology.Servers.Where(s => s.SiteName is null || !topology.Sites.Any(site => TopologySnapshot.Same(site, s.SiteName))).ToList();
        if (homeless.Count > 0)
        {
            var none = root.AddNode(new Text("(no site)"));
            homeless.ForEach(s => AddServer(none, topology, s));
        }
        return Render(root);
    }

    private static void AddServer(TreeNode parent, TopologySnapshot topology, ExchangeServer server)
    {
        var node = parent.AddNode(new Text($"Server {server.Name}  {ServerRoleNames.Format(server.Roles)}  {server.Version?.ToAdminDisplayVersion() ?? "(no version)"}"));
        foreach (var database in topology.Databases.Where(d => TopologySnapshot.Same(d.ServerName, server.Name)))
        {
            var (target, mark) = Pointer(topology, database);
            var kind = database.IsPublicFolderDatabase ? "Public folder database" : database.Recovery ? "Recovery database" : "Database";
            node.AddNode(new Text($"{kind} {database.Name}  -> {target}{(mark is null ? "" : $"  [{mark}]")}"));
        }
    }

    private static string Render(IRenderable renderable)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 4096; // never wrap: the tree is read by people and by scripts
        console.Write(renderable);
        return string.Join("\n", writer.ToString().Split('\n').Select(l => l.TrimEnd())).TrimEnd() + "\n";
    }

    public static string Mermaid(TopologySnapshot topology)
    {
        var text = new StringBuilder("flowchart TD\n");
        foreach (var site in topology.Sites)
        {
            text.Append($"  subgraph {Id("site", site)}[\"Site {site}\"]\n");
            if (topology.ArrayOf(site) is { } array)
                text.Append($"    {Id("array", array.Name)}[\"Array {array.Name}<br/>{array.Fqdn}\"]\n");
            foreach (var server in topology.Servers.Where(s => TopologySnapshot.Same(s.SiteName, site)))
            {
                text.Append($"    {Id("server", server.Name)}[\"{server.Name}<br/>{ServerRoleNames.Format(server.Roles)}\"]\n");
                foreach (var database in topology.Databases.Where(d => TopologySnapshot.Same(d.ServerName, server.Name)))
                    text.Append($"    {Id("db", database.Name)}[(\"{database.Name}\")]\n");
            }
            text.Append("  end\n");
        }
        foreach (var array in topology.Arrays)
            foreach (var member in topology.Members(array))
                text.Append($"  {Id("server", member.Name)} -. member of .-> {Id("array", array.Name)}\n");
        foreach (var database in topology.Databases)
        {
            if (topology.Server(database.ServerName) is { } server)
                text.Append($"  {Id("server", server.Name)} --> {Id("db", database.Name)}\n");
            var (_, mark) = Pointer(topology, database);
            if (topology.RpcClientAccessTargetOf(database) is { } target)
                text.Append($"  {Id("db", database.Name)} -. \"RpcClientAccessServer{(mark is null ? "" : $" ({mark})")}\" .-> {(target.Array is not null ? Id("array", target.Name) : Id("server", target.Name))}\n");
            else
                text.Append($"  {Id("db", database.Name)} -. \"RpcClientAccessServer ({mark})\" .-> {Id("missing", database.Name)}[\"{TopologySnapshot.DanglingName(database)} (missing)\"]\n");
        }
        return text.ToString();
    }

    public static string Dot(TopologySnapshot topology)
    {
        var text = new StringBuilder($"digraph \"{topology.Domain}\" {{\n  rankdir=LR;\n  node [shape=box];\n");
        foreach (var site in topology.Sites)
        {
            text.Append($"  subgraph \"cluster_{Escape(site)}\" {{\n    label=\"Site {Escape(site)}\";\n");
            if (topology.ArrayOf(site) is { } array)
                text.Append($"    \"array:{Escape(array.Name)}\" [label=\"Array {Escape(array.Name)}\\n{Escape(array.Fqdn)}\", shape=hexagon];\n");
            foreach (var server in topology.Servers.Where(s => TopologySnapshot.Same(s.SiteName, site)))
            {
                text.Append($"    \"server:{Escape(server.Name)}\" [label=\"{Escape(server.Name)}\\n{Escape(ServerRoleNames.Format(server.Roles))}\"];\n");
                foreach (var database in topology.Databases.Where(d => TopologySnapshot.Same(d.ServerName, server.Name)))
                    text.Append($"    \"db:{Escape(database.Name)}\" [label=\"{Escape(database.Name)}\", shape=cylinder];\n");
            }
            text.Append("  }\n");
        }
        foreach (var array in topology.Arrays)
            foreach (var member in topology.Members(array))
                text.Append($"  \"server:{Escape(member.Name)}\" -> \"array:{Escape(array.Name)}\" [style=dotted, label=\"member\"];\n");
        foreach (var database in topology.Databases)
        {
            if (topology.Server(database.ServerName) is { } server)
                text.Append($"  \"server:{Escape(server.Name)}\" -> \"db:{Escape(database.Name)}\";\n");
            var (target, mark) = Pointer(topology, database);
            var resolved = topology.RpcClientAccessTargetOf(database);
            var to = resolved is null ? $"missing:{Escape(target)}" : resolved.Array is not null ? $"array:{Escape(resolved.Name)}" : $"server:{Escape(resolved.Name)}";
            text.Append($"  \"db:{Escape(database.Name)}\" -> \"{to}\" [style=dashed, label=\"RpcClientAccessServer{(mark is null ? "" : $"\\n{Escape(mark)}")}\"{(mark is null ? "" : ", color=red")}];\n");
        }
        return text.Append("}\n").ToString();
    }

    private static string Id(string kind, string name) => kind + "_" + new string(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
