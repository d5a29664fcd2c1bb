using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;

namespace CasDirectory.Cli.Engine;

/// <summary>
/// Binds every command of a line or script before any of it runs, as far as that can be known without running
/// it: unknown commands, unknown, ambiguous or repeated parameters. A script with such a mistake on its last line
/// writes nothing at all.
/// </summary>
public static class StaticCheck
{
    public static IReadOnlyList<(int Line, string Message)> Problems(Ast script, Runspace runspace)
    {
        var defined = script.FindAll(a => a is FunctionDefinitionAst, true).Cast<FunctionDefinitionAst>().Select(f => f.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var problems = new List<(int, string)>();
        foreach (var command in script.FindAll(a => a is CommandAst, true).Cast<CommandAst>())
        {
            var name = command.GetCommandName();
            if (name is null || defined.Contains(name))
                continue;
            var line = command.Extent.StartLineNumber;
            if (runspace.SessionStateProxy.InvokeCommand.GetCommand(name, CommandTypes.All) is not { } info)
            {
                problems.Add((line, $"The term '{name}' is not recognized as a cmdlet, function or program. Get-Command -Module CasDirectory lists casdir's cmdlets."));
                continue;
            }
            if (info is not CmdletInfo)
                continue;
            var repeated = command.CommandElements.OfType<CommandParameterAst>()
                .Select(p => Resolve(info, p.ParameterName)).Where(p => p is not null)
                .GroupBy(p => p!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            foreach (var parameter in repeated)
                problems.Add((line, $"{info.Name}: the parameter -{parameter} is given more than once."));
            var binding = StaticParameterBinder.BindCommand(command, resolve: true);
            foreach (var (parameter, error) in binding.BindingExceptions)
            {
                if (error.BindingException is ParameterBindingException { ErrorId: "ParameterAlreadyBound" } && repeated.Count > 0)
                    continue;
                problems.Add((line, $"{info.Name}: {error.BindingException?.Message ?? $"-{parameter} cannot be bound."}"));
            }
        }
        return problems;
    }

    private static string? Resolve(CommandInfo info, string name)
    {
        var matches = info.Parameters.Keys.Where(k => k.StartsWith(name, StringComparison.OrdinalIgnoreCase)).ToList();
        var exact = matches.FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));
        return exact ?? (matches.Count == 1 ? matches[0] : info.Parameters.Values.FirstOrDefault(p => p.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase))?.Name);
    }
}
