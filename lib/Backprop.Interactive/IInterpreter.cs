namespace Backprop.Interactive;

/// <summary>
/// The seam between a notebook frontend (the Jupyter wire protocol, the headless runner, tests)
/// and the C# evaluator. Modelled on xeus' <c>xinterpreter</c>: execute, complete, inspect,
/// is_complete, history and kernel_info; outputs of a running cell go to an <see cref="IOutputPublisher"/>.
/// Calls never overlap: a frontend runs one request at a time.
/// </summary>
public interface IInterpreter : IDisposable
{
    /// <summary>Language and implementation facts for kernel_info_reply.</summary>
    InterpreterInfo Info { get; }

    /// <summary>The number the next successful or failing execution will get (starts at 1).</summary>
    int ExecutionCount { get; }

    /// <summary>
    /// Runs one cell. Outputs (stream, display_data, update_display_data, clear_output) go to
    /// <paramref name="publisher"/> while it runs; the value of a trailing expression and any error
    /// come back in the result. <paramref name="cancellationToken"/> is the cell's interrupt: user code
    /// sees it as the script global <c>CancellationToken</c>.
    /// </summary>
    Task<ExecutionOutcome> ExecuteAsync(ExecutionRequest request, IOutputPublisher publisher, CancellationToken cancellationToken);

    /// <summary>Completions at <paramref name="cursorPosition"/> (a UTF-16 offset into <paramref name="code"/>).</summary>
    Task<CompletionOutcome> CompleteAsync(string code, int cursorPosition, CancellationToken cancellationToken);

    /// <summary>Signature and documentation of the symbol at the cursor, or <c>Found = false</c>.</summary>
    Task<InspectionOutcome> InspectAsync(string code, int cursorPosition, int detailLevel, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="code"/> is a complete submission: "complete", "incomplete" or "invalid".</summary>
    IsCompleteOutcome IsComplete(string code);

    /// <summary>Inputs executed so far in this session, oldest first.</summary>
    IReadOnlyList<HistoryEntry> History { get; }

    /// <summary>
    /// Starts warming up in the background (call it right after start): the compiler at once, and with
    /// <paramref name="editorServices"/> also completion and inspection, but only while no cell runs.
    /// A kernel behind an editor wants both; a runner that only executes cells wants the compiler.
    /// </summary>
    void WarmUp(bool editorServices);
}
