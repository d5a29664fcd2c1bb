using System.Diagnostics;

namespace CasDirectory.IntegrationTests.Fixtures;

/// <summary>Runs a program to completion with optional standard input, capturing both output streams.</summary>
public static class ProcessRunner
{
    public static ProcessResult Run(ProcessStartInfo info, string? input = null, TimeSpan? timeout = null)
    {
        info.UseShellExecute = false;
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
            process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{info.FileName} {string.Join(' ', info.ArgumentList)} did not finish.");
        }
        return new ProcessResult(process.ExitCode, output.Result, error.Result);
    }

    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(program);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        return info;
    }
}

/// <summary>Exit code and output of a finished program.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n{Output.Trim()}\n{Error.Trim()}";
}
