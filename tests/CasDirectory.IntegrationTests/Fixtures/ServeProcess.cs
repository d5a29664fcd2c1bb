using System.Diagnostics;
using System.Text;

namespace CasDirectory.IntegrationTests.Fixtures;

/// <summary><c>casdir serve</c> as a user runs it: its own process, with its output kept for assertions and failure
/// messages; killed (with its children) on dispose.</summary>
public sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    public ServeProcess(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = ProcessRunner.StartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "casdir.dll"), "serve", .. arguments]);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Everything it has written so far.</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>Its last lines, for a failure message.</summary>
    public string Tail(int lines = 20) => string.Join('\n', Log.Split('\n').TakeLast(lines));

    private void Append(string? line)
    {
        lock (_log)
            _log.AppendLine(line);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }
}
