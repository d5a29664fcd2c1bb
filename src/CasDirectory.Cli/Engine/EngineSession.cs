using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CasDirectory.PowerShell.Hosting;

namespace CasDirectory.Cli.Engine;

/// <summary>
/// The PowerShell engine casdir hosts: a session state with the core language, the utility cmdlets pipelines
/// use (Select-Object, Sort-Object, Format-Table, ConvertTo-Json, …) and the CasDirectory module — nothing else,
/// so a command starts fast. Telemetry and the update check of the hosted engine are off.
/// </summary>
public static class EngineSession
{
    public static string ModuleManifest { get; } = Path.Combine(AppContext.BaseDirectory, "CasDirectory.psd1");

    private static string ModuleAssembly { get; } = Path.Combine(AppContext.BaseDirectory, "CasDirectory.dll");
    private static string ModuleFormats { get; } = Path.Combine(AppContext.BaseDirectory, "CasDirectory.Format.ps1xml");

    /// <summary>The file-system and location cmdlets scripts reach for beside the utility ones.</summary>
    private static readonly string[] ManagementCmdlets =
        ["Get-Content", "Set-Content", "Add-Content", "Test-Path", "Join-Path", "Split-Path", "Resolve-Path", "Get-Location", "Set-Location", "Get-ChildItem", "Get-Item"];

    public static void OptOutOfTelemetry()
    {
        Environment.SetEnvironmentVariable("POWERSHELL_TELEMETRY_OPTOUT", "1");
        Environment.SetEnvironmentVariable("POWERSHELL_UPDATECHECK", "Off");
    }

    public static InitialSessionState Create(string errorActionPreference = "Stop", string? data = null)
    {
        OptOutOfTelemetry();
        var state = InitialSessionState.CreateDefault2();
        AddCmdlets(state, typeof(Microsoft.PowerShell.Commands.SelectObjectCommand).Assembly, _ => true);
        AddCmdlets(state, typeof(Microsoft.PowerShell.Commands.GetContentCommand).Assembly, name => ManagementCmdlets.Contains(name, StringComparer.OrdinalIgnoreCase));
        // The module's assembly and formats rather than its manifest: a hosted engine joins the manifest's
        // FormatsToProcess to the module's folder with a backslash on Linux (stock pwsh does not). Same module name.
        state.ImportPSModule(ModuleAssembly);
        state.Formats.Add(new SessionStateFormatEntry(ModuleFormats));
        // A provisioning script stops at its first error unless told otherwise (-ErrorAction Continue on casdir's line).
        state.Variables.Add(new SessionStateVariableEntry("ErrorActionPreference", Enum.Parse<ActionPreference>(errorActionPreference, ignoreCase: true), ""));
        if (data is not null)
            state.Variables.Add(new SessionStateVariableEntry(DirectoryConnections.DataVariable, Path.GetFullPath(data), "The local directory casdir's cmdlets act on (--data)."));
        state.Commands.Add(new SessionStateFunctionEntry("prompt", "\"[PS] $($executionContext.SessionState.Path.CurrentLocation)> \""));
        return state;
    }

    private static void AddCmdlets(InitialSessionState state, System.Reflection.Assembly assembly, Func<string, bool> wanted)
    {
        foreach (var type in assembly.GetExportedTypes())
        {
            if (type.IsAbstract || !typeof(Cmdlet).IsAssignableFrom(type)
                || type.GetCustomAttributes(typeof(CmdletAttribute), false).FirstOrDefault() is not CmdletAttribute attribute)
                continue;
            var name = $"{attribute.VerbName}-{attribute.NounName}";
            if (wanted(name))
                state.Commands.Add(new SessionStateCmdletEntry(name, type, null));
        }
    }

    /// <summary>How many searches and writes the runspace's directory sessions made (--stats).</summary>
    public static (int Searches, int Writes, IReadOnlyList<string> Written) Statistics(Runspace runspace)
    {
        var sessions = DirectoryConnections.Of(runspace);
        return (sessions.Sum(s => s.Statistics.Searches), sessions.Sum(s => s.Statistics.Writes), sessions.SelectMany(s => s.Statistics.Written).ToList());
    }
}
