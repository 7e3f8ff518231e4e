namespace Backprop.Interactive;

/// <summary>An error as Jupyter shows it: exception type name, message, and a trimmed traceback.</summary>
public sealed record ErrorInfo(string Name, string Value, IReadOnlyList<string> Traceback);
