using System.Management.Automation;

namespace CasDirectory.PowerShell.Topology;

/// <summary>
/// <para type="synopsis">Draws sites, arrays with their members, servers and databases, with where each database's RpcClientAccessServer points (cross-site and stale pointers marked).</para>
/// </summary>
/// <example>
/// <code>Get-CasTopology -Format Mermaid</code>
/// <para>Draws the topology as a Mermaid flowchart for documentation.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "CasTopology")]
[OutputType(typeof(string))]
public sealed class GetCasTopologyCommand : CasDirectoryCmdlet
{
    /// <summary>Tree (default) for people, Mermaid or Dot (Graphviz) for documentation.</summary>
    [Parameter(Position = 0)]
    [ValidateSet("Tree", "Mermaid", "Dot")]
    public string Format { get; set; } = "Tree";

    protected override void InternalProcessRecord()
    {
        var topology = DataSession.ReadTopology();
        WriteObject((Format.ToLowerInvariant() switch
        {
            "mermaid" => TopologyDiagram.Mermaid(topology),
            "dot" => TopologyDiagram.Dot(topology),
            _ => TopologyDiagram.Tree(topology),
        }).TrimEnd('\n'));
    }
}
