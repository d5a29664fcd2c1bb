using CasDirectory.Cli.Engine;

namespace CasDirectory.Cli.Commands;

/// <summary>
/// casdir shell: the real interactive PowerShell console (ConsoleShell) with the CasDirectory module loaded and an
/// EMS-style prompt; casdir shell -Command '…' runs non-interactively, as pwsh -Command does.
/// </summary>
public static class ShellCommand
{
    public static int Run(IReadOnlyList<string> arguments)
    {
        var rest = new List<string>();
        string? data = null;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] == "--data")
                data = i + 1 < arguments.Count ? arguments[++i] : throw new UsageException("--data needs a folder.");
            else
                rest.Add(arguments[i]);
        }
        var target = data ?? Environment.GetEnvironmentVariable(Ldap.Connection.DirectoryTarget.DataVariable)
            ?? Environment.GetEnvironmentVariable(Ldap.Connection.DirectoryTarget.DomainControllerVariable) ?? "(none: set CASDIR_DATA or use -DomainController)";
        var banner = $"CasDirectory shell: the Exchange Management Shell's cmdlets on the directory {target}.\n" +
                     "Get-Command -Module CasDirectory lists them; Get-Help <cmdlet> -Full explains one.";
        return Microsoft.PowerShell.ConsoleShell.Start(EngineSession.Create("Continue", data), banner, "casdir shell [-Command '<line>'] [--data DIR]", ["-NoProfile", .. rest]);
    }
}
