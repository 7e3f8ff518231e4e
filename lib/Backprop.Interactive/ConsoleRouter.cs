using System.Text;

namespace Backprop.Interactive;

/// <summary>
/// Console.Out / Console.Error replacements installed once per process: text written while a cell
/// runs goes to that cell's stream, anything else to the original console.
/// </summary>
internal sealed class ConsoleRouter : TextWriter
{
    private static readonly object Gate = new();
    private static bool _installed;

    [ThreadStatic]
    private static bool _publishing;

    private readonly TextWriter _original;
    private readonly bool _isError;

    private ConsoleRouter(TextWriter original, bool isError)
    {
        _original = original;
        _isError = isError;
    }

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>
    /// Runs a publisher call with Console output going to the original console, so a publisher that
    /// logs to the console does not feed its own output back into the cell's stream.
    /// </summary>
    public static void Publishing(Action publish)
    {
        var outer = _publishing;
        _publishing = true;
        try
        {
            publish();
        }
        finally
        {
            _publishing = outer;
        }
    }

    public static void Install()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            Console.SetOut(new ConsoleRouter(Console.Out, isError: false));
            Console.SetError(new ConsoleRouter(Console.Error, isError: true));
            _installed = true;
        }
    }

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        var cell = _publishing ? null : CellContext.Flowing ?? CellContext.RunningFallback;
        if (cell is null)
        {
            _original.Write(value);
            return;
        }

        (_isError ? cell.Stderr : cell.Stdout).Write(value);
    }

    public override void WriteLine(string? value) => Write((value ?? "") + Environment.NewLine);

    public override void Flush()
    {
        var cell = _publishing ? null : CellContext.Flowing ?? CellContext.RunningFallback;
        if (cell is null)
        {
            _original.Flush();
        }
        else
        {
            (_isError ? cell.Stderr : cell.Stdout).Flush();
        }
    }
}
