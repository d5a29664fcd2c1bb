using System.Reflection;
using CasDirectory.Cli;
using CasDirectory.Cli.Arguments;
using CasDirectory.Cli.Commands;
using CasDirectory.Cli.Engine;
using CasDirectory.Ldap.Local;

try
{
    args = DurableOption.Apply(args); // --durable: CASDIR_DURABLE=1 for this run
    var command = CommandLine.Parse(args);
    // The hosted service never loads the PowerShell engine: Run (and IsEngineError) are the only methods here that name
    // its types, and the runtime loads an assembly when a method naming it is first compiled (docs/measurements.md).
    return command is ServeArguments serve ? ServeCommand.Run(serve) : Run(command);
}
catch (UsageException e)
{
    Console.Error.WriteLine($"casdir: {e.Message}");
    if (e.PointToHelp)
        Console.Error.WriteLine("Run 'casdir --help' for usage.");
    return ExitCodes.Usage;
}
catch (LocalDirectoryException e)
{
    Console.Error.WriteLine($"casdir: {e.Message}");
    return e.IsInvalidInput ? ExitCodes.Usage : e.IsBusy ? ExitCodes.Busy : ExitCodes.Failed;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException || IsEngineError(e))
{
    // Whatever the input, a message and an exit code, never a stack trace (a missing module file, an unreadable script).
    Console.Error.WriteLine($"casdir: {e.Message}");
    return ExitCodes.Failed;
}

static int Run(Invocation command)
{
    EngineSession.OptOutOfTelemetry();
    return command switch
    {
        EngineArguments line => EngineCommand.Run(line, EngineConsole.Process()),
        ShellArguments shell => ShellCommand.Run(shell),
        FrontendArguments frontend => FrontendCommand.Run(frontend),
        UpArguments up => LocalDirectoryCommands.Up(up),
        DownArguments down => LocalDirectoryCommands.Down(down),
        StatusArguments status => LocalDirectoryCommands.Status(status),
        RepairAccessLogArguments repair => LocalDirectoryCommands.RepairAccessLog(repair),
        GeneratedFileArguments generated => SchemaCommands.Run(generated),
        ModulePathArguments => Print(EngineSession.ModuleManifest),
        HelpArguments help => Print(CommandLine.HelpText(help.Verb), line: false),
        VersionArguments => Print(typeof(ExitCodes).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                                  ?? typeof(ExitCodes).Assembly.GetName().Version?.ToString() ?? ""),
        var other => throw new InvalidOperationException($"casdir has no command for {other.GetType().Name}."),
    };
}

[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
static bool IsEngineError(Exception e) => e is System.Management.Automation.RuntimeException;

static int Print(string text, bool line = true)
{
    if (line)
        Console.WriteLine(text);
    else
        Console.Write(text);
    return ExitCodes.Success;
}
