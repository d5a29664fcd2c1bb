namespace CasDirectory.Cli.Shell;

/// <summary>
/// Script mode (casdir -File provision.txt, or -File - for standard input): one command per line, '#'
/// comments, all over one connection. Stops at the first error and names its line, unless
/// -ErrorAction Continue is given (on the casdir line or on a script line).
/// </summary>
public sealed class ScriptRunner(PipelineRunner pipeline, CmdletHost host, Func<Exception, int?> describeError)
{
    public int Run(TextReader script, string name, bool continueOnError)
    {
        var failed = false;
        var number = 0;
        while (script.ReadLine() is { } line)
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
                continue;
            try
            {
                if (pipeline.Run(CommandLineSplitter.Split(text)) != ExitCodes.Success)
                    failed = true; // e.g. Test-CasTopology found something: the script goes on, its exit code says so
            }
            catch (Exception e) when (describeError(e) is { } code)
            {
                host.Error.WriteLine($"{name}:{number}: {e.Message}");
                failed = true;
                if (!continueOnError && !ContinuesOnError(text))
                    return code;
            }
        }
        return failed ? ExitCodes.Failed : ExitCodes.Success;
    }

    public static bool ContinuesOnError(string text) =>
        text.Contains("-ErrorAction Continue", StringComparison.OrdinalIgnoreCase) || text.Contains("-ErrorAction:Continue", StringComparison.OrdinalIgnoreCase);
}
