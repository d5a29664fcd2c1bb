namespace CasDirectory.Cli.Shell;

/// <summary>
/// Lets people type what they type in the Exchange Management Shell: verbs and parameter names in any
/// case, <c>-Param value</c> as well as <c>--param value</c>, and <c>-Param:value</c>. Values are untouched.
/// </summary>
public static class ShellArguments
{
    public static string[] Normalize(IReadOnlyList<string> args, IEnumerable<string> verbs)
    {
        var result = new List<string>(args.Count);
        var verbList = verbs.ToList();
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (i == 0 && verbList.FirstOrDefault(v => string.Equals(v, token, StringComparison.OrdinalIgnoreCase)) is { } verb)
            {
                result.Add(verb);
                continue;
            }
            if (!IsParameterName(token))
            {
                result.Add(token.StartsWith('$') ? PowerShellLiteral(token) : token);
                continue;
            }
            var name = token.TrimStart('-');
            var colon = name.IndexOf(':');
            if (colon > 0)
            {
                result.Add("--" + name[..colon].ToLowerInvariant());
                result.Add(PowerShellLiteral(name[(colon + 1)..]));
            }
            else
            {
                result.Add("--" + name.ToLowerInvariant());
            }
        }
        return result.ToArray();
    }

    /// <summary>$true / $false as PowerShell writes them.</summary>
    private static string PowerShellLiteral(string value) => value.ToLowerInvariant() switch
    {
        "$true" => "true",
        "$false" => "false",
        _ => value,
    };

    // "-Data", "--port", "-Confirm:$false"; not "-h", "-?", "-1" or a lone "-"/"--".
    private static bool IsParameterName(string token)
    {
        var name = token.StartsWith("--", StringComparison.Ordinal) ? token[2..]
            : token.StartsWith('-') ? token[1..]
            : null;
        return name is { Length: > 1 } && char.IsLetter(name[0]);
    }
}
