using System.CommandLine;
using CasDirectory.Cli.Output;
using CasDirectory.Cli.Shell;

namespace CasDirectory.Cli.Cmdlets;

/// <summary>Builds a cmdlet as a System.CommandLine command: its own parameters, the common ones, and its body.</summary>
public static class Cmdlet
{
    public static Command Create(string verb, string description, CmdletHost host, IEnumerable<Symbol> parameters, Action<CmdletCall> body, bool acceptsDiagrams = false)
    {
        var common = new CommonParameters();
        var command = new Command(verb, description);
        foreach (var parameter in parameters)
        {
            switch (parameter)
            {
                case Option option: command.Options.Add(option); break;
                case Argument argument: command.Arguments.Add(argument); break;
            }
        }
        foreach (var option in common.All)
            command.Options.Add(option);
        command.SetAction(result =>
        {
            host.ShowStatistics |= result.GetValue(common.Stats);
            if (result.GetValue(common.Format) is { } format)
            {
                host.RawFormat ??= format;
                if (Enum.TryParse<OutputFormat>(format, ignoreCase: true, out var parsed))
                    host.RequestedFormat ??= parsed;
                else if (!acceptsDiagrams)
                    throw new Core.DomainRuleException($"-Format '{format}' is not table, list, json or csv.", isMalformedInput: true);
            }
            body(new CmdletCall(result, host, common, verb));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The positional Identity, also accepted as -Identity.</summary>
    public static (Argument<string?> Positional, Option<string?> Named) Identity(string description) =>
        (new Argument<string?>("Identity") { Description = description, Arity = ArgumentArity.ZeroOrOne },
         new Option<string?>("--identity") { Description = description, HelpName = "ID" });

    public static Option<string?> Text(string name, string description, bool required = false) =>
        new(name) { Description = description, Required = required, HelpName = name.TrimStart('-').ToUpperInvariant() };

    public static Option<bool> Switch(string name, string description) => new(name) { Description = description };

    /// <summary>A comma-separated list, as the shell passes arrays: -AutoDiscoverSiteScope Site-A,Site-B.</summary>
    public static IReadOnlyList<string> List(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
