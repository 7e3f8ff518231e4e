using System.Text;

namespace Backprop.Interactive;

/// <summary>Buffers a cell's stdout or stderr and publishes it a line (or a timer tick) at a time.</summary>
internal sealed class CellStream(string name, IOutputPublisher publisher)
{
    private const int MaxBuffered = 8192;
    private readonly StringBuilder _buffer = new();
    private readonly object _publishGate = new();
    private bool _closed;

    /// <summary>Flushes and stops publishing: text written later (by threads the cell left running) is dropped.</summary>
    public void Close()
    {
        Flush();
        lock (_buffer)
        {
            _closed = true;
        }
    }

    public void Write(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        bool flush;
        lock (_buffer)
        {
            if (_closed)
            {
                return;
            }

            _buffer.Append(text);
            flush = text.Contains('\n') || _buffer.Length > MaxBuffered;
        }

        if (flush)
        {
            Flush();
        }
    }

    public void Flush()
    {
        // One flush at a time, so chunks reach the publisher in the order they were written.
        lock (_publishGate)
        {
            string text;
            lock (_buffer)
            {
                if (_buffer.Length == 0)
                {
                    return;
                }

                text = _buffer.ToString();
                _buffer.Clear();
            }

            ConsoleRouter.Publishing(() => publisher.Stream(name, text));
        }
    }
}
