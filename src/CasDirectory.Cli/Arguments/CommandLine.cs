using System.Globalization;
using System.Text;
using CasDirectory.Cli.Engine;

namespace CasDirectory.Cli.Arguments;

/// <summary>
/// casdir's one argument parser: it knows casdir's verbs and their options and hands each command a typed
/// <see cref="Invocation"/>. <c>--data DIR</c> is read here, and only here, for every verb it applies to (before the verb
/// too: <c>casdir --data DIR status</c>); anything that is not a verb is a PowerShell line or script (<see cref="EngineArguments"/>).
/// <list type="bullet">
/// <item>up, down, status, repair-accesslog, schema-ldif, schema-partition, help-maml, module-path: parameters in the
/// shell's style, any case, <c>-Param value</c>, <c>--param value</c>, <c>-Param:value</c> (and <c>--param=value</c>).</item>
/// <item>serve: <c>--data</c>, <c>-DomainController</c>, <c>--log-format</c>, <c>--log-file</c>; everything else is the host's configuration.</item>
/// <item>shell: <c>--data</c>; everything else goes to the PowerShell console (<c>-Command '…'</c>).</item>
/// <item>a line or script: <c>--data DIR</c> and <c>--stats</c> exactly as written (a line's own <c>-Data</c> is the cmdlet's),
/// and after <c>-File</c> also <c>-Resume</c> and <c>-ErrorAction Stop|Continue</c>.</item>
/// </list>
/// </summary>
public static class CommandLine
{
    public const string DataVariable = Ldap.Connection.DirectoryTarget.DataVariable;
    public const string DomainControllerVariable = Ldap.Connection.DirectoryTarget.DomainControllerVariable;

    private const string DataOption = "--data";

    /// <summary>Reads casdir's arguments; environment reads CASDIR_DATA and CASDIR_DOMAIN_CONTROLLER (the process's by default).</summary>
    /// <exception cref="UsageException">The command line is wrong (exit code 2).</exception>
    public static Invocation Parse(IReadOnlyList<string> args, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (args.Count == 0)
            return new HelpArguments(null);
        // casdir's own --data may come first: the verb is the first word after it (and after --stats, which only lines take).
        var at = 0;
        while (at < args.Count && (args[at] == DataOption && at + 1 < args.Count || args[at] == "--stats"))
            at += args[at] == DataOption ? 2 : 1;
        if (at == args.Count)
            return ParseEngine(args);
        var verb = args[at].ToLowerInvariant();
        var rest = args.Take(at).Concat(args.Skip(at + 1)).ToList();
        if (verb is "--help" or "-h" or "-?" or "/?" or "/h")
            return ParseVerb(Root, rest, environment);
        if (verb == "help")
            throw Unrecognized(args[at]); // as casdir has always answered it: help is --help
        if (verb == "--version")
            return ParseVerb(Version, rest, environment);
        if (verb == "serve")
            return ParseServe(rest, environment);
        if (verb == "shell")
            return ParseShell(rest);
        if (verb == "frontend")
            return Commands.FrontendCommand.Parse(rest, environment); // --stop, --status, --fail-back take no value
        return Verbs.FirstOrDefault(v => v.Name == verb) is { } known ? ParseVerb(known, rest, environment) : ParseEngine(args);
    }

    /// <summary>A PowerShell line (<c>casdir &lt;line&gt;</c>, <c>casdir Word Word…</c>) or script (<c>casdir -File script.ps1</c>).</summary>
    public static EngineArguments ParseEngine(IReadOnlyList<string> args)
    {
        string? data = null, file = null, errorAction = null;
        var stats = false;
        var resume = false;
        var words = new List<string>();
        var first = 0;
        while (first < args.Count && (args[first] == DataOption && first + 1 < args.Count || args[first] == "--stats"))
            first += args[first] == DataOption ? 2 : 1;
        var isScript = first < args.Count && IsEngineOption(args[first], "File");
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == DataOption)
                data = ReadData(args, ref i, data);
            else if (arg == "--stats")
                stats = true;
            else if (isScript && IsEngineOption(arg, "File"))
                file = file is null ? Value(args, ref i, "-File", "a script file, or - for standard input")
                    : throw new UsageException("-File is given twice: casdir runs one script at a time.");
            else if (isScript && IsEngineOption(arg, "Resume"))
                resume = !resume ? true : throw new UsageException("-Resume is given twice.");
            else if (isScript && IsEngineOption(arg, "ErrorAction"))
                errorAction = errorAction is null ? Value(args, ref i, "-ErrorAction", "Stop or Continue")
                    : throw new UsageException("-ErrorAction is given twice.");
            else if (isScript)
                throw new UsageException($"'{arg}' cannot follow -File: after the script casdir takes only --data DIR, --stats, -Resume and -ErrorAction Stop|Continue.");
            else
                words.Add(arg);
        }
        if (data is { Length: 0 })
            throw new UsageException("--data needs a folder.");
        errorAction ??= "Stop";
        if (!errorAction.Equals("Stop", StringComparison.OrdinalIgnoreCase) && !errorAction.Equals("Continue", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"-ErrorAction '{errorAction}' is not Stop or Continue.");
        if (isScript)
            return new EngineArguments(null, file, data, stats, errorAction, resume);
        if (words.Count == 0)
            throw new UsageException("No command given. Try: casdir Get-ExchangeServer, casdir -File script.ps1, or casdir --help.");
        return new EngineArguments(words.Count == 1 ? words[0] : EngineArguments.Join(words), null, data, stats, errorAction);
    }

    /// <summary>casdir's own help: the root's (verb null) or a verb's, as printed for --help.</summary>
    public static string HelpText(string? verb)
    {
        var text = new StringBuilder();
        if (verb is null)
        {
            text.Append("Description:\n  ").Append(Root.Description.Replace("\n", "\n  ")).Append("\n\n");
            text.Append("Usage:\n  casdir [command] [options]\n\n");
            text.Append("Options:\n").Append(Rows([("-?, -h, --help", "Show help and usage information"), ("--version", "Show version information")])).Append('\n');
            text.Append("Commands:\n").Append(Rows(Verbs.Where(v => v.Listed).Select(v => (v.Name, v.Description)))).Append('\n');
            return text.ToString();
        }
        var spec = Verbs.Single(v => v.Name == verb);
        text.Append("Description:\n  ").Append(spec.Description).Append("\n\n");
        text.Append("Usage:\n  casdir ").Append(spec.Name).Append(" [options]\n\n");
        text.Append("Options:\n").Append(Rows(spec.Options
            .Select(o => (o.HelpName.Length == 0 ? $"--{o.Name}" : $"--{o.Name} <{o.HelpName}>", o.Default is null ? o.Description : $"{o.Description} [default: {o.Default}]"))
            .Append(("-?, -h, --help", "Show help and usage information")))).Append('\n');
        return text.ToString();
    }

    private static string Rows(IEnumerable<(string Left, string Right)> rows)
    {
        var list = rows.ToList();
        var width = list.Max(r => r.Left.Length);
        return string.Concat(list.Select(r => $"  {r.Left.PadRight(width)}  {r.Right}\n"));
    }

    // ---- casdir's own verbs ----

    private sealed record OptionSpec(string Name, string HelpName, string Description, bool Repeatable = false, string? Default = null);

    private sealed record VerbSpec(string Name, string Description, OptionSpec[] Options, Func<OptionValues, Invocation> Make, bool Listed = true);

    private static readonly OptionSpec Data = new("data", "DIR", $"Folder of the local directory (default: ${DataVariable}).");

    private static readonly VerbSpec Root = new(
        "casdir",
        "casdir: the Exchange 2010 configuration partition in OpenLDAP, driven with the Exchange Management Shell's cmdlets.\n" +
        "  casdir <cmdlet line>        e.g. casdir New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-A\n" +
        "  casdir -File script.ps1     a PowerShell script (-File - reads standard input); add -Resume to re-run an interrupted one\n" +
        "  casdir shell                the interactive console;  casdir module-path  for Import-Module in pwsh",
        [], _ => new HelpArguments(null), Listed: false);

    private static readonly VerbSpec Version = new("--version", "Show version information", [], _ => new VersionArguments(), Listed: false);

    private static readonly VerbSpec[] Verbs =
    [
        new("up", "Start the local directory in DIR, creating it first if DIR is new or empty.",
        [
            Data,
            new("port", "N", $"TCP port on 127.0.0.1 (default {Ldap.Local.LocalDirectoryOptions.DefaultPort}, or the next free one)."),
            new("sample", "NAME", "Load a sample organisation when the directory is created: lab."),
            new("domain", "D", "AD domain of a new directory (default lab.local)."),
            new("org", "O", "Exchange organisation of a new directory (default First Organization)."),
            new("hostname", "NAME", "A name slapd's certificate carries besides localhost, 127.0.0.1 and ::1 (repeatable; a running certificate is re-issued to add it).", Repeatable: true),
            new("mirror-of", "A", "Make DIR the mirror-mode provider of the running directory in folder A (docs/replication.md): seeded by replication, A replicates from it too."),
            new("consumer-of", "A", "Make DIR a read-only consumer of the running directory in folder A and its mirror (repeatable or A,B).", Repeatable: true),
        ], o => new UpArguments(o.Data(), Port(o.One("port")), o.One("sample"), o.One("domain"), o.One("org"), HostNames(o.All("hostname")),
            o.One("mirror-of"), o.All("consumer-of").SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList())),
        new("down", "Stop the local directory in DIR (its data stays; 'up' starts it again).", [Data], o => new DownArguments(o.Data())),
        new("status", "Say whether the local directory in DIR runs and where, and each replica it knows (role, serverID, contextCSN, lag); exit code 0 if it runs and answers, 1 if not.",
        [
            Data,
            new("format", "FORMAT", "text (default) or json, for programs.", Default: "text"),
        ], o => new StatusArguments(o.Data(), Format(o.One("format")))),
        new("repair-accesslog", "Recreate an unreadable cn=accesslog (the change log only): stops slapd, removes the log's files, starts it with an empty log.",
            [Data], o => new RepairAccessLogArguments(o.Data())),
        new("schema-ldif", "Print schema/casdirectory.schema in cn=config LDIF form (how schema/casdirectory.ldif is made).",
            [], _ => new GeneratedFileArguments(GeneratedFile.SchemaLdif)),
        new("schema-partition", "Print the schema partition (classSchema and attributeSchema entries) generated from schema/casdirectory.schema (how ldif/schema-partition.ldif.template is made).",
            [], _ => new GeneratedFileArguments(GeneratedFile.SchemaPartition)),
        new("help-maml", "Print the module's MAML help, generated from the cmdlets' doc comments (how src/CasDirectory.PowerShell/CasDirectory.dll-Help.xml is made).",
            [], _ => new GeneratedFileArguments(GeneratedFile.HelpMaml)),
        new("module-path", "Print the path of the CasDirectory module's manifest, for Import-Module in pwsh.", [], _ => new ModulePathArguments(), Listed: false),
        // Parsed by FrontendCommand.Parse; listed here for --help.
        new("frontend", "Run haproxy in front of a replicated directory: one writer at a time (sticky after a failover), reads over the consumers (docs/replication.md).",
        [
            new("data", "FE", "The front end's own folder: haproxy.cfg, frontend.json, pid file, admin socket."),
            new("providers", "A,B", "The providers' data folders (casdir up, casdir up --mirror-of A); the first is the writer while it is up."),
            new("consumers", "C,D", "The consumers' data folders (casdir up --consumer-of A), behind the read endpoint."),
            new("port", "N", "The write endpoint's LDAP port on 127.0.0.1 (default: a free one)."),
            new("ldaps-port", "N", "The write endpoint's LDAPS port (TLS passes through to the provider)."),
            new("read-port", "N", "The read endpoint's port."),
            new("stop", "", "Stop the front end's haproxy."),
            new("status", "", "Say which provider holds the write endpoint and each server's health."),
            new("fail-back", "", "Give the write endpoint back to the first provider once it has caught up."),
        ], _ => throw new InvalidOperationException("frontend is parsed by FrontendCommand.Parse.")),
        // Parsed by ParseServe (any other --Section:Name=value is the host's configuration); listed here for --help.
        new("serve", "Run the hosted service until SIGTERM or Ctrl-C: the site-topology updater, its status endpoint, and Autodiscover when --Autodiscover:Url is set. " +
                     "Any setting of README's table as --Section:Name=value, CASDIR_Section__Name or appsettings.json.",
        [
            Data,
            new("DomainController", "URL", "Or any directory: ldap(s)://host:port, with CASDIR_BIND_DN and CASDIR_BIND_PASSWORD_FILE (the updater account)."),
            new("log-format", "FORMAT", "human (default) or json: compact JSON events, one per line."),
            new("log-file", "FILE", "Also write the JSON events to this file."),
            new("SiteTopology:HttpPrefix", "URL", "The status endpoint (/healthz, /readyz, /findings); empty turns it off.", Default: "http://127.0.0.1:3899/"),
            new("Autodiscover:Url", "URL", "Serve Autodiscover (POX and SOAP, Basic over TLS) at this https:// URL, e.g. https://127.0.0.1:8443/; off without it."),
        ], _ => throw new InvalidOperationException("serve is parsed by ParseServe.")),
    ];

    private sealed class OptionValues(Dictionary<string, List<string>> values, Func<string, string?> environment)
    {
        public string? One(string name) => values.TryGetValue(name, out var given) ? given[0] : null;

        public IReadOnlyList<string> All(string name) => values.TryGetValue(name, out var given) ? given : [];

        /// <summary>--data DIR, or CASDIR_DATA: the local directory the verb acts on.</summary>
        public string Data() =>
            One(CommandLine.Data.Name) is { Length: > 0 } given ? given
            : environment(DataVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : throw new UsageException($"No directory given: pass --data DIR or set {DataVariable}.");
    }

    private static Invocation ParseVerb(VerbSpec verb, IReadOnlyList<string> args, Func<string, string?> environment)
    {
        if (args.Any(IsHelp))
            return new HelpArguments(verb == Root || verb == Version ? null : verb.Name);
        var values = new Dictionary<string, List<string>>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (OptionName(arg) is not { } name)
                throw Unrecognized(arg);
            string? inline = null;
            var separator = name.IndexOfAny([':', '=']);
            if (separator > 0)
                (name, inline) = (name[..separator], name[(separator + 1)..]);
            var option = verb.Options.FirstOrDefault(o => o.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? throw Unrecognized(arg);
            var value = inline ?? (i + 1 < args.Count && OptionName(args[i + 1]) is null && !IsHelp(args[i + 1]) ? args[++i]
                : throw new UsageException($"Required argument missing for option: '--{option.Name}'.", pointToHelp: true));
            if (!values.TryGetValue(option.Name, out var list))
                values[option.Name] = list = [];
            else if (!option.Repeatable)
                throw new UsageException(option == Data ? "--data is given twice: casdir acts on one directory at a time." : $"--{option.Name} is given twice.", pointToHelp: true);
            list.Add(value);
        }
        return verb.Make(new OptionValues(values, environment));
    }

    private static Invocation ParseServe(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        if (args.Any(IsHelp))
            return new HelpArguments("serve");
        string? data = null, domainController = null, logFormat = null, logFile = null;
        var configuration = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var name = arg.StartsWith('-') ? arg.TrimStart('-').ToLowerInvariant() : null;
            switch (name)
            {
                case "data":
                    data = ReadData(args, ref i, data);
                    configuration.Add($"--SiteTopology:DataDirectory={Path.GetFullPath(data)}");
                    break;
                case "domaincontroller":
                    domainController = Value(args, ref i, "-DomainController", "an LDAP URL");
                    configuration.Add($"--SiteTopology:DomainController={domainController}");
                    break;
                case "log-format" or "logformat":
                    logFormat = Value(args, ref i, "--log-format", "human or json");
                    configuration.Add($"--Logging:Format={logFormat}");
                    break;
                case "log-file" or "logfile":
                    logFile = Value(args, ref i, "--log-file", "a file");
                    configuration.Add($"--Logging:File={logFile}");
                    break;
                default:
                    // Any other setting, as the host's configuration reads it (--SiteTopology:PollInterval=00:00:01).
                    configuration.Add(arg);
                    break;
            }
        }
        // CASDIR_DOMAIN_CONTROLLER and CASDIR_DATA name the directory as they do for every other command (the container sets the first).
        var named = configuration.Any(c => c.StartsWith("--SiteTopology:DataDirectory=", StringComparison.Ordinal) || c.StartsWith("--SiteTopology:DomainController=", StringComparison.Ordinal));
        if (!named && environment(DomainControllerVariable) is { Length: > 0 } fromEnvironment)
            configuration.Add($"--SiteTopology:DomainController={fromEnvironment}");
        else if (!named && environment(DataVariable) is { Length: > 0 } folder)
            configuration.Add($"--SiteTopology:DataDirectory={Path.GetFullPath(folder)}");
        return new ServeArguments(data, domainController, logFormat, logFile, configuration);
    }

    private static Invocation ParseShell(IReadOnlyList<string> args)
    {
        string? data = null;
        var console = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == DataOption)
                data = ReadData(args, ref i, data);
            else
                console.Add(args[i]);
        }
        return new ShellArguments(data, console);
    }

    // ---- the pieces ----

    /// <summary>The one reading of --data DIR: a value must follow, once.</summary>
    private static string ReadData(IReadOnlyList<string> args, ref int i, string? already) =>
        already is null ? Value(args, ref i, DataOption, "a folder")
        : throw new UsageException("--data is given twice: casdir acts on one directory at a time.");

    private static string Value(IReadOnlyList<string> args, ref int i, string option, string what) =>
        ++i < args.Count ? args[i] : throw new UsageException(option == DataOption ? "--data needs a folder." : $"{option} needs {what}.");

    private static bool IsHelp(string arg) =>
        arg is "-h" or "-?" or "/?" or "/h" || OptionName(arg) is { } name && name.Equals("help", StringComparison.OrdinalIgnoreCase);

    /// <summary>The name of a -Param / --param / -Param:value token (null for a value, such as -5 or a plain word).</summary>
    private static string? OptionName(string arg)
    {
        var name = arg.StartsWith("--") ? arg[2..] : arg.StartsWith('-') ? arg[1..] : null;
        return name is { Length: > 1 } && char.IsLetter(name[0]) ? name : null;
    }

    /// <summary>-File, -Resume, -ErrorAction after a script: one or more dashes (or an en-dash), any case.</summary>
    private static bool IsEngineOption(string arg, string name) =>
        arg.Length > 1 && arg[0] is '-' or '–' && arg.TrimStart('-', '–').Equals(name, StringComparison.OrdinalIgnoreCase);

    private static UsageException Unrecognized(string arg) => new($"Unrecognized command or argument '{arg}'.", pointToHelp: true);

    private static int? Port(string? value) =>
        value is null ? null
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) ? port
        : throw new UsageException($"Cannot parse argument '{value}' for option '--port' as expected type 'System.Nullable`1[System.Int32]'.", pointToHelp: true);

    private static bool Format(string? value) =>
        value is null || value.Equals("text", StringComparison.OrdinalIgnoreCase) ? false
        : value.Equals("json", StringComparison.OrdinalIgnoreCase) ? true
        : throw new UsageException($"Argument '{value}' not recognized. Must be one of:\n\t'text'\n\t'json'", pointToHelp: true);

    private static IReadOnlyList<string> HostNames(IReadOnlyList<string> names)
    {
        foreach (var name in names)
            if (!Core.Naming.Fqdn.IsValid(name) && Uri.CheckHostName(name) != UriHostNameType.Dns)
                throw new UsageException($"--hostname '{name}' is not a DNS name such as ldap.lab.local.");
        return names;
    }
}
