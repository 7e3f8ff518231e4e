using System.Text.Json.Nodes;

namespace Backprop.Interactive;

/// <summary>
/// Everything a running cell's globals reach: the publisher, the interrupt token, buffered
/// stdout/stderr and the pager payloads. Found through an async-local (so parallel sessions in one
/// process do not mix) with the most recently started cell as fallback for threads that do not flow it.
/// </summary>
internal sealed class CellContext : IDisposable
{
    private static readonly AsyncLocal<CellContext?> Current = new();
    private static volatile CellContext? _latest;
    private static CellContext? _running;

    private readonly List<JsonObject> _payloads = [];
    private readonly CellStreamBatcher _streams;
    private readonly Timer _flushTimer;

    public CellContext(IOutputPublisher publisher, CancellationToken cancellationToken, string workingDirectory)
    {
        Publisher = publisher;
        CancellationToken = cancellationToken;
        WorkingDirectory = workingDirectory;
        _streams = new CellStreamBatcher(publisher);
        Stdout = new CellStream("stdout", _streams);
        Stderr = new CellStream("stderr", _streams);
        _flushTimer = new Timer(_ => FlushStreams(), null, CellStreamBatcher.FlushInterval, CellStreamBatcher.FlushInterval);
    }

    /// <summary>The context of the cell running on this flow, else of the cell started last.</summary>
    public static CellContext Active =>
        Current.Value ?? _latest ?? throw new InvalidOperationException("display(), ClearOutput() and page() work only while a notebook cell runs");

    /// <summary>The context of the cell running on this flow, if any (no fallback): used to route Console output.</summary>
    public static CellContext? Flowing => Current.Value;

    /// <summary>The cell started last while it still runs: Console output from threads that do not flow a context.</summary>
    public static CellContext? RunningFallback => Volatile.Read(ref _running);

    public IOutputPublisher Publisher { get; }

    public CancellationToken CancellationToken { get; }

    public string WorkingDirectory { get; }

    public CellStream Stdout { get; }

    public CellStream Stderr { get; }

    /// <summary>True once the cell's execution has returned: later outputs from threads it left running are dropped.</summary>
    public bool Closed { get; private set; }

    /// <summary>Makes this the active context for the calling flow and for threads that do not flow one.</summary>
    public void Enter()
    {
        Current.Value = this;
        _latest = this;
        Volatile.Write(ref _running, this);
    }

    /// <summary>Replaces a display shown by this or an earlier cell; goes out with the cell running now, if any.</summary>
    public static void Update(CellContext owner, object? value, string? mimeType, string displayId)
    {
        var target = Flowing ?? RunningFallback ?? owner;
        var bundle = mimeType is null ? ValueFormatter.ToBundle(value) : ValueFormatter.ToBundle(value, mimeType);
        target.FlushStreams();
        if (!target.Closed)
        {
            ConsoleRouter.Publishing(() => target.Publisher.UpdateDisplay(bundle, displayId));
        }
    }

    public DisplayHandle Display(object? value, string? mimeType)
    {
        FlushStreams();
        var id = Guid.NewGuid().ToString("N");
        var bundle = mimeType is null ? ValueFormatter.ToBundle(value) : ValueFormatter.ToBundle(value, mimeType);
        if (!Closed)
        {
            ConsoleRouter.Publishing(() => Publisher.Display(bundle, id));
        }

        return new DisplayHandle(this, id);
    }

    public void ClearOutput(bool wait)
    {
        FlushStreams();
        if (!Closed)
        {
            ConsoleRouter.Publishing(() => Publisher.ClearOutput(wait));
        }
    }

    public void Page(string text)
    {
        lock (_payloads)
        {
            _payloads.Add(new JsonObject
            {
                ["source"] = "page",
                ["data"] = new JsonObject { ["text/plain"] = text },
                ["start"] = 0,
            });
        }
    }

    public IReadOnlyList<JsonObject> TakePayloads()
    {
        lock (_payloads)
        {
            var taken = _payloads.ToList();
            _payloads.Clear();
            return taken;
        }
    }

    public void FlushStreams() => _streams.Flush();

    public void Dispose()
    {
        _flushTimer.Dispose();
        _streams.Close();
        Closed = true;
        Interlocked.CompareExchange(ref _running, null, this);
    }
}
