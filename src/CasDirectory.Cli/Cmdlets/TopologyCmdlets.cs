using System.CommandLine;
using CasDirectory.Cli.Output;
using CasDirectory.Cli.Shell;
using CasDirectory.Core;
using CasDirectory.Core.BestPractice;

namespace CasDirectory.Cli.Cmdlets;

/// <summary>Test-CasTopology (the best-practice report) and Get-CasTopology (the picture).</summary>
public static class TopologyCmdlets
{
    public static IEnumerable<Command> All(CmdletHost host) => [Test(host), Get(host)];

    private static Command Test(CmdletHost host)
    {
        var site = Cmdlet.Text("--site", "Only the findings of this site.");
        var minimum = Cmdlet.Text("--minimumseverity", "info (default), warning or error: show and count only findings at or above it.");
        return Cmdlet.Create("Test-CasTopology", "Check the topology against the CAS array best practices (B1–B6, T4); exit 1 when anything at or above -MinimumSeverity is found.",
            host, [site, minimum], call =>
        {
            var threshold = (call.Get(minimum) ?? "info").ToLowerInvariant() switch
            {
                "info" or "information" => Severity.Info,
                "warning" => Severity.Warning,
                "error" => Severity.Error,
                var other => throw new DomainRuleException($"-MinimumSeverity '{other}' is not info, warning or error.", isMalformedInput: true),
            };
            var topology = call.Directory.ReadTopology();
            var siteName = call.Get(site) is { } s ? Lookup.Site(topology.Sites, s) : null;
            var findings = BestPracticeRules.Evaluate(topology, siteName, threshold);
            var format = call.Host.RequestedFormat ?? OutputFormat.Table;
            call.Host.WroteReport = true;
            call.Host.Output.Write(FindingFormatter.Format(findings, format == OutputFormat.Csv ? OutputFormat.List : format, threshold));
            call.Host.ExitCode = findings.Count > 0 ? ExitCodes.Failed : ExitCodes.Success;
        });
    }

    private static Command Get(CmdletHost host)
    {
        var format = Cmdlet.Text("--diagram", "tree (default), mermaid or dot; -Format tree|mermaid|dot works too.");
        return Cmdlet.Create("Get-CasTopology", "Draw sites, arrays with members, servers and databases with where their RpcClientAccessServer points.", host, [format], call =>
        {
            var kind = (call.Get(format) ?? call.Host.RawFormat ?? "tree").ToLowerInvariant();
            var topology = call.Directory.ReadTopology();
            call.Host.WroteReport = true;
            call.Host.Output.Write(kind switch
            {
                "tree" or "table" => TopologyDiagram.Tree(topology),
                "mermaid" => TopologyDiagram.Mermaid(topology),
                "dot" => TopologyDiagram.Dot(topology),
                _ => throw new DomainRuleException($"-Format '{kind}' is not tree, mermaid or dot.", isMalformedInput: true),
            });
        }, acceptsDiagrams: true);
    }
}
