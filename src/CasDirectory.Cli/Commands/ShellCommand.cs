using CasDirectory.Cli.Arguments;
using CasDirectory.Cli.Engine;

namespace CasDirectory.Cli.Commands;

/// <summary>
/// casdir shell: the real interactive PowerShell console (ConsoleShell) with the CasDirectory module loaded and an
/// EMS-style prompt; casdir shell -Command '…' runs non-interactively, as pwsh -Command does.
/// </summary>
public static class ShellCommand
{
    public static int Run(ShellArguments arguments)
    {
        var data = arguments.Data;
        var target = data ?? Environment.GetEnvironmentVariable(Ldap.Connection.DirectoryTarget.DataVariable)
            ?? Environment.GetEnvironmentVariable(Ldap.Connection.DirectoryTarget.DomainControllerVariable) ?? "(none: set CASDIR_DATA or use -DomainController)";
        var banner = $"CasDirectory shell: the Exchange Management Shell's cmdlets on the directory {target}.\n" +
                     "Get-Command -Module CasDirectory lists them; Get-Help <cmdlet> -Full explains one.";
        var state = EngineSession.Create("Continue", data);
        // Line editing and Tab completion on Linux come from PSReadLine, which pwsh ships but NuGet does not serve:
        // use an installed pwsh's copy when there is one (without it the console works, with plain line input).
        if (FindPSReadLine() is { } readLine)
            state.ImportPSModule(readLine);
        return Microsoft.PowerShell.ConsoleShell.Start(state, banner, "casdir shell [-Command '<line>'] [--data DIR]", ["-NoProfile", .. arguments.ConsoleArguments]);
    }

    private static string? FindPSReadLine()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var folders = (Environment.GetEnvironmentVariable("PSModulePath") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat([Path.Combine(home, ".local/share/powershell/Modules"), "/usr/local/share/powershell/Modules", "/opt/microsoft/powershell/7/Modules"])
            .Concat(ToolModuleFolders());
        return folders.Select(f => Path.Combine(f, "PSReadLine", "PSReadLine.psd1")).FirstOrDefault(File.Exists);
    }

    // The PowerShell .NET tool beside a repository build (.build/tools, installed by ./test) or on the user's PATH.
    private static IEnumerable<string> ToolModuleFolders()
    {
        var roots = new[] { Path.Combine(AppContext.BaseDirectory, "..", "tools", ".store", "powershell"), Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", ".store", "powershell") };
        return roots.Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateDirectories(root, "Modules", SearchOption.AllDirectories))
            .Where(folder => folder.Contains($"{Path.DirectorySeparatorChar}unix{Path.DirectorySeparatorChar}"));
    }
}
