using System.Globalization;
using System.Management.Automation;
using System.Text;

namespace CasDirectory.Cli.Engine;

/// <summary>
/// Progress on standard error while a line or script runs, as pwsh shows it: for a script, the line it is on of how
/// many, the writes so far, their rate and the time left; the script's own Write-Progress records (activity, a bar,
/// percent, status) on a second line. Drawn in place at most ten times a second by a timer (the pipeline thread only
/// stores what it is given), first after half a second (a fast line shows nothing), and erased when the run ends and
/// before anything else is written to the terminal. Only when standard error is a terminal; CASDIR_PROGRESS=0 turns
/// it off, =1 forces it (tests).
/// </summary>
public sealed class ProgressDisplay : IDisposable
{
    private static readonly TimeSpan FirstDraw = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);
    private const string Erase = "\r\u001b[J";

    private readonly TextWriter _terminal;
    private readonly bool _forced;
    private readonly object _lock = new();
    private readonly Dictionary<(long Source, int Activity), (ProgressRecord Record, long Order)> _records = [];
    private readonly Queue<(double Seconds, int Writes)> _recent = new();
    private long _order;
    private Timer? _timer;
    private System.Diagnostics.Stopwatch _clock = new();
    private Run? _run;
    private int _shown; // lines on screen: 0, 1 or 2, the cursor at the start of the first
    private string? _drawn;
    private bool _atLineStart = true;
    private int _paused;

    private sealed record Run(string? Source, int Lines, Func<int?> Line, Func<int> Writes);

    private ProgressDisplay(TextWriter terminal, bool forced)
    {
        _terminal = terminal;
        _forced = forced;
    }

    /// <summary>The display for this console, or null when progress is not shown (stderr redirected, CASDIR_PROGRESS=0).</summary>
    public static ProgressDisplay? For(EngineConsole console)
    {
        var on = Environment.GetEnvironmentVariable("CASDIR_PROGRESS") switch
        {
            "0" => false,
            "1" => true,
            _ => console.ErrorTerminal && Environment.GetEnvironmentVariable("TERM") is not "dumb",
        };
        return on ? new ProgressDisplay(console.Error, forced: !console.ErrorTerminal) : null;
    }

    /// <summary>
    /// The console with its terminal writers passing through the display, which erases itself before each write and
    /// redraws only at the start of a line (never over a prompt being answered). Standard output is left alone unless it
    /// is the terminal too.
    /// </summary>
    public EngineConsole Wrap(EngineConsole console) => console with
    {
        Output = console.Terminal ? new Writer(this, console.Output) : console.Output,
        Error = new Writer(this, console.Error),
    };

    /// <summary>Starts showing a run: <paramref name="lines"/> and <paramref name="line"/> for a script (null source: a one-liner).</summary>
    public void Start(string? source, int lines, Func<int?> line, Func<int> writes)
    {
        lock (_lock)
        {
            _run = new Run(source, lines, line, writes);
            _records.Clear();
            _recent.Clear();
            _clock = System.Diagnostics.Stopwatch.StartNew();
            _timer = new Timer(_ => Tick(), null, FirstDraw, Period);
        }
    }

    /// <summary>Ends the run: nothing more is drawn and what was drawn is erased.</summary>
    public void Stop()
    {
        Timer? timer;
        lock (_lock)
        {
            timer = _timer;
            _timer = null;
            _run = null;
            Clear();
        }
        timer?.Dispose();
    }

    /// <summary>A Write-Progress record (the host's WriteProgress): kept for the next redraw, which is the timer's.</summary>
    public void Record(long sourceId, ProgressRecord record)
    {
        lock (_lock)
        {
            if (record.RecordType == ProgressRecordType.Completed)
                _records.Remove((sourceId, record.ActivityId));
            else
                _records[(sourceId, record.ActivityId)] = (record, ++_order);
        }
    }

    /// <summary>While someone is typing an answer: nothing is drawn; afterwards the cursor is at a line's start again.</summary>
    public IDisposable Pause()
    {
        lock (_lock)
        {
            _paused++;
            Clear();
        }
        return new Resume(this);
    }

    private sealed class Resume(ProgressDisplay display) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) != 0)
                return;
            lock (display._lock)
            {
                display._paused--;
                display._atLineStart = true;
            }
        }
    }

    private void Tick()
    {
        lock (_lock)
        {
            if (_run is not { } run || _paused > 0 || !_atLineStart)
                return;
            string text;
            try
            {
                text = Render(run);
            }
            catch (Exception)
            {
                return; // a sample taken while the engine moved on: the next tick tries again
            }
            if (text == _drawn)
                return;
            Clear();
            var lines = text.Split('\n');
            var draw = new StringBuilder();
            draw.Append(lines[0]);
            if (lines.Length > 1)
                draw.Append('\n').Append(lines[1]).Append("\u001b[1A");
            draw.Append('\r');
            _terminal.Write(draw.ToString());
            _terminal.Flush();
            _shown = lines.Length;
            _drawn = text;
        }
    }

    /// <summary>Erases what is drawn (under the lock).</summary>
    private void Clear()
    {
        if (_shown == 0)
            return;
        _terminal.Write(Erase);
        _terminal.Flush();
        _shown = 0;
        _drawn = null;
    }

    private string Render(Run run)
    {
        var width = Width() - 1; // never the last column: a wrapped line would not be erased
        var elapsed = _clock.Elapsed;
        var writes = run.Writes();
        var rate = Rate(elapsed.TotalSeconds, writes);
        var parts = new List<string>();
        double? fraction = null;
        if (run.Source is not null && run.Line() is { } line && line > 0)
        {
            line = Math.Min(line, run.Lines);
            fraction = (line - 1) / (double)run.Lines;
            parts.Add($"{run.Source} {Bar(fraction.Value, 20)} line {N(line)} of {N(run.Lines)}");
        }
        else
        {
            parts.Add(run.Source ?? "casdir");
        }
        parts.Add($"{N(writes)} write{(writes == 1 ? "" : "s")}" + (rate is { } r && writes > 0 ? $", {r.ToString(r < 10 ? "0.#" : "N0", CultureInfo.InvariantCulture)}/s" : ""));
        parts.Add(Time(elapsed) + (fraction is > 0 and var f && elapsed.TotalSeconds >= 2 ? $", {Time(TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - f) / f))} left" : ""));
        var first = Fit(string.Join(" · ", parts), width);

        var latest = _records.Count == 0 ? default : _records.Values.MaxBy(r => r.Order);
        if (latest.Record is not { } record)
            return first;
        var second = new StringBuilder(record.Activity);
        if (record.PercentComplete >= 0)
            second.Append(' ').Append(Bar(Math.Min(record.PercentComplete, 100) / 100.0, 20)).Append(' ').Append(Math.Min(record.PercentComplete, 100)).Append('%');
        if (!string.IsNullOrWhiteSpace(record.StatusDescription) && record.StatusDescription != "Processing")
            second.Append(' ').Append(record.StatusDescription);
        if (!string.IsNullOrWhiteSpace(record.CurrentOperation))
            second.Append(" · ").Append(record.CurrentOperation);
        if (record.SecondsRemaining >= 0)
            second.Append(" · ").Append(Time(TimeSpan.FromSeconds(record.SecondsRemaining))).Append(" left");
        return first + "\n" + Fit(second.ToString(), width);
    }

    /// <summary>Writes a second over the last five seconds (the whole run until then).</summary>
    private double? Rate(double seconds, int writes)
    {
        _recent.Enqueue((seconds, writes));
        while (_recent.Count > 2 && seconds - _recent.Peek().Seconds > 5)
            _recent.Dequeue();
        var (since, before) = _recent.Peek();
        return seconds - since >= 1 ? (writes - before) / (seconds - since) : seconds >= 0.5 ? writes / seconds : null;
    }

    private static string Bar(double fraction, int width)
    {
        var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * width);
        return "[" + new string('=', filled) + (filled < width ? ">" + new string(' ', width - filled - 1) : "") + "]";
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Time(TimeSpan time) =>
        time.TotalHours >= 1 ? $"{(int)time.TotalHours}:{time.Minutes:00}:{time.Seconds:00}" : $"{time.Minutes}:{time.Seconds:00}";

    private static string Fit(string text, int width)
    {
        text = text.Replace('\r', ' ').Replace('\n', ' ').Replace('\u001b', ' ');
        return text.Length <= width ? text : text[..Math.Max(width - 1, 0)] + "…";
    }

    private int Width()
    {
        if (!_forced)
        {
            try
            {
                if (Console.WindowWidth is > 0 and var columns)
                    return Math.Max(columns, 20);
            }
            catch (Exception e) when (e is IOException or PlatformNotSupportedException or InvalidOperationException)
            {
            }
        }
        return int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var set) && set > 0 ? Math.Max(set, 20) : 120;
    }

    public void Dispose() => Stop();

    /// <summary>A terminal writer that erases the display before it writes, and tells it whether the cursor is at a line's start.</summary>
    private sealed class Writer(ProgressDisplay display, TextWriter inner) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;
        public override IFormatProvider FormatProvider => inner.FormatProvider;

        [System.Diagnostics.CodeAnalysis.AllowNull]
        public override string NewLine { get => inner.NewLine; set => inner.NewLine = value; }

        public override void Write(char value)
        {
            lock (display._lock)
            {
                display.Clear();
                inner.Write(value);
                display._atLineStart = value == '\n';
            }
        }

        public override void Write(string? value)
        {
            if (string.IsNullOrEmpty(value))
                return;
            lock (display._lock)
            {
                display.Clear();
                inner.Write(value);
                display._atLineStart = value[^1] == '\n';
            }
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void WriteLine(string? value) => Write((value ?? "") + inner.NewLine);

        public override void WriteLine() => Write(inner.NewLine);

        public override void Flush() => inner.Flush();
    }
}
