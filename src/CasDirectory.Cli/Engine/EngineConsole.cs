namespace CasDirectory.Cli.Engine;

/// <summary>
/// Where a casdir run reads and writes: the process's console, or (in tests) strings. Interactive means someone
/// can answer a prompt; Terminal means output goes to a screen (its width, ANSI table headers).
/// </summary>
public sealed record EngineConsole(TextReader Input, TextWriter Output, TextWriter Error, bool Interactive, bool Terminal)
{
    /// <summary>Standard input as bytes, so a script read from it is checked as UTF-8 (Input would replace bad bytes).</summary>
    public Func<Stream>? InputBytes { get; init; }

    /// <summary>SIGINT and SIGTERM stop the running line or script (casdir's own process; not a test host running it in-process).</summary>
    public bool HandlesSignals { get; init; }

    /// <summary>Standard error is a terminal: progress is drawn there (ProgressDisplay).</summary>
    public bool ErrorTerminal { get; init; }

    public static EngineConsole Process() =>
        new(Console.In, Console.Out, Console.Error, Interactive: !Console.IsInputRedirected, Terminal: !Console.IsOutputRedirected)
        {
            InputBytes = Console.OpenStandardInput,
            HandlesSignals = true,
            ErrorTerminal = !Console.IsErrorRedirected,
        };
}
