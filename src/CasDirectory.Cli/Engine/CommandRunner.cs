using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Runtime.InteropServices;
using CasDirectory.PowerShell.Errors;
using CasDirectory.PowerShell.Sessions;

namespace CasDirectory.Cli.Engine;

/// <summary>
/// Runs one line or one script in casdir's engine and turns the outcome into an exit code: 0 success; 2 for
/// parse and parameter-binding errors, found for the whole text before its first statement runs, so nothing is
/// written; 1 when an error record was written or a terminating error stopped it (and then what had already
/// been written is listed); otherwise $LASTEXITCODE (Test-CasTopology sets it when it finds something). SIGINT and
/// SIGTERM stop the run (130, 143, and the list of what was written); writes sent without an answer are listed apart
/// as "may have been written".
/// </summary>
public sealed class CommandRunner : IDisposable
{
    private readonly EngineHost _host;
    private readonly Runspace _runspace;
    private readonly TextWriter _error;
    private readonly bool _handlesSignals;
    private readonly ProgressDisplay? _progress;

    /// <param name="data">The local directory to act on (--data); null for $env:CASDIR_DATA or -DomainController.</param>
    public CommandRunner(EngineConsole console, string errorActionPreference, string? data, bool resume = false)
    {
        _progress = ProgressDisplay.For(console);
        if (_progress is not null)
            console = _progress.Wrap(console); // what is written erases the progress first
        _error = console.Error;
        _handlesSignals = console.HandlesSignals;
        _host = new EngineHost(console, _progress);
        var iss = EngineSession.Create(errorActionPreference, data, resume);
        _runspace = RunspaceFactory.CreateRunspace(_host, iss);
        // Bind to the directory on the other core while the engine starts: most lines need it first thing.
        DirectoryConnections.Prepare(_runspace, data is null ? null : Path.GetFullPath(data));
        _runspace.Open();
        Runspace.DefaultRunspace = _runspace;
    }

    public bool ShowStatistics { get; init; }

    /// <summary>Runs <paramref name="text"/>; <paramref name="source"/> names it in messages ("provision.ps1", or null for a one-liner).</summary>
    public int Run(string text, string? source)
    {
        var ast = Parser.ParseInput(text, out _, out var parseErrors);
        if (parseErrors.Length > 0)
        {
            foreach (var error in parseErrors)
                _error.WriteLine($"casdir: {Where(source, error.Extent.StartLineNumber)}{error.Message}");
            return ExitCodes.Usage;
        }
        if (StaticCheck.Problems(ast, _runspace) is { Count: > 0 } problems)
        {
            foreach (var (line, message) in problems)
                _error.WriteLine($"casdir: {Where(source, line)}{message}");
            return ExitCodes.Usage;
        }

        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = _runspace;
        var worst = ExitCodes.Success;
        // SIGINT (Ctrl-C) and SIGTERM stop the pipeline as Ctrl-C stops pwsh's: the write in flight finishes (or fails),
        // no further statement runs, and casdir says what it wrote. A second signal ends casdir at once, and so does one
        // before this point (the engine starting: nothing has been written).
        PosixSignal? signal = null;
        var signals = new object();
        void Interrupt(PosixSignalContext context)
        {
            lock (signals)
            {
                if (signal is not null)
                    return; // the second: the runtime's default ends the process
                signal = context.Signal;
            }
            context.Cancel = true;
            shell.BeginStop(null, null);
        }
        using var sigint = _handlesSignals ? PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt) : null;
        using var sigterm = _handlesSignals ? PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt) : null;
        shell.Streams.Error.DataAdded += (_, e) =>
        {
            var record = shell.Streams.Error[e.Index];
            if (signal is not null && record.Exception is PipelineStoppedException)
                return;
            Report(record, source);
            worst = Math.Max(worst, CodeOf(record));
        };
        // Objects are formatted after the run: a terminating error would otherwise stop Out-Default before it
        // flushed the table it was still building, and the objects written before the error would be lost.
        var output = new PSDataCollection<PSObject>();
        shell.AddScript(text);
        _progress?.Start(source, LineCount(text), ScriptLine, () => EngineSession.Writes(_runspace));
        try
        {
            lock (signals)
            {
                if (signal is not null)
                    throw new PipelineStoppedException(); // a signal came before the first statement
            }
            shell.Invoke(null, output);
        }
        catch (PipelineStoppedException) when (signal is not null)
        {
        }
        catch (RuntimeException e)
        {
            Report(e.ErrorRecord, source);
            worst = Math.Max(worst, CodeOf(e.ErrorRecord));
        }
        finally
        {
            _progress?.Stop();
            Show(output);
        }
        var code = _host.ExitCode ?? (worst != ExitCodes.Success ? worst : LastExitCode());
        var (searches, writes, written, uncertain) = EngineSession.Statistics(_runspace);
        if (signal is { } stopped)
        {
            code = stopped == PosixSignal.SIGINT ? ExitCodes.Interrupted : ExitCodes.Terminated;
            _error.WriteLine($"casdir: interrupted ({stopped}); " + (written.Count > 0 ? $"before that, {Changes(written)}" : "nothing had been written."));
        }
        else if (worst != ExitCodes.Success && written.Count > 0)
        {
            _error.WriteLine($"casdir: before the error, {Changes(written)}");
        }
        if (uncertain.Count > 0)
            _error.WriteLine($"casdir: the directory did not answer, so {(uncertain.Count == 1 ? "this change" : $"these {uncertain.Count} changes")} may have been written: " +
                             string.Join("; ", uncertain) + $". {(source is null ? "Check the directory before running the line again" : $"Running the same script again with -Resume (casdir -File SCRIPT -Resume) settles {(uncertain.Count == 1 ? "it" : "them")}")}.");
        if (ShowStatistics)
            _error.WriteLine($"LDAP: {searches} searches, {writes} writes");
        return code;
    }

    private static int LineCount(string text) => Math.Max(1, text.AsSpan().TrimEnd("\r\n").Count('\n') + 1);

    /// <summary>
    /// The line of the script the engine is on, sampled by the progress display's timer: the position of the outermost
    /// frame of the engine's call stack (the script's own statement, not a line inside a function it called). The engine
    /// keeps that position for error messages whether or not a debugger is attached, so reading it costs the run nothing
    /// (no breakpoint, no per-statement hook); a sample taken while the stack changes is skipped.
    /// </summary>
    private int? ScriptLine()
    {
        CallStackFrame? outermost = null;
        foreach (var frame in _runspace.Debugger.GetCallStack())
            outermost = frame;
        return outermost?.ScriptLineNumber;
    }

    private static string Changes(IReadOnlyList<string> written) =>
        $"{written.Count} change{(written.Count == 1 ? " was" : "s were")} written: " +
        string.Join("; ", written.Take(10)) + (written.Count > 10 ? $"; and {written.Count - 10} more" : "") + ".";

    private void Show(PSDataCollection<PSObject> output)
    {
        if (output.Count == 0)
            return;
        using var format = System.Management.Automation.PowerShell.Create();
        format.Runspace = _runspace;
        format.AddCommand("Out-Default").Invoke(output);
    }

    private int LastExitCode() =>
        _runspace.SessionStateProxy.GetVariable("LASTEXITCODE") is int last and not 0 ? ExitCodes.Failed : ExitCodes.Success;

    // Records reach the error stream with their exception wrapped (ParentContainsErrorRecordException), so the
    // kind of failure is read from the record's category reason, which names the original exception type.
    private static readonly HashSet<string> UsageReasons =
    [
        nameof(ParameterBindingException), "ParameterBindingValidationException", "ParameterBindingArgumentTransformationException",
        "ParameterBindingParameterDefaultValueException", nameof(ValidationMetadataException), nameof(ParseException), nameof(CommandNotFoundException),
    ];

    // And by error id, for records whose reason names the wrapper.
    private static readonly HashSet<string> UsageErrorIds =
    [
        "ParameterArgumentValidationError", "NamedParameterNotFound", "MissingMandatoryParameter", "PositionalParameterNotFound",
        "ParameterArgumentTransformationError", "AmbiguousParameter", "ParameterAlreadyBound", "MissingArgument", "CommandNotFoundException",
        "AmbiguousParameterSet", "ArgumentException",
    ];

    private static int CodeOf(ErrorRecord record) =>
        UsageErrorIds.Contains(record.FullyQualifiedErrorId.Split(',')[0]) || UsageReasons.Contains(record.CategoryInfo.Reason) || IsUsage(record.Exception) || record.CategoryInfo.Category == ErrorCategory.InvalidArgument
            ? ExitCodes.Usage : ExitCodes.Failed;

    private static bool IsUsage(Exception? e) => e switch
    {
        null => false,
        ParameterBindingException or ParseException or CommandNotFoundException or ValidationMetadataException => true,
        ActionPreferenceStopException stop => stop.ErrorRecord is { } inner && inner.Exception != e && IsUsage(inner.Exception),
        _ => IsUsage(e.InnerException),
    };

    private void Report(ErrorRecord record, string? source)
    {
        if (record.Exception is ActionPreferenceStopException { ErrorRecord: { } inner } && !ReferenceEquals(inner, record))
            return; // the error that stopped the run was reported when it was written
        var command = record.InvocationInfo?.MyCommand?.Name;
        var line = record.InvocationInfo?.ScriptLineNumber ?? 0;
        var message = record.ErrorDetails?.Message ?? record.Exception?.Message ?? record.ToString();
        _error.WriteLine($"casdir: {Where(source, line)}{(string.IsNullOrEmpty(command) ? "" : command + ": ")}{message}");
    }

    private static string Where(string? source, int line) => source is null || line <= 0 ? "" : $"{source}:{line}: ";

    public void Dispose()
    {
        _progress?.Dispose();
        _runspace.Dispose();
    }
}
