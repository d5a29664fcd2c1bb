using System.Text;

namespace CasDirectory.Cli.Shell;

/// <summary>
/// Splits a script line the way the shell does for the forms Exchange articles use: words separated by
/// spaces, '…' and "…" quoting, and '|' (outside quotes) between pipeline segments.
/// </summary>
public static class CommandLineSplitter
{
    public static IReadOnlyList<IReadOnlyList<string>> Split(string line)
    {
        var segments = new List<IReadOnlyList<string>>();
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is not null)
            {
                if (c == quote) quote = null;
                else word.Append(c);
                continue;
            }
            switch (c)
            {
                case '\'' or '"':
                    quote = c;
                    inWord = true;
                    break;
                case '|':
                    EndWord();
                    segments.Add(words);
                    words = [];
                    break;
                case var _ when char.IsWhiteSpace(c):
                    EndWord();
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }
        if (quote is not null)
            throw new Core.DomainRuleException($"A quote ({quote}) is not closed.", isMalformedInput: true);
        EndWord();
        segments.Add(words);
        if (segments.Count > 1 && segments.Any(s => s.Count == 0))
            throw new Core.DomainRuleException("An empty pipeline segment: a '|' needs a command on each side.", isMalformedInput: true);
        return segments;

        void EndWord()
        {
            if (inWord) words.Add(word.ToString());
            word.Clear();
            inWord = false;
        }
    }
}
