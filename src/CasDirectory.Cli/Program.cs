using System.CommandLine;
using System.DirectoryServices.Protocols;
using CasDirectory.Cli;
using CasDirectory.Cli.Cmdlets;
using CasDirectory.Cli.Commands;
using CasDirectory.Cli.Shell;
using CasDirectory.Core;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Exchange;
using CasDirectory.Ldap.Local;

using var host = new CmdletHost(Console.Out, Console.Error, Console.In, interactive: !Console.IsInputRedirected);
var root = new RootCommand("casdir: the Exchange 2010 configuration partition in OpenLDAP, driven with Exchange Management Shell verbs.")
{
    LocalDirectoryCommands.Up(),
    LocalDirectoryCommands.Down(),
    LocalDirectoryCommands.Status(),
    SchemaCommands.SchemaLdif(),
};
foreach (var cmdlet in SiteCmdlets.All(host).Concat(ServerCmdlets.All(host)).Concat(ClientAccessCmdlets.All(host))
             .Concat(ArrayCmdlets.All(host)).Concat(DatabaseCmdlets.All(host)).Concat(DagCmdlets.All(host)).Concat(TopologyCmdlets.All(host)))
    root.Subcommands.Add(cmdlet);

var pipeline = new PipelineRunner(root, host);
try
{
    return Run();
}
finally
{
    host.WriteStatistics();
}

int Run()
{
    // The hosted service takes configuration-style arguments of its own.
    if (args.Length > 0 && args[0].Equals("serve", StringComparison.OrdinalIgnoreCase))
        return ServeCommand.Run(args[1..]);

    // Script mode: casdir -File provision.txt [-ErrorAction Continue] [--data DIR]; -File - reads standard input.
    var file = FindOption(args, "file");
    if (file is not null)
    {
        var continueOnError = ScriptRunner.ContinuesOnError(string.Join(' ', args));
        var data = FindOption(args, "data");
        if (data is not null)
            Environment.SetEnvironmentVariable(DirectoryTarget.DataVariable, data);
        if (FindOption(args, "domaincontroller") is { } dc)
            Environment.SetEnvironmentVariable(DirectoryTarget.DomainControllerVariable, dc);
        host.ShowStatistics = args.Any(a => a.Equals("-Stats", StringComparison.OrdinalIgnoreCase) || a.Equals("--stats", StringComparison.OrdinalIgnoreCase));
        if (file != "-" && !File.Exists(file))
            return Fail(new UsageException($"The script {file} does not exist."));
        using var reader = file == "-" ? Console.In : new StreamReader(file);
        return new ScriptRunner(pipeline, host, Describe).Run(reader, file == "-" ? "stdin" : file, continueOnError);
    }
    try
    {
        // One quoted line ("Get-MailboxDatabase | select name | ft -auto") is split like a script line.
        var segments = args.Length == 1 && (args[0].Contains(' ') || args[0].Contains('|'))
            ? CommandLineSplitter.Split(args[0])
            : CommandLineSplitter.Split(string.Join(' ', args.Select(Quote)));
        if (segments.Count == 1 && (segments[0].Count == 0 || IsLocalDirectoryCommand(segments[0][0]) || segments[0].Any(IsHelp)))
            return InvokeDirectly(segments[0]);
        return pipeline.Run(segments);
    }
    catch (Exception e) when (Describe(e) is { } code)
    {
        return Fail(e, code);
    }
}

int InvokeDirectly(IReadOnlyList<string> tokens)
{
    var parse = root.Parse(ShellArguments.Normalize(tokens.ToArray(), root.Subcommands.Select(c => c.Name)));
    if (parse.Errors.Count > 0)
    {
        foreach (var error in parse.Errors)
            Console.Error.WriteLine($"casdir: {error.Message}");
        Console.Error.WriteLine("Run 'casdir --help' or 'casdir <verb> --help' for usage.");
        return ExitCodes.Usage;
    }
    return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}

int? Describe(Exception e) => e switch
{
    UsageException => ExitCodes.Usage,
    DomainRuleException rule => rule.IsMalformedInput ? ExitCodes.Usage : ExitCodes.Failed,
    LocalDirectoryException local => local.IsInvalidInput ? ExitCodes.Usage : ExitCodes.Failed,
    DirectoryTargetException target => target.IsUsage ? ExitCodes.Usage : ExitCodes.Failed,
    DirectoryAccessException => ExitCodes.Failed,
    LdapException => ExitCodes.Failed,
    DirectoryOperationException => ExitCodes.Failed,
    _ => null,
};

int Fail(Exception e, int? code = null)
{
    var message = e switch
    {
        LdapException ldap => $"The directory could not be reached ({ldap.Message}). Is it running? casdir status shows it.",
        DirectoryOperationException { Response.ResultCode: ResultCode.EntryAlreadyExists } => "The object already exists: another writer created it first.",
        DirectoryOperationException op => $"The directory refused the operation: {op.Response?.ResultCode} {op.Response?.ErrorMessage}".TrimEnd(),
        _ => e.Message,
    };
    Console.Error.WriteLine($"casdir: {message}");
    return code ?? Describe(e) ?? ExitCodes.Failed;
}

static string? FindOption(string[] arguments, string name)
{
    for (var i = 0; i < arguments.Length - 1; i++)
    {
        var token = arguments[i].TrimStart('-');
        if (arguments[i].StartsWith('-') && token.Equals(name, StringComparison.OrdinalIgnoreCase))
            return arguments[i + 1];
    }
    return null;
}

bool IsLocalDirectoryCommand(string verb) =>
    new[] { "up", "down", "status", "schema-ldif" }.Contains(verb, StringComparer.OrdinalIgnoreCase);

static bool IsHelp(string token) => token is "-h" or "--help" or "-?" or "/?" or "--version";

// Arguments the shell already split are re-quoted so the splitter keeps them whole.
static string Quote(string argument) =>
    argument.Length == 0 ? "''" : argument.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"') ? (argument.Contains('"') ? $"'{argument}'" : $"\"{argument}\"") : argument;
