using System.Text.Json.Nodes;

namespace Backprop.Interactive;

/// <summary>Completion matches and the span of code they replace.</summary>
public sealed record CompletionOutcome(IReadOnlyList<string> Matches, int CursorStart, int CursorEnd, JsonObject Metadata);
