using CasDirectory.Cli.Output;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Exchange;

namespace CasDirectory.Cli.Shell;

/// <summary>
/// What one casdir run shares across its commands: the directory connection (opened on first use and kept
/// for a whole script), the objects flowing through the current pipeline, and the terminal.
/// </summary>
public sealed class CmdletHost(TextWriter output, TextWriter error, TextReader input, bool interactive) : IDisposable
{
    private ExchangeDirectory? _directory;

    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>Objects piped into the cmdlet being run (null when it starts a pipeline).</summary>
    public IReadOnlyList<OutputRecord>? PipelineInput { get; set; }

    /// <summary>Objects the cmdlet being run wrote.</summary>
    public List<OutputRecord> Results { get; } = [];

    /// <summary>The output format the first cmdlet of the pipeline asked for.</summary>
    public OutputFormat? RequestedFormat { get; set; }

    /// <summary>-Format as given (Get-CasTopology also takes tree, mermaid and dot).</summary>
    public string? RawFormat { get; set; }

    /// <summary>Set by cmdlets that print a report of their own (Test-/Get-CasTopology) instead of objects.</summary>
    public bool WroteReport { get; set; }

    /// <summary>A cmdlet's verdict when it ran but found something (Test-CasTopology): 1 instead of 0.</summary>
    public int ExitCode { get; set; }

    public bool ShowStatistics { get; set; }

    public ExchangeDirectory Directory(string? domainController, string? dataDirectory)
    {
        if (_directory is not null)
            return _directory;
        var (endpoint, credential) = DirectoryTarget.Resolve(domainController, dataDirectory);
        return _directory = ExchangeDirectory.Connect(endpoint, credential);
    }

    public void Warn(string message) => Error.WriteLine("WARNING: " + message);

    /// <summary>Asks as the shell does; without a terminal to answer, the action is not done.</summary>
    public bool Confirm(string action)
    {
        if (!interactive)
            throw new Core.DomainRuleException($"{action}: confirmation is needed and there is no terminal to ask. Add -Confirm:$false to go ahead.");
        Output.WriteLine("Confirm");
        Output.WriteLine("Are you sure you want to perform this action?");
        Output.Write($"{action}.\n[Y] Yes  [N] No  (default is \"Y\"): ");
        var answer = input.ReadLine()?.Trim();
        return string.IsNullOrEmpty(answer) || answer.StartsWith('y') || answer.StartsWith('Y');
    }

    public void WriteStatistics()
    {
        if (ShowStatistics && _directory is not null)
            Error.WriteLine($"LDAP: {_directory.Session.Searches} searches, {_directory.Session.Writes} writes");
    }

    public void Dispose() => _directory?.Dispose();
}
