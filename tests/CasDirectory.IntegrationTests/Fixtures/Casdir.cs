namespace CasDirectory.IntegrationTests.Fixtures;

/// <summary>Runs the built casdir (the CLI project's output beside the tests) as a user would, in its own process.</summary>
public static class Casdir
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "casdir.dll");

    public static ProcessResult Run(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        RunProgram("dotnet", [Dll, .. arguments], environment);

    /// <summary>Runs any program (e.g. the repository's ./casdir launcher) without CASDIR_DATA unless given.</summary>
    public static ProcessResult RunProgram(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var info = ProcessRunner.StartInfo(program, arguments);
        info.WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory;
        info.Environment.Remove("CASDIR_DATA");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }
        return ProcessRunner.Run(info);
    }
}
