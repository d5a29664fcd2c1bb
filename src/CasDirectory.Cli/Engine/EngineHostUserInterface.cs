using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Management.Automation.Internal;

namespace CasDirectory.Cli.Engine;

/// <summary>
/// Writes what the engine shows: objects (through Out-Default) to standard output; errors, warnings and
/// confirmations to standard error. Without a terminal there is nobody to answer a prompt, so a prompt fails
/// with a message saying how to go ahead (-Confirm:$false, or the missing parameter).
/// </summary>
public sealed class EngineHostUserInterface(TextWriter output, TextWriter error, TextReader input, bool interactive, bool terminal) : PSHostUserInterface
{
    private readonly EngineRawUserInterface _raw = new(terminal);

    public override PSHostRawUserInterface RawUI => _raw;

    /// <summary>Where Write-Progress records go: drawn on a terminal's standard error; null (dropped) otherwise.</summary>
    public ProgressDisplay? Progress { get; init; }

    /// <summary>ANSI decoration (table headers) only on a terminal, as pwsh's OutputRendering Host mode does.</summary>
    public override bool SupportsVirtualTerminal { get; } = terminal && Environment.GetEnvironmentVariable("NO_COLOR") is not { Length: > 0 };

    private string Plain(string value) => SupportsVirtualTerminal ? value : new StringDecorated(value).ToString(OutputRendering.PlainText);

    public override void Write(string value) => output.Write(Plain(value));
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => output.Write(Plain(value));
    public override void WriteLine(string value) => output.WriteLine(Plain(value));
    public override void WriteErrorLine(string value) => error.WriteLine(Plain(value));
    public override void WriteWarningLine(string message) => error.WriteLine("WARNING: " + message);
    public override void WriteVerboseLine(string message) => error.WriteLine("VERBOSE: " + message);
    public override void WriteDebugLine(string message) => error.WriteLine("DEBUG: " + message);
    public override void WriteProgress(long sourceId, ProgressRecord record) => Progress?.Record(sourceId, record);

    public override string ReadLine()
    {
        if (!interactive)
            throw NoTerminal("input is needed");
        using (Progress?.Pause())
            return input.ReadLine() ?? "";
    }

    public override SecureString ReadLineAsSecureString() => throw NoTerminal("a secret is needed");

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
    {
        if (!interactive)
            throw NoTerminal($"a value is needed for {string.Join(", ", descriptions.Select(d => "-" + d.Name))}; pass it on the command line");
        using var paused = Progress?.Pause();
        var answers = new Dictionary<string, PSObject>();
        foreach (var description in descriptions)
        {
            error.Write($"{description.Name}: ");
            answers[description.Name] = new PSObject(input.ReadLine() ?? "");
        }
        return answers;
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw NoTerminal("a credential is needed");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw NoTerminal("a credential is needed");

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        if (!interactive)
            throw NoTerminal($"{message.Split('\n').Last().Trim().TrimEnd('.')}: confirmation is needed and there is no terminal to ask. Add -Confirm:$false to go ahead");
        using var paused = Progress?.Pause();
        error.WriteLine(caption);
        error.WriteLine(message);
        var labels = choices.Select((c, i) => $"[{c.Label.Replace("&", "")[0]}] {c.Label.Replace("&", "")}").ToList();
        error.Write($"{string.Join("  ", labels)}  (default is \"{choices[defaultChoice].Label.Replace("&", "")[0]}\"): ");
        var answer = input.ReadLine()?.Trim() ?? "";
        if (answer.Length == 0)
            return defaultChoice;
        for (var i = 0; i < choices.Count; i++)
        {
            var label = choices[i].Label.Replace("&", "");
            if (label.StartsWith(answer, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return defaultChoice;
    }

    private static PSInvalidOperationException NoTerminal(string what) => new($"{what}.");
}
