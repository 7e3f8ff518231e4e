namespace Backprop.Interactive;

/// <summary>
/// The Console.In replacement installed once per process: while a cell runs, <c>Console.ReadLine()</c> and
/// <c>Console.Read()</c> read from the cell's frontend (<see cref="ExecutionRequest.Input"/>), and fail at
/// once where the frontend takes no input; anything else reads the original console.
/// </summary>
internal sealed class ConsoleInput : TextReader
{
    private static readonly object Gate = new();
    private static bool _installed;

    private readonly TextReader _original;
    private readonly object _bufferGate = new();
    private string _buffer = "";
    private CellContext? _bufferOwner;   // the rest of a line read by Console.Read belongs to the cell that read it

    private ConsoleInput(TextReader original) => _original = original;

    public static void Install()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            Console.SetIn(new ConsoleInput(Console.In));
            _installed = true;
        }
    }

    /// <summary>
    /// A line from the running cell's frontend: null when no cell runs; an <see cref="InvalidOperationException"/>
    /// naming <paramref name="caller"/> when the frontend takes no input; an <see cref="OperationCanceledException"/> on interrupt.
    /// </summary>
    public static string? ReadLineFor(string caller)
    {
        var cell = CellContext.Flowing ?? CellContext.RunningFallback;
        if (cell is null)
        {
            return null;
        }

        if (cell.Input is not { } input)
        {
            throw new InvalidOperationException($"{caller}: this frontend does not accept input (allow_stdin is false, as in nbconvert and `backprop notebooks run`); set the value in the cell instead");
        }

        cell.FlushStreams();   // a prompt written with Console.Write shows before the frontend asks
        try
        {
            return input.ReadLineAsync("", password: false, cell.CancellationToken).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (cell.CancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("cell interrupted", cell.CancellationToken);
        }
    }

    public override string? ReadLine()
    {
        lock (_bufferGate)
        {
            if (BufferedForThisCell())
            {
                var newline = _buffer.IndexOf('\n', StringComparison.Ordinal);
                var line = newline < 0 ? _buffer : _buffer[..newline];
                _buffer = newline < 0 ? "" : _buffer[(newline + 1)..];
                return line;
            }
        }

        return CellContext.Flowing is null && CellContext.RunningFallback is null
            ? _original.ReadLine()
            : ReadLineFor("Console.ReadLine");
    }

    public override int Read()
    {
        if (CellContext.Flowing is null && CellContext.RunningFallback is null)
        {
            return _original.Read();
        }

        var c = Peek();
        if (c >= 0)
        {
            lock (_bufferGate)
            {
                _buffer = _buffer[1..];
            }
        }
        return c;
    }

    public override int Peek()
    {
        if (CellContext.Flowing is null && CellContext.RunningFallback is null)
        {
            return _original.Peek();
        }

        lock (_bufferGate)
        {
            if (BufferedForThisCell())
            {
                return _buffer[0];
            }
        }

        var line = ReadLineFor("Console.Read");
        if (line is null)
        {
            return -1;
        }

        lock (_bufferGate)
        {
            _buffer = line + "\n";
            _bufferOwner = CellContext.Flowing ?? CellContext.RunningFallback;
            return _buffer[0];
        }
    }

    private bool BufferedForThisCell()
    {
        if (_bufferOwner != (CellContext.Flowing ?? CellContext.RunningFallback))
        {
            _buffer = "";
        }
        return _buffer.Length > 0;
    }
}
