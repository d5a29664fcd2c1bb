using CasDirectory.Cli;
using CasDirectory.Cli.Engine;

namespace CasDirectory.IntegrationTests.Fixtures;

/// <summary>
/// Runs a casdir line or script in this process, on the same engine the casdir program hosts (argument parsing,
/// parse and binding checks, the module, formatting, exit codes) but without starting a process per test.
/// </summary>
public static class InProcessCasdir
{
    public static ProcessResult Run(IReadOnlyList<string> arguments, string? standardInput = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new EngineConsole(new StringReader(standardInput ?? ""), output, error, Interactive: false, Terminal: false);
        int code;
        try
        {
            code = EngineCommand.Run(EngineArguments.Parse(arguments), console);
        }
        catch (UsageException e)
        {
            error.WriteLine($"casdir: {e.Message}");
            code = ExitCodes.Usage;
        }
        return new ProcessResult(code, output.ToString(), error.ToString());
    }
}
