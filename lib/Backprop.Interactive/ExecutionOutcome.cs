using System.Text.Json.Nodes;

namespace Backprop.Interactive;

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
