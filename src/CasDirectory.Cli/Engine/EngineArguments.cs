using System.Text;
using CasDirectory.Cli.Arguments;

namespace CasDirectory.Cli.Engine;

/// <summary>
/// What casdir takes around a PowerShell line or script: <c>casdir &lt;one line&gt;</c>, <c>casdir Word Word…</c>
/// (words joined into one line, a word with spaces kept as one argument), or <c>casdir -File script.ps1</c>
/// (<c>-File -</c>: standard input); plus casdir's own <c>--data DIR</c>, <c>--stats</c> and, for scripts,
/// <c>-ErrorAction Continue</c>.
/// </summary>
public sealed partial record EngineArguments(string? Line, string? ScriptFile, string? Data, bool Stats, string ErrorAction, bool Resume = false) : Invocation
{
    /// <summary>Reads a line's or script's arguments (<see cref="CommandLine.ParseEngine"/>, casdir's one parser).</summary>
    public static EngineArguments Parse(IReadOnlyList<string> args) => CommandLine.ParseEngine(args);

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
}
