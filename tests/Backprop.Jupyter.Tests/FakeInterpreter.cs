using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Backprop.Interactive;

namespace Backprop.Jupyter.Tests;

/// <summary>
/// A scripted interpreter: <c>print:T</c> writes T to stdout, <c>warn:T</c> to stderr, <c>value:V</c>
/// returns V, <c>throw</c> fails, <c>display</c> shows and updates a display, <c>clear</c> clears output,
/// <c>page</c> returns a pager payload, <c>wait</c> runs until its token is cancelled.
/// </summary>
internal sealed class FakeInterpreter : IInterpreter
{
    private readonly List<HistoryEntry> _history = [];
    private TaskCompletionSource _waitStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InterpreterInfo Info { get; } = new("fake", "1.0", "csharp", "14.0", "text/x-csharp", ".cs", "csharp", "text/x-csharp", "Fake interpreter");

    public int ExecutionCount { get; private set; } = 1;

    public IReadOnlyList<HistoryEntry> History => _history;

    /// <summary>Every code string handed to <see cref="ExecuteAsync"/>, in order.</summary>
    public ConcurrentQueue<string> Executed { get; } = new();

    public bool WarmedUp { get; private set; }

    /// <summary>Completes when a <c>wait</c> cell has started running.</summary>
    public Task WaitStarted => _waitStarted.Task;

    public async Task<ExecutionOutcome> ExecuteAsync(ExecutionRequest request, IOutputPublisher publisher, CancellationToken cancellationToken)
    {
        Executed.Enqueue(request.Code);
        var count = ExecutionCount;
        if (request.StoreHistory)
        {
            _history.Add(new HistoryEntry(0, count, request.Code));
            ExecutionCount++;
        }
        var code = request.Code;
        if (code.StartsWith("print:", StringComparison.Ordinal))
        {
            publisher.Stream("stdout", code["print:".Length..] + "\n");
        }
        else if (code.StartsWith("warn:", StringComparison.Ordinal))
        {
            publisher.Stream("stderr", code["warn:".Length..] + "\n");
        }
        else if (code.StartsWith("value:", StringComparison.Ordinal))
        {
            return new ExecutionOutcome(ExecutionStatus.Ok, count, MimeBundle.PlainText(code["value:".Length..]), null);
        }
        else if (code == "throw")
        {
            return new ExecutionOutcome(ExecutionStatus.Error, count, null, new ErrorInfo("InvalidOperationException", "boom", ["at Submission#0 line 1"]));
        }
        else if (code == "display")
        {
            publisher.Display(MimeBundle.PlainText("first"), "progress");
            publisher.UpdateDisplay(MimeBundle.PlainText("second"), "progress");
        }
        else if (code == "clear")
        {
            publisher.ClearOutput(wait: true);
        }
        else if (code == "page")
        {
            var page = new JsonObject { ["source"] = "page", ["data"] = new JsonObject { ["text/plain"] = "help text" }, ["start"] = 0 };
            return new ExecutionOutcome(ExecutionStatus.Ok, count, null, null, [page]);
        }
        else if (code == "wait")
        {
            var started = _waitStarted;
            _waitStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return new ExecutionOutcome(ExecutionStatus.Aborted, count, null, new ErrorInfo("OperationCanceledException", "The cell was interrupted.", []));
            }
        }
        return new ExecutionOutcome(ExecutionStatus.Ok, count, null, null);
    }

    public Task<CompletionOutcome> CompleteAsync(string code, int cursorPosition, CancellationToken cancellationToken)
    {
        var start = cursorPosition;
        while (start > 0 && char.IsLetter(code[start - 1]))
        {
            start--;
        }
        var prefix = code[start..cursorPosition];
        string[] members = ["Sqrt", "Sin", "Max"];
        return Task.FromResult(new CompletionOutcome([.. members.Where(m => m.StartsWith(prefix, StringComparison.Ordinal))], start, cursorPosition, []));
    }

    public Task<InspectionOutcome> InspectAsync(string code, int cursorPosition, int detailLevel, CancellationToken cancellationToken) =>
        Task.FromResult(code.Contains("Math", StringComparison.Ordinal)
            ? new InspectionOutcome(true, MimeBundle.PlainText("class System.Math"))
            : new InspectionOutcome(false, null));

    public IsCompleteOutcome IsComplete(string code) =>
        code.Count(c => c == '{') > code.Count(c => c == '}') ? new IsCompleteOutcome("incomplete", "    ")
        : code.Count(c => c == '}') > code.Count(c => c == '{') ? new IsCompleteOutcome("invalid")
        : new IsCompleteOutcome("complete");

    public void WarmUp(bool editorServices) => WarmedUp = editorServices;

    public void Dispose()
    {
    }
}
