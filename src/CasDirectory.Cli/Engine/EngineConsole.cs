namespace CasDirectory.Cli.Engine;

/// <summary>
/// Where a casdir run reads and writes: the process's console, or (in tests) strings. Interactive means someone
/// can answer a prompt; Terminal means output goes to a screen (its width, ANSI table headers).
/// </summary>
public sealed record EngineConsole(TextReader Input, TextWriter Output, TextWriter Error, bool Interactive, bool Terminal)
{
    public static EngineConsole Process() =>
        new(Console.In, Console.Out, Console.Error, Interactive: !Console.IsInputRedirected, Terminal: !Console.IsOutputRedirected);
}
