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

    private readonly TextWriter _original;
    private readonly bool _isError;

    private ConsoleRouter(TextWriter original, bool isError)
    {
        _original = original;
        _isError = isError;
    }

    public override Encoding Encoding => Encoding.UTF8;

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

        var cell = CellContext.Flowing ?? CellContext.RunningFallback;
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
        var cell = CellContext.Flowing ?? CellContext.RunningFallback;
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
