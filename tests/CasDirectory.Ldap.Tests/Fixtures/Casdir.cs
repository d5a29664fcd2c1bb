using System.Diagnostics;

namespace CasDirectory.Ldap.Tests.Fixtures;

/// <summary>Runs the built casdir (the CLI project's output beside the tests) as a user would, in its own process.</summary>
public static class Casdir
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "casdir.dll");

    public static CasdirResult Run(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        RunProgram("dotnet", [Dll, .. arguments], environment);

    /// <summary>Runs any program (e.g. the repository's ./casdir launcher) and captures its output.</summary>
    public static CasdirResult RunProgram(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        info.Environment.Remove("CASDIR_DATA");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', info.ArgumentList)} did not finish.");
        }
        return new CasdirResult(process.ExitCode, output.Result, error.Result);
    }
}

public sealed record CasdirResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
