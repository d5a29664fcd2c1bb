using System.CommandLine;
using CasDirectory.Cli.Output;

namespace CasDirectory.Cli.Shell;

/// <summary>
/// Runs one pipeline: a cmdlet, then optionally cmdlets that take its objects (Get-MailboxDatabase |
/// Set-MailboxDatabase …), Select-Object (select) and Format-Table / Format-List (ft, fl). Nothing beyond
/// the forms Exchange articles use.
/// </summary>
public sealed class PipelineRunner(RootCommand root, CmdletHost host)
{
    private static readonly string[] SelectVerbs = ["select", "select-object"];
    private static readonly string[] TableVerbs = ["ft", "format-table"];
    private static readonly string[] ListVerbs = ["fl", "format-list"];

    /// <summary>Runs the segments and writes the result; returns the exit code. Errors are thrown.</summary>
    public int Run(IReadOnlyList<IReadOnlyList<string>> segments)
    {
        IReadOnlyList<OutputRecord>? records = null;
        IReadOnlyList<string>? columns = null;
        OutputFormat? format = null;
        host.RequestedFormat = null;
        host.RawFormat = null;
        host.ExitCode = ExitCodes.Success;
        host.WroteReport = false;
        foreach (var segment in segments)
        {
            var verb = segment[0].ToLowerInvariant();
            var arguments = segment.Skip(1).SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Where(a => !a.StartsWith('-')).ToList();
            if (records is not null && SelectVerbs.Contains(verb))
            {
                columns = arguments;
                continue;
            }
            if (records is not null && (TableVerbs.Contains(verb) || ListVerbs.Contains(verb)))
            {
                format = TableVerbs.Contains(verb) ? OutputFormat.Table : OutputFormat.List;
                if (arguments.Count > 0) columns = arguments;
                continue;
            }
            if (records is not null && columns is not null)
                throw new Core.DomainRuleException($"'{segment[0]}' cannot follow select: only ft or fl can.", isMalformedInput: true);
            records = Invoke(segment, records);
        }
        var chosen = format ?? host.RequestedFormat ?? OutputFormat.Table;
        // A plain table of one kind of object shows its default columns; select or ft props choose others.
        if (!host.WroteReport)
            host.Output.Write(RecordFormatter.Format(records ?? [], chosen, columns));
        return host.ExitCode;
    }

    private IReadOnlyList<OutputRecord> Invoke(IReadOnlyList<string> segment, IReadOnlyList<OutputRecord>? input)
    {
        var verbs = root.Subcommands.Select(c => c.Name);
        var parse = root.Parse(ShellArguments.Normalize(segment.ToArray(), verbs));
        if (parse.Errors.Count > 0)
            throw new UsageException(string.Join(" ", parse.Errors.Select(e => e.Message)) + $" Run 'casdir {segment[0]} --help' for its parameters.");
        host.PipelineInput = input;
        host.Results.Clear();
        var code = parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        if (code != ExitCodes.Success)
            throw new UsageException($"{segment[0]} could not run.");
        return host.Results.ToList();
    }
}
