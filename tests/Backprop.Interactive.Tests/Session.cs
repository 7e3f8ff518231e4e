using Backprop.Interactive;

namespace Backprop.Interactive.Tests;

/// <summary>A C# session with a recording publisher, for tests.</summary>
internal sealed class Session : IDisposable
{
    public Session(string? workingDirectory = null)
    {
        Interpreter = new CSharpInterpreter(workingDirectory ?? AppContext.BaseDirectory);
    }

    public CSharpInterpreter Interpreter { get; }

    public RecordingPublisher Publisher { get; private set; } = new();

    public async Task<ExecutionOutcome> RunAsync(string code, CancellationToken cancellationToken = default, RecordingPublisher? publisher = null)
    {
        Publisher = publisher ?? new RecordingPublisher();
        return await Interpreter.ExecuteAsync(new ExecutionRequest(code), Publisher, cancellationToken);
    }

    /// <summary>Runs a cell that must succeed and returns its text/plain result (null when it has none).</summary>
    public async Task<string?> ValueAsync(string code)
    {
        var outcome = await RunAsync(code);
        Assert.True(outcome.Status == ExecutionStatus.Ok, $"cell failed: {outcome.Error?.Name}: {outcome.Error?.Value}");
        return outcome.Result?.Data["text/plain"]?.GetValue<string>();
    }

    public void Dispose() => Interpreter.Dispose();
}
