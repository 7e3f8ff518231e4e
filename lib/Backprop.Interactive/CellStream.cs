using System.Text;

namespace Backprop.Interactive;

/// <summary>Buffers a cell's stdout or stderr and publishes it a line (or a timer tick) at a time.</summary>
internal sealed class CellStream(string name, IOutputPublisher publisher)
{
    private const int MaxBuffered = 8192;
    private readonly StringBuilder _buffer = new();

    public void Write(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        bool flush;
        lock (_buffer)
        {
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

        publisher.Stream(name, text);
    }
}
