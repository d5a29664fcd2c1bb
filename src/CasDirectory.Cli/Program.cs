using System.CommandLine;
using CasDirectory.Cli;
using CasDirectory.Cli.Commands;
using CasDirectory.Cli.Engine;
using CasDirectory.Ldap.Local;

EngineSession.OptOutOfTelemetry();
var verb = args.Length > 0 ? args[0].ToLowerInvariant() : "--help";
try
{
    return verb switch
    {
        "serve" => ServeCommand.Run(args[1..]),
        "shell" => ShellCommand.Run(args[1..]),
        "module-path" => ModulePath(),
        "up" or "down" or "status" or "repair-accesslog" or "schema-ldif" or "schema-partition" or "help-maml" or "--help" or "-h" or "-?" or "/?" or "help" or "--version" => LocalDirectoryCli(args),
        _ => EngineCommand.Run(EngineArguments.Parse(args), EngineConsole.Process()),
    };
}
catch (UsageException e)
{
    Console.Error.WriteLine($"casdir: {e.Message}");
    return ExitCodes.Usage;
}
catch (LocalDirectoryException e)
{
    Console.Error.WriteLine($"casdir: {e.Message}");
    return e.IsInvalidInput ? ExitCodes.Usage : e.IsBusy ? ExitCodes.Busy : ExitCodes.Failed;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Management.Automation.RuntimeException or InvalidOperationException)
{
    // Whatever the input, a message and an exit code, never a stack trace (a missing module file, an unreadable script).
    Console.Error.WriteLine($"casdir: {e.Message}");
    return ExitCodes.Failed;
}

static int ModulePath()
{
    Console.WriteLine(EngineSession.ModuleManifest);
    return ExitCodes.Success;
}

static int LocalDirectoryCli(string[] arguments)
{
    var root = new RootCommand(
        "casdir: the Exchange 2010 configuration partition in OpenLDAP, driven with the Exchange Management Shell's cmdlets.\n" +
        "  casdir <cmdlet line>        e.g. casdir New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-A\n" +
        "  casdir -File script.ps1     a PowerShell script (-File - reads standard input); add -Resume to re-run an interrupted one\n" +
        "  casdir shell                the interactive console;  casdir module-path  for Import-Module in pwsh")
    {
        LocalDirectoryCommands.Up(),
        LocalDirectoryCommands.Down(),
        LocalDirectoryCommands.Status(),
        LocalDirectoryCommands.RepairAccessLog(),
        SchemaCommands.SchemaLdif(),
        SchemaCommands.SchemaPartition(),
        SchemaCommands.HelpMaml(),
    };
    var parse = root.Parse(NormalizeLocalArguments(arguments));
    if (parse.Errors.Count > 0)
    {
        foreach (var error in parse.Errors)
            Console.Error.WriteLine($"casdir: {error.Message}");
        Console.Error.WriteLine("Run 'casdir --help' for usage.");
        return ExitCodes.Usage;
    }
    return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}

// up/down/status take the shell's style too: any case, -Param value, --param value and -Param:value.
static string[] NormalizeLocalArguments(string[] arguments)
{
    var result = new List<string> { arguments[0].ToLowerInvariant() };
    foreach (var argument in arguments.Skip(1))
    {
        var name = argument.StartsWith("--") ? argument[2..] : argument.StartsWith('-') ? argument[1..] : null;
        if (name is not { Length: > 1 } || !char.IsLetter(name[0]))
        {
            result.Add(argument);
            continue;
        }
        var colon = name.IndexOf(':');
        result.Add("--" + (colon > 0 ? name[..colon] : name).ToLowerInvariant());
        if (colon > 0)
            result.Add(name[(colon + 1)..]);
    }
    return result.ToArray();
}
