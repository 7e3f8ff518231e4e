using System.Text.Json.Nodes;

namespace Backprop.Interactive;

/// <summary>Facts about the interpreter for kernel_info_reply.</summary>
public sealed record InterpreterInfo(
    string Implementation,
    string ImplementationVersion,
    string LanguageName,
    string LanguageVersion,
    string MimeType,
    string FileExtension,
    string PygmentsLexer,
    string CodeMirrorMode,
    string Banner);

/// <summary>One execute request: the cell's code and the frontend's flags.</summary>
public sealed record ExecutionRequest(string Code, bool Silent = false, bool StoreHistory = true);

/// <summary>
/// A mime bundle as Jupyter sends it: <c>data</c> maps a mime type to a string (text/plain,
/// text/html, image/png as base64 …) or to a JSON value (application/json,
/// application/vnd.plotly.v1+json); <c>metadata</c> likewise.
/// </summary>
public sealed record MimeBundle(JsonObject Data, JsonObject Metadata)
{
    /// <summary>A bundle with one text/plain entry.</summary>
    public static MimeBundle PlainText(string text) =>
        new(new JsonObject { ["text/plain"] = text }, new JsonObject());
}

/// <summary>What happened to an executed cell.</summary>
public enum ExecutionStatus
{
    /// <summary>The cell ran to the end.</summary>
    Ok,
    /// <summary>The cell failed to compile or threw; see <see cref="ExecutionOutcome.Error"/>.</summary>
    Error,
    /// <summary>The cell was interrupted through its cancellation token.</summary>
    Aborted,
}

/// <summary>An error as Jupyter shows it: exception type name, message, and a trimmed traceback.</summary>
public sealed record ErrorInfo(string Name, string Value, IReadOnlyList<string> Traceback);

/// <summary>
/// The result of one cell: its status, the execution count it got, the formatted value of a
/// trailing expression (for execute_result), the error when it failed or was interrupted, and
/// execute_reply payloads (for example <c>{"source": "page", "data": {...}, "start": 0}</c>).
/// </summary>
public sealed record ExecutionOutcome(
    ExecutionStatus Status,
    int ExecutionCount,
    MimeBundle? Result,
    ErrorInfo? Error,
    IReadOnlyList<JsonObject>? Payload = null);

/// <summary>Completion matches and the span of code they replace.</summary>
public sealed record CompletionOutcome(IReadOnlyList<string> Matches, int CursorStart, int CursorEnd, JsonObject Metadata);

/// <summary>Signature and documentation of the symbol at the cursor.</summary>
public sealed record InspectionOutcome(bool Found, MimeBundle? Data);

/// <summary>is_complete verdict: "complete", "incomplete", "invalid" or "unknown", and the indent to offer.</summary>
public sealed record IsCompleteOutcome(string Status, string Indent = "");

/// <summary>One executed input: session 0 is the current session.</summary>
public sealed record HistoryEntry(int Session, int LineNumber, string Input);

/// <summary>
/// Where a running cell's outputs go. The Jupyter kernel turns these into iopub messages;
/// the headless runner into .ipynb outputs. Implementations are thread-safe: training
/// callbacks may publish from any thread.
/// </summary>
public interface IOutputPublisher
{
    /// <summary>Text on "stdout" or "stderr".</summary>
    void Stream(string name, string text);

    /// <summary>A display_data output; <paramref name="displayId"/> is set when it can be updated later.</summary>
    void Display(MimeBundle bundle, string? displayId);

    /// <summary>Replaces the display with this id wherever it is shown (update_display_data).</summary>
    void UpdateDisplay(MimeBundle bundle, string displayId);

    /// <summary>Clears the cell's outputs, now or (with <paramref name="wait"/>) when the next output arrives.</summary>
    void ClearOutput(bool wait);
}
