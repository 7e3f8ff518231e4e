using System.Globalization;
using System.Text;

namespace Backprop.Interactive;

/// <summary>
/// A cell's stdout and stderr, batched as ipykernel batches them: text is held and published when the
/// cell's flush timer ticks (<see cref="FlushInterval"/>), when a megabyte has gathered, when the other
/// stream is written to, before a display, and at the end of the cell. A cell that prints 100,000 lines
/// sends a handful of messages, in the order it wrote them.
/// </summary>
/// <remarks>
/// What a cell prints is capped at <see cref="PrintedTextLimit"/> bytes (stdout and stderr together).
/// At the cap the text stops at the last whole line and one notice is shown (a display, so that it can be
/// completed at the end of the cell with how many lines and megabytes were left out); the cell goes on running.
/// </remarks>
internal sealed class CellStreamBatcher(IOutputPublisher publisher, long printedTextLimit = CellStreamBatcher.PrintedTextLimit)
{
    /// <summary>How much text a cell may print (UTF-8 bytes, stdout and stderr together): 5 MB.</summary>
    public const long PrintedTextLimit = 5L * 1024 * 1024;

    /// <summary>How often held text is published while a cell runs.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(50);

    private const int MaxHeld = 1024 * 1024;

    private readonly object _gate = new();
    private readonly StringBuilder _held = new();
    private string _heldName = "stdout";
    private long _printed;
    private bool _truncated;
    private long _droppedBytes;
    private long _droppedLines;
    private bool _droppedEndsInNewline = true;
    private string? _noticeId;
    private bool _closed;

    /// <summary>Whether the cap was reached (text was left out).</summary>
    public bool Truncated
    {
        get
        {
            lock (_gate)
            {
                return _truncated;
            }
        }
    }

    /// <summary>Holds <paramref name="text"/> written to stream <paramref name="name"/>, publishing what was held first if the stream changes.</summary>
    public void Write(string name, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            if (_truncated)
            {
                Drop(text, Encoding.UTF8.GetByteCount(text));
                return;
            }

            if (_held.Length > 0 && _heldName != name)
            {
                PublishHeld();
            }

            _heldName = name;
            var bytes = Encoding.UTF8.GetByteCount(text);
            if (_printed + bytes <= printedTextLimit)
            {
                _printed += bytes;
                _held.Append(text);
            }
            else
            {
                var kept = KeptLength(text, printedTextLimit - _printed, wholeLinesOnly: _printed > 0);
                _held.Append(text, 0, kept);
                _printed += Encoding.UTF8.GetByteCount(text.AsSpan(0, kept));
                _truncated = true;
                var rest = text[kept..];
                Drop(rest, Encoding.UTF8.GetByteCount(rest));
                PublishHeld();
                _noticeId = Guid.NewGuid().ToString("N");
                var notice = $"[output truncated after {Megabytes(printedTextLimit)}: the cell goes on running; what it prints from here on is not shown]";
                ConsoleRouter.Publishing(() => publisher.Display(MimeBundle.PlainText(notice), _noticeId));
                return;
            }

            if (_held.Length >= MaxHeld)
            {
                PublishHeld();
            }
        }
    }

    /// <summary>Publishes the text held so far.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (!_closed)
            {
                PublishHeld();
            }
        }
    }

    /// <summary>Publishes what is held, completes the truncation notice if there is one, and drops whatever is written later.</summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            PublishHeld();
            if (_noticeId is { } id)
            {
                var lines = _droppedLines + (_droppedEndsInNewline ? 0 : 1);
                var notice = $"[output truncated after {Megabytes(printedTextLimit)}: {lines.ToString("N0", CultureInfo.InvariantCulture)} more {(lines == 1 ? "line" : "lines")} ({Megabytes(_droppedBytes)}) not shown — print less often, or write to a file]";
                ConsoleRouter.Publishing(() => publisher.UpdateDisplay(MimeBundle.PlainText(notice), id));
            }

            _closed = true;
        }
    }

    private void PublishHeld()
    {
        if (_held.Length == 0)
        {
            return;
        }

        var text = _held.ToString();
        var name = _heldName;
        _held.Clear();
        ConsoleRouter.Publishing(() => publisher.Stream(name, text));
    }

    private void Drop(string text, long bytes)
    {
        if (text.Length == 0)
        {
            return;
        }

        _droppedBytes += bytes;
        _droppedLines += text.AsSpan().Count('\n');
        _droppedEndsInNewline = text[^1] == '\n';
    }

    /// <summary>
    /// How many chars of <paramref name="text"/> fit in <paramref name="budget"/> bytes, ending after the last
    /// newline that fits; with no such newline, none (or, when nothing was printed before, as many as fit).
    /// </summary>
    private static int KeptLength(string text, long budget, bool wholeLinesOnly)
    {
        var bytes = 0L;
        var fits = 0;
        var lastNewline = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var size = c < 0x80 ? 1 : c < 0x800 ? 2 : char.IsSurrogate(c) ? 2 : 3;
            if (bytes + size > budget)
            {
                break;
            }

            bytes += size;
            fits = i + 1;
            if (c == '\n')
            {
                lastNewline = i;
            }
        }

        if (fits > 0 && char.IsHighSurrogate(text[fits - 1]))
        {
            fits--;
        }

        return lastNewline >= 0 ? lastNewline + 1 : wholeLinesOnly ? 0 : fits;
    }

    private static string Megabytes(long bytes) =>
        (bytes / (1024.0 * 1024.0)).ToString(bytes % (1024 * 1024) == 0 ? "0" : "0.0", CultureInfo.InvariantCulture) + " MB";
}
