using System.CommandLine;
using CasDirectory.Cli;
using CasDirectory.Cli.Commands;
using CasDirectory.Cli.Engine;
using CasDirectory.Ldap.Connection;
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
        "up" or "down" or "status" or "schema-ldif" or "--help" or "-h" or "-?" or "/?" or "help" or "--version" => LocalDirectoryCli(args),
        _ => RunEngine(EngineArguments.Parse(args)),
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
    return e.IsInvalidInput ? ExitCodes.Usage : ExitCodes.Failed;
}

static int ModulePath()
{
    Console.WriteLine(EngineSession.ModuleManifest);
    return ExitCodes.Success;
}

static int RunEngine(EngineArguments arguments)
{
    if (arguments.Data is { } data)
        Environment.SetEnvironmentVariable(DirectoryTarget.DataVariable, Path.GetFullPath(data));
    string text;
    string? source = null;
    if (arguments.ScriptFile is { } file)
    {
        if (file != "-" && !File.Exists(file))
            throw new UsageException($"The script {file} does not exist.");
        text = file == "-" ? Console.In.ReadToEnd() : File.ReadAllText(file);
        source = file == "-" ? "stdin" : Path.GetFileName(file);
    }
    else
    {
        text = arguments.Line!;
    }
    using var runner = new CommandRunner(interactive: !Console.IsInputRedirected && arguments.ScriptFile != "-", arguments.ErrorAction) { ShowStatistics = arguments.Stats };
    return runner.Run(text, source);
}

static int LocalDirectoryCli(string[] arguments)
{
    var root = new RootCommand(
        "casdir: the Exchange 2010 configuration partition in OpenLDAP, driven with the Exchange Management Shell's cmdlets.\n" +
        "  casdir <cmdlet line>        e.g. casdir New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-A\n" +
        "  casdir -File script.ps1     a PowerShell script (-File - reads standard input)\n" +
        "  casdir shell                the interactive console;  casdir module-path  for Import-Module in pwsh")
    {
        LocalDirectoryCommands.Up(),
        LocalDirectoryCommands.Down(),
        LocalDirectoryCommands.Status(),
        SchemaCommands.SchemaLdif(),
    };
    var parse = root.Parse(arguments.Select(a => a.StartsWith('-') && !a.StartsWith("--") && a.Length > 2 ? "--" + a[1..].ToLowerInvariant() : a).ToArray());
    if (parse.Errors.Count > 0)
    {
        foreach (var error in parse.Errors)
            Console.Error.WriteLine($"casdir: {error.Message}");
        Console.Error.WriteLine("Run 'casdir --help' for usage.");
        return ExitCodes.Usage;
    }
    return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
