using System.CommandLine;
using CasDirectory.Cli;
using CasDirectory.Cli.Commands;
using CasDirectory.Ldap.Local;

var root = new RootCommand("casdir: the Exchange 2010 configuration partition in OpenLDAP.")
{
    LocalDirectoryCommands.Up(),
    LocalDirectoryCommands.Down(),
    LocalDirectoryCommands.Status(),
    SchemaCommands.SchemaLdif(),
};

var parse = root.Parse(ShellArguments.Normalize(args, root.Subcommands.Select(c => c.Name)));
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
        Console.Error.WriteLine($"casdir: {error.Message}");
    Console.Error.WriteLine("Run 'casdir --help' or 'casdir <verb> --help' for usage.");
    return ExitCodes.Usage;
}

try
{
    return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
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
