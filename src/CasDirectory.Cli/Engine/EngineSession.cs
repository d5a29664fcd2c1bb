using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CasDirectory.PowerShell.Errors;
using CasDirectory.PowerShell.Sessions;
using Microsoft.PowerShell.Commands;

namespace CasDirectory.Cli.Engine;

/// <summary>
/// The PowerShell engine casdir hosts: a full PowerShell, as EMS is, running with the rights of the user who
/// started it (README, "What differs from EMS"): no sandbox, and none pretended. The utility cmdlets every pipeline uses are registered up front; every other
/// built-in cmdlet (Remove-Item, Start-Process, ConvertTo-SecureString, Invoke-Expression, Add-Type, …) loads
/// with its module on first use, so a command starts fast. Telemetry and the update check are off.
/// </summary>
public static class EngineSession
{
    public static string ModuleManifest { get; } = Path.Combine(AppContext.BaseDirectory, "CasDirectory.psd1");

    private static string ModuleAssembly { get; } = Path.Combine(AppContext.BaseDirectory, "CasDirectory.dll");
    private static string ModuleFormats { get; } = Path.Combine(AppContext.BaseDirectory, "CasDirectory.Format.ps1xml");

    /// <summary>
    /// The engine's own modules (Microsoft.PowerShell.Management, .Utility, .Security, .Host), shipped beside casdir
    /// by the PowerShell SDK. On PSModulePath, PowerShell's module auto-loading finds the rest of the shell there.
    /// </summary>
    public static string? BuiltInModules { get; } = FindBuiltInModules();

    private static string? FindBuiltInModules()
    {
        var lib = Path.Combine(AppContext.BaseDirectory, "runtimes", "unix", "lib");
        return System.IO.Directory.Exists(lib)
            ? System.IO.Directory.GetDirectories(lib).Select(framework => Path.Combine(framework, "Modules")).Where(System.IO.Directory.Exists).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
    }

    /// <summary>
    /// Beside the core language (Where-Object, ForEach-Object, Out-Null, Get-Command, Get-Help, Import-Module, …):
    /// the utility cmdlets pipelines and scripts use, and a few file cmdlets. Listed, not scanned, so the common
    /// line starts without loading a module; the rest auto-load from <see cref="BuiltInModules"/>.
    /// </summary>
    private static readonly Type[] Cmdlets =
    [
        typeof(SelectObjectCommand), typeof(SortObjectCommand), typeof(GroupObjectCommand), typeof(MeasureObjectCommand), typeof(CompareObjectCommand),
        typeof(GetUniqueCommand), typeof(TeeObjectCommand), typeof(SelectStringCommand),
        typeof(FormatTableCommand), typeof(FormatListCommand), typeof(FormatWideCommand), typeof(FormatCustomCommand), typeof(OutStringCommand), typeof(OutFileCommand),
        typeof(ConvertToJsonCommand), typeof(ConvertFromJsonCommand), typeof(ConvertToCsvCommand), typeof(ConvertFromCsvCommand), typeof(ExportCsvCommand), typeof(ImportCsvCommand),
        typeof(WriteHostCommand), typeof(WriteOutputCommand), typeof(WriteWarningCommand), typeof(WriteVerboseCommand), typeof(WriteErrorCommand), typeof(WriteInformationCommand),
        typeof(GetMemberCommand), typeof(AddMemberCommand), typeof(NewObjectCommand), typeof(GetDateCommand), typeof(StartSleepCommand), typeof(GetRandomCommand),
        typeof(GetVariableCommand), typeof(SetVariableCommand), typeof(NewVariableCommand), typeof(RemoveVariableCommand), typeof(ReadHostCommand),
        typeof(GetContentCommand), typeof(SetContentCommand), typeof(AddContentCommand), typeof(TestPathCommand), typeof(JoinPathCommand), typeof(SplitPathCommand),
        typeof(ResolvePathCommand), typeof(GetLocationCommand), typeof(SetLocationCommand), typeof(GetChildItemCommand), typeof(GetItemCommand),
    ];

    /// <summary>
    /// Windows PowerShell's aliases that pwsh on Linux leaves out, so that the Linux program of the same name runs
    /// instead: an EMS line's `| sort Name` would hand text to /usr/bin/sort. casdir's session has them back, for the
    /// cmdlets it holds. Not exported by the module: in a stock pwsh they would shadow ls, cat, sort… for everything
    /// else the user runs there.
    /// </summary>
    public static IReadOnlyList<(string Alias, string Command)> WindowsAliases { get; } =
    [
        ("sort", "Sort-Object"), ("tee", "Tee-Object"), ("sleep", "Start-Sleep"), ("write", "Write-Output"), ("compare", "Compare-Object"),
        ("diff", "Compare-Object"), ("cat", "Get-Content"), ("ls", "Get-ChildItem"), ("ac", "Add-Content"),
    ];

    public static void OptOutOfTelemetry()
    {
        Environment.SetEnvironmentVariable("POWERSHELL_TELEMETRY_OPTOUT", "1");
        Environment.SetEnvironmentVariable("POWERSHELL_UPDATECHECK", "Off");
    }

    public static InitialSessionState Create(string errorActionPreference = "Stop", string? data = null, bool resume = false)
    {
        OptOutOfTelemetry();
        UseBuiltInModules();
        var state = InitialSessionState.CreateDefault2();
        foreach (var type in Cmdlets)
        {
            var attribute = (CmdletAttribute)type.GetCustomAttributes(typeof(CmdletAttribute), false)[0];
            state.Commands.Add(new SessionStateCmdletEntry($"{attribute.VerbName}-{attribute.NounName}", type, null));
        }
        // The module's assembly and formats rather than its manifest: a hosted engine joins the manifest's
        // FormatsToProcess to the module's folder with a backslash on Linux (stock pwsh does not). Same module name.
        state.ImportPSModule(ModuleAssembly);
        state.Formats.Add(new SessionStateFormatEntry(ModuleFormats));
        // A provisioning script stops at its first error unless told otherwise (-ErrorAction Continue on casdir's line).
        state.Variables.Add(new SessionStateVariableEntry("ErrorActionPreference", Enum.Parse<ActionPreference>(errorActionPreference, ignoreCase: true), ""));
        if (resume)
            state.Variables.Add(new SessionStateVariableEntry(PowerShell.CasDirectoryCmdlet.ResumeVariable, true, "casdir -Resume: skip what an interrupted run already did, finish what it left half-done."));
        if (data is not null)
            state.Variables.Add(new SessionStateVariableEntry(DirectoryConnections.DataVariable, Path.GetFullPath(data), "The local directory casdir's cmdlets act on (--data)."));
        foreach (var (alias, command) in WindowsAliases)
            state.Commands.Add(new SessionStateAliasEntry(alias, command, "Windows PowerShell's alias, which pwsh on Linux leaves to a Linux program", ScopedItemOptions.AllScope));
        state.Commands.Add(new SessionStateFunctionEntry("prompt", "\"[PS] $($executionContext.SessionState.Path.CurrentLocation)> \""));
        return state;
    }

    /// <summary>Puts the engine's own modules on PSModulePath (once), after whatever the user has there.</summary>
    private static void UseBuiltInModules()
    {
        var path = Environment.GetEnvironmentVariable("PSModulePath") ?? "";
        var entries = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        if (BuiltInModules is not null && !entries.Contains(BuiltInModules, StringComparer.Ordinal))
            Environment.SetEnvironmentVariable("PSModulePath", string.Join(Path.PathSeparator, entries.Append(BuiltInModules)));
    }

    /// <summary>How many searches and writes the runspace's directory sessions made (--stats), what they wrote and what they may have written.</summary>
    public static (int Searches, int Writes, IReadOnlyList<string> Written, IReadOnlyList<string> Uncertain) Statistics(Runspace runspace)
    {
        var sessions = DirectoryConnections.Of(runspace).Select(s => s.Statistics).ToList();
        return (sessions.Sum(s => s.Searches), sessions.Sum(s => s.Writes), sessions.SelectMany(s => s.Written).ToList(), sessions.SelectMany(s => s.Uncertain).ToList());
    }

    /// <summary>How many writes the runspace's directory sessions have made so far (the progress display reads it while the run goes on).</summary>
    public static int Writes(Runspace runspace) => DirectoryConnections.Of(runspace).Sum(s => s.Statistics.Writes);
}
