using System.Globalization;
using System.Management.Automation.Host;

namespace CasDirectory.Cli.Engine;

/// <summary>casdir's PowerShell host: output to standard output; errors, warnings, prompts and progress to standard error.</summary>
public sealed class EngineHost(EngineConsole console, ProgressDisplay? progress = null) : PSHost
{
    private readonly EngineHostUserInterface _ui = new(console.Output, console.Error, console.Input, console.Interactive, console.Terminal) { Progress = progress };

    public override string Name => "casdir";
    public override Version Version { get; } = typeof(EngineHost).Assembly.GetName().Version ?? new Version(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    /// <summary>Set when a script calls exit N.</summary>
    public int? ExitCode { get; private set; }

    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
    public override void EnterNestedPrompt() => throw new NotSupportedException("casdir has no nested prompt; use casdir shell.");
    public override void ExitNestedPrompt() => throw new NotSupportedException("casdir has no nested prompt.");
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
}
