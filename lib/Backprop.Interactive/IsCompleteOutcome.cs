namespace Backprop.Interactive;

/// <summary>is_complete verdict: "complete", "incomplete", "invalid" or "unknown", and the indent to offer.</summary>
public sealed record IsCompleteOutcome(string Status, string Indent = "");
