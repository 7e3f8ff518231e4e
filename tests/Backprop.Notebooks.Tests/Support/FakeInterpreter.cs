using System.Text.Json.Nodes;
using Backprop.Interactive;

namespace Backprop.Notebooks.Tests.Support;

/// <summary>
/// An interpreter for runner tests whose cells are one command per line:
/// <c>out TEXT</c>, <c>err TEXT</c>, <c>display ID|- TEXT</c>, <c>update ID TEXT</c>, <c>clear</c>,
/// <c>clear-wait</c>, <c>result TEXT</c>, <c>throw NAME MESSAGE</c>, <c>hang</c> (until cancelled),
/// <c>hang-deaf</c> (ignores cancellation).
/// </summary>
internal sealed class FakeInterpreter : IInterpreter
{
    private readonly List<HistoryEntry> history = new();

    public FakeInterpreter(string workingDirectory)
    {
        WorkingDirectory = workingDirectory;
    }

    public string WorkingDirectory { get; }

    public bool Disposed { get; private set; }

    public List<string> Executed { get; } = new();

    public InterpreterInfo Info { get; } = new("fake", "1", "C#", "13", "text/x-csharp", ".cs", "csharp", "text/x-csharp", "fake");

    public int ExecutionCount { get; private set; } = 1;

    public IReadOnlyList<HistoryEntry> History => history;

    public async Task<ExecutionOutcome> ExecuteAsync(ExecutionRequest request, IOutputPublisher publisher, CancellationToken cancellationToken)
    {
        Executed.Add(request.Code);
        var count = ExecutionCount++;
        history.Add(new HistoryEntry(0, count, request.Code));
        MimeBundle? result = null;
        foreach (var line in request.Code.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', 3);
            switch (parts[0])
            {
                case "out":
                    publisher.Stream("stdout", parts[1] + (parts.Length > 2 ? " " + parts[2] : "") + "\n");
                    break;
                case "err":
                    publisher.Stream("stderr", parts[1] + "\n");
                    break;
                case "display":
                    publisher.Display(Bundle(parts[2]), parts[1] == "-" ? null : parts[1]);
                    break;
                case "update":
                    publisher.UpdateDisplay(Bundle(parts[2]), parts[1]);
                    break;
                case "clear":
                    publisher.ClearOutput(false);
                    break;
                case "clear-wait":
                    publisher.ClearOutput(true);
                    break;
                case "result":
                    result = MimeBundle.PlainText(parts[1]);
                    break;
                case "throw":
                    return new ExecutionOutcome(ExecutionStatus.Error, count, null, new ErrorInfo(parts[1], parts[2], new[] { $"{parts[1]}: {parts[2]}", "   at cell" }));
                case "hang":
                    try
                    {
                        await Task.Delay(Timeout.Infinite, cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        return new ExecutionOutcome(ExecutionStatus.Aborted, count, null, new ErrorInfo("OperationCanceledException", "The operation was canceled.", Array.Empty<string>()));
                    }
                    break;
                case "hang-deaf":
                    await Task.Delay(Timeout.Infinite, CancellationToken.None);
                    break;
                default:
                    return new ExecutionOutcome(ExecutionStatus.Error, count, null, new ErrorInfo("CompilationError", $"unknown command {parts[0]}", Array.Empty<string>()));
            }
        }
        return new ExecutionOutcome(ExecutionStatus.Ok, count, result, null);
    }

    public Task<CompletionOutcome> CompleteAsync(string code, int cursorPosition, CancellationToken cancellationToken) =>
        Task.FromResult(new CompletionOutcome(Array.Empty<string>(), cursorPosition, cursorPosition, new JsonObject()));

    public Task<InspectionOutcome> InspectAsync(string code, int cursorPosition, int detailLevel, CancellationToken cancellationToken) =>
        Task.FromResult(new InspectionOutcome(false, null));

    public IsCompleteOutcome IsComplete(string code) => new("complete");

    public void WarmUp(bool editorServices)
    {
    }

    public void Dispose() => Disposed = true;

    private static MimeBundle Bundle(string text) => new(
        new JsonObject { ["text/plain"] = text, ["text/html"] = $"<b>{text}</b>" },
        new JsonObject());
}
