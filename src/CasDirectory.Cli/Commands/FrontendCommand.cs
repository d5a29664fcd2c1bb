using System.Globalization;
using CasDirectory.Cli.Arguments;
using CasDirectory.Ldap.FrontEnd;

namespace CasDirectory.Cli.Arguments
{
    /// <summary>casdir frontend: start (Providers given, or the recorded front end), --stop, --status or --fail-back.</summary>
    public sealed record FrontendArguments(string Data, FrontendAction Action, IReadOnlyList<string> Providers, IReadOnlyList<string> Consumers,
        int? Port, int? LdapsPort, int? ReadPort) : Invocation;

    public enum FrontendAction { Start, Stop, Status, FailBack }
}

namespace CasDirectory.Cli.Commands
{
    /// <summary>
    /// casdir frontend: the haproxy front end of a replicated directory (docs/replication.md, "The front end"). Its own
    /// parser, since --stop, --status and --fail-back take no value.
    /// </summary>
    public static class FrontendCommand
    {
        public const string Usage = "casdir frontend --data FE --providers A,B [--consumers C,D] [--port N] [--ldaps-port N] [--read-port N] | --data FE --stop | --status | --fail-back";

        public static Invocation Parse(IReadOnlyList<string> args, Func<string, string?> environment)
        {
            if (args.Any(a => a is "-h" or "-?" or "/?" or "--help" or "-help" or "-Help"))
                return new HelpArguments("frontend");
            string? data = null;
            var action = FrontendAction.Start;
            var actionGiven = false;
            var providers = new List<string>();
            var consumers = new List<string>();
            int? port = null, ldapsPort = null, readPort = null;
            for (var i = 0; i < args.Count; i++)
            {
                var arg = args[i];
                var name = arg.StartsWith('-') ? arg.TrimStart('-') : null;
                string? inline = null;
                if (name is not null && name.IndexOfAny([':', '=']) is var at and > 0)
                    (name, inline) = (name[..at], name[(at + 1)..]); // --port=3390, -Port:3390
                name = name?.ToLowerInvariant();
                string Value() => inline ?? (i + 1 < args.Count && !args[i + 1].StartsWith('-') ? args[++i]
                    : throw new UsageException($"--{name} needs a value.", pointToHelp: true));
                switch (name)
                {
                    case "data":
                        data = data is null ? Value() : throw new UsageException("--data is given twice: casdir acts on one front end at a time.");
                        break;
                    case "providers" or "provider":
                        providers.AddRange(List(Value(), "--providers"));
                        break;
                    case "consumers" or "consumer":
                        consumers.AddRange(List(Value(), "--consumers"));
                        break;
                    case "port":
                        port = Port(port, Value(), "--port");
                        break;
                    case "ldaps-port":
                        ldapsPort = Port(ldapsPort, Value(), "--ldaps-port");
                        break;
                    case "read-port":
                        readPort = Port(readPort, Value(), "--read-port");
                        break;
                    case "stop" or "status" or "fail-back" or "failback":
                        if (inline is not null)
                            throw new UsageException($"--{name} takes no value.", pointToHelp: true);
                        if (actionGiven)
                            throw new UsageException("Give one of --stop, --status and --fail-back.", pointToHelp: true);
                        (action, actionGiven) = (name switch { "stop" => FrontendAction.Stop, "status" => FrontendAction.Status, _ => FrontendAction.FailBack }, true);
                        break;
                    default:
                        throw new UsageException($"Unrecognized command or argument '{arg}'.", pointToHelp: true);
                }
            }
            data ??= environment(CommandLine.DataVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
                : throw new UsageException($"No front-end folder given: {Usage}");
            if (action != FrontendAction.Start && (providers.Count > 0 || consumers.Count > 0 || port is not null || ldapsPort is not null || readPort is not null))
                throw new UsageException($"--{action.ToString().ToLowerInvariant().Replace("failback", "fail-back")} acts on the recorded front end: it takes only --data.", pointToHelp: true);
            if (providers.Count == 0 && (consumers.Count > 0 || port is not null || ldapsPort is not null || readPort is not null))
                throw new UsageException("--providers A,B is needed with --consumers and the ports.", pointToHelp: true);
            return new FrontendArguments(data, action, providers, consumers, port, ldapsPort, readPort);
        }

        private static IEnumerable<string> List(string value, string option)
        {
            var items = value.Split(',', StringSplitOptions.TrimEntries);
            return items.Any(i => i.Length == 0)
                ? throw new UsageException($"{option} '{value}' has an empty item: give data folders separated by commas, such as A,B.")
                : items;
        }

        private static int Port(int? already, string value, string option) =>
            already is not null ? throw new UsageException($"{option} is given twice.")
            : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 ? port
            : throw new UsageException($"{option} '{value}' is not a port between 1 and 65535.");

        public static int Run(FrontendArguments arguments)
        {
            try
            {
                switch (arguments.Action)
                {
                    case FrontendAction.Stop:
                        Console.WriteLine(FrontEnd.Stop(arguments.Data)
                            ? $"Stopped the front end in {Path.GetFullPath(arguments.Data)}."
                            : $"The front end in {Path.GetFullPath(arguments.Data)} was not running.");
                        return ExitCodes.Success;
                    case FrontendAction.Status:
                        return PrintStatus(FrontEnd.Status(arguments.Data));
                    case FrontendAction.FailBack:
                        var after = FrontEnd.FailBack(arguments.Data, TimeSpan.FromSeconds(30));
                        Console.WriteLine($"The write endpoint now goes to {after.Writer?.Name} ({after.Writer?.Folder}).");
                        return ExitCodes.Success;
                    default:
                        var state = FrontEnd.Start(new FrontEndOptions
                        {
                            Folder = arguments.Data,
                            Providers = arguments.Providers,
                            Consumers = arguments.Consumers,
                            Port = arguments.Port,
                            LdapsPort = arguments.LdapsPort,
                            ReadPort = arguments.ReadPort,
                        });
                        Console.WriteLine($"The front end in {Path.GetFullPath(arguments.Data)} runs (haproxy, {state.ConfigFile}).");
                        Console.WriteLine($"Writes:  {state.WriteUrl}  {state.WriteLdapsUrl}  (one provider at a time: {string.Join(", ", state.Providers.Select(p => $"{p.Name} {p.Folder}"))})");
                        Console.WriteLine($"Reads:   {state.ReadUrl}  ({(state.Consumers.Count == 0 ? "the providers" : string.Join(", ", state.Consumers.Select(c => $"{c.Name} {c.Folder}")))})");
                        Console.WriteLine($"Use it:  casdir --data {Path.GetFullPath(arguments.Data)} Get-ExchangeServer   (CA: {state.CaFile})");
                        Console.WriteLine($"Status:  casdir frontend --data {arguments.Data} --status;  stop: --stop");
                        return ExitCodes.Success;
                }
            }
            catch (FrontEndException e)
            {
                Console.Error.WriteLine($"casdir: {e.Message}");
                return e.IsUsage ? ExitCodes.Usage : ExitCodes.Failed;
            }
            catch (Ldap.Errors.DirectoryException e)
            {
                Console.Error.WriteLine($"casdir: {e.Message}");
                return ExitCodes.Failed;
            }
        }

        private static int PrintStatus(FrontEndStatus status)
        {
            var state = status.State;
            if (!status.Running)
            {
                Console.WriteLine($"The front end in {Path.GetDirectoryName(state.ConfigFile)} is not running (start it: casdir frontend --data {Path.GetDirectoryName(state.ConfigFile)}).");
                return ExitCodes.Failed;
            }
            Console.WriteLine($"Front end: running (haproxy pid {status.Pid}); writes {state.WriteUrl} {state.WriteLdapsUrl}, reads {state.ReadUrl}");
            Console.WriteLine(status.Writer is { } writer
                ? $"Writer:    {writer.Name} {writer.Folder} ({(status.Sticky ? "held since its first connection; stays after a failover until --fail-back" : "gets the next connection")})"
                : "Writer:    none: no provider is up");
            foreach (var (member, role) in state.Providers.Select(p => (p, "provider")).Concat(state.Consumers.Select(c => (c, "consumer"))))
                Console.WriteLine($"  {member.Name,-10} {role,-9} {status.Health.GetValueOrDefault(member.Name, "?"),-6} {member.Url}  {member.Folder}");
            return status.Writer is null ? ExitCodes.Failed : ExitCodes.Success;
        }
    }
}
