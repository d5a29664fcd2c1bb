using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;

namespace CasDirectory.Cli.Engine;

/// <summary>
/// Binds every command of a line or script before any of it runs, as far as that can be known without running
/// it: unknown commands, unknown, ambiguous or repeated parameters. A script with such a mistake on its last line
/// writes nothing at all. Commands of the same shape (name, parameter names, number of values) bind alike, so
/// each shape is bound once: a provisioning script of ten thousand similar lines checks in well under a second.
/// </summary>
public static class StaticCheck
{
    public static IReadOnlyList<(int Line, string Message)> Problems(Ast script, Runspace runspace)
    {
        var defined = script.FindAll(a => a is FunctionDefinitionAst, true).Cast<FunctionDefinitionAst>().Select(f => f.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var problems = new List<(int, string)>();
        var commands = new Dictionary<string, CommandInfo?>(StringComparer.OrdinalIgnoreCase);
        var shapes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        CommandInfo? Command(string name)
        {
            if (!commands.TryGetValue(name, out var info))
                commands[name] = info = runspace.SessionStateProxy.InvokeCommand.GetCommand(name, CommandTypes.All);
            return info;
        }
        foreach (var command in script.FindAll(a => a is CommandAst, true).Cast<CommandAst>())
        {
            var name = command.GetCommandName();
            if (name is null || defined.Contains(name) || InFilterBlock(command, Command))
                continue;
            var line = command.Extent.StartLineNumber;
            var info = Command(name);
            if (info is null)
            {
                problems.Add((line, $"The term '{name}' is not recognized as a cmdlet, function or program. Get-Command -Module CasDirectory lists casdir's cmdlets."));
                continue;
            }
            if (info is not CmdletInfo)
                continue;
            var shape = Shape(info, command);
            if (!shapes.TryGetValue(shape, out var messages))
                shapes[shape] = messages = Bind(info, command);
            problems.AddRange(messages.Select(m => (line, m)));
        }
        return problems;
    }

    /// <summary>
    /// Is the command inside a script block given to a -Filter that takes text (the ActiveDirectory module's filter
    /// language, {Name -like 'Site-*'}, never run: "Name" there is a property, not a command)? Where-Object's -Filter
    /// is its -FilterScript, which runs: its commands are checked.
    /// </summary>
    private static bool InFilterBlock(Ast ast, Func<string, CommandInfo?> command)
    {
        for (var node = ast.Parent; node is not null; node = node.Parent)
        {
            if (node is not ScriptBlockExpressionAst block)
                continue;
            var owner = block.Parent as CommandAst ?? (block.Parent as CommandParameterAst)?.Parent as CommandAst;
            var named = block.Parent as CommandParameterAst;
            if (owner is not null && named is null)
            {
                var at = owner.CommandElements.IndexOf(block);
                named = at > 0 && owner.CommandElements[at - 1] is CommandParameterAst { Argument: null } before ? before : null;
            }
            if (owner?.GetCommandName() is { } name && named is not null && command(name) is { } info
                && Resolve(info, named.ParameterName) is { } parameter && parameter.Equals("Filter", StringComparison.OrdinalIgnoreCase)
                && info.Parameters[parameter].ParameterType == typeof(string))
                return true;
        }
        return false;
    }

    private static IReadOnlyList<string> Bind(CommandInfo info, CommandAst command)
    {
        var messages = new List<string>();
        var repeated = command.CommandElements.OfType<CommandParameterAst>()
            .Select(p => Resolve(info, p.ParameterName)).Where(p => p is not null)
            .GroupBy(p => p!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        foreach (var parameter in repeated)
            messages.Add($"{info.Name}: the parameter -{parameter} is given more than once.");
        var binding = StaticParameterBinder.BindCommand(command, resolve: true);
        foreach (var (parameter, error) in binding.BindingExceptions)
        {
            if (error.BindingException is ParameterBindingException { ErrorId: "ParameterAlreadyBound" } && repeated.Count > 0)
                continue;
            messages.Add($"{info.Name}: {error.BindingException?.Message ?? $"-{parameter} cannot be bound."}");
        }
        return messages;
    }

    // What binding depends on: the command, its parameter names and where values stand (not the values, which
    // only matter when the command runs). A value whose text is quoted or computed is one value all the same.
    private static string Shape(CommandInfo info, CommandAst command) =>
        info.Name + string.Concat(command.CommandElements.Skip(1).Select(e => e switch
        {
            CommandParameterAst p => $" -{p.ParameterName}{(p.Argument is null ? "" : ":v")}",
            _ => $" v:{e.GetType().Name}",
        }));

    private static string? Resolve(CommandInfo info, string name)
    {
        var matches = info.Parameters.Keys.Where(k => k.StartsWith(name, StringComparison.OrdinalIgnoreCase)).ToList();
        var exact = matches.FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));
        return exact ?? (matches.Count == 1 ? matches[0] : info.Parameters.Values.FirstOrDefault(p => p.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase))?.Name);
    }
}
