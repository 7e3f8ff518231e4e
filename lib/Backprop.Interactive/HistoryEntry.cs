namespace Backprop.Interactive;

/// <summary>One executed input: session 0 is the current session.</summary>
public sealed record HistoryEntry(int Session, int LineNumber, string Input);
