namespace CasDirectory.Cli.Engine;

/// <summary>casdir &lt;line&gt; and casdir -File: reads the script when there is one, runs it in a fresh engine, returns the exit code.</summary>
public static class EngineCommand
{
    public static int Run(EngineArguments arguments, EngineConsole console)
    {
        string text;
        string? source = null;
        if (arguments.ScriptFile is { } file)
        {
            if (file != "-" && !File.Exists(file))
                throw new UsageException($"The script {file} does not exist.");
            source = file == "-" ? "stdin" : Path.GetFileName(file);
            text = file == "-" && console.InputBytes is null ? console.Input.ReadToEnd() : ScriptText.Read(file, console.InputBytes, source);
            console = console with { Interactive = console.Interactive && file != "-" };
        }
        else
        {
            text = arguments.Line!;
        }
        using var runner = new CommandRunner(console, arguments.ErrorAction, arguments.Data, arguments.Resume) { ShowStatistics = arguments.Stats };
        return runner.Run(text, source);
    }
}
