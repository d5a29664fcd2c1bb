using System.Management.Automation.Host;

namespace CasDirectory.Cli.Engine;

/// <summary>The console's size for the formatter: the terminal's width, or a wide page when output goes to a file or pipe.</summary>
public sealed class EngineRawUserInterface(bool terminal) : PSHostRawUserInterface
{
    private const int RedirectedWidth = 4096;

    private int Width => terminal ? Math.Max(Console.WindowWidth, 40) : RedirectedWidth;

    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override Coordinates CursorPosition { get; set; }
    public override int CursorSize { get; set; }
    public override Size BufferSize { get => new(Width, 9999); set { } }
    public override Size WindowSize { get => new(Width, 50); set { } }
    public override Coordinates WindowPosition { get; set; }
    public override Size MaxWindowSize => new(Width, 50);
    public override Size MaxPhysicalWindowSize => new(Width, 50);
    public override bool KeyAvailable => false;
    public override string WindowTitle { get; set; } = "casdir";

    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("casdir does not read keys.");
    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
}
