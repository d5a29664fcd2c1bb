using System.Text;

namespace CasDirectory.Cli.Engine;

/// <summary>
/// What casdir takes around a PowerShell line or script: <c>casdir &lt;one line&gt;</c>, <c>casdir Word Word…</c>
/// (words joined into one line, a word with spaces kept as one argument), or <c>casdir -File script.ps1</c>
/// (<c>-File -</c>: standard input); plus casdir's own <c>--data DIR</c>, <c>--stats</c> and, for scripts,
/// <c>-ErrorAction Continue</c>.
/// </summary>
public sealed partial record EngineArguments(string? Line, string? ScriptFile, string? Data, bool Stats, string ErrorAction, bool Resume = false)
{
    public static EngineArguments Parse(IReadOnlyList<string> args)
    {
        string? data = null, file = null, errorAction = null;
        var stats = false;
        var resume = false;
        var words = new List<string>();
        var isScript = args.Count > 0 && IsOption(args[0], "File");
        for (var i = isScript ? 0 : 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--data")
                data = data is null ? Value(args, ref i, "--data", "DIR")
                    : throw new UsageException("--data is given twice: casdir acts on one directory at a time.");
            else if (arg == "--stats")
                stats = true;
            else if (isScript && IsOption(arg, "File"))
                file = file is null ? Value(args, ref i, "-File", "a script file, or - for standard input")
                    : throw new UsageException("-File is given twice: casdir runs one script at a time.");
            else if (isScript && IsOption(arg, "Resume"))
                resume = !resume ? true : throw new UsageException("-Resume is given twice.");
            else if (isScript && IsOption(arg, "ErrorAction"))
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
        return new EngineArguments(words.Count == 1 ? words[0] : Join(words), null, data, stats, errorAction);
    }

    /// <summary>Words the shell already split are joined back into one line; a word that would split again is quoted.</summary>
    public static string Join(IEnumerable<string> words)
    {
        var line = new StringBuilder();
        foreach (var word in words)
        {
            if (line.Length > 0) line.Append(' ');
            var isBlock = (word.StartsWith('{') && word.EndsWith('}')) || (word.StartsWith('(') && word.EndsWith(')'));
            // A DN (CN=x,CN=y) is one value, though PowerShell would read its commas as a list; so is a word
            // with brackets inside (Array(1)), and one that starts with a dash but is no parameter name (-outlook.lab.local).
            var isDn = word.Contains('=') && !word.StartsWith('-') && !word.StartsWith('$');
            var isValue = (word.IndexOfAny(['(', ')', '{', '}', '[', ']', '|', '&', '<', '>']) > 0 && !word.StartsWith('$'))
                          || (word.StartsWith('-') && !ParameterName().IsMatch(word));
            line.Append(word.Length == 0 ? "''" : !isBlock && (isDn || isValue || word.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '‘' or '’' or '“' or '”' or ';' or '#'))
                ? "'" + word.Replace("'", "''").Replace("‘", "‘‘").Replace("’", "’’") + "'"
                : word);
        }
        return line.ToString();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[-–][A-Za-z_][A-Za-z0-9_]*(:.*)?$")]
    private static partial System.Text.RegularExpressions.Regex ParameterName();

    private static bool IsOption(string arg, string name) =>
        arg.Length > 1 && arg[0] is '-' or '–' && arg.TrimStart('-', '–').Equals(name, StringComparison.OrdinalIgnoreCase);

    private static string Value(IReadOnlyList<string> args, ref int i, string option, string what) =>
        ++i < args.Count ? args[i] : throw new UsageException($"{option} needs {what}.");
}
