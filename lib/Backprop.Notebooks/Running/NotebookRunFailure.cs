namespace Backprop.Notebooks.Running;

/// <summary>The first failing cell of a run: where it is and what went wrong.</summary>
public sealed record NotebookRunFailure(string NotebookPath, int CellNumber, int CodeCellNumber, string EName, string EValue, bool TimedOut)
{
    /// <summary>The error's traceback lines as the interpreter gave them.</summary>
    public IReadOnlyList<string> Traceback { get; init; } = Array.Empty<string>();

    /// <summary>One line: notebook, cell (counting all cells, and counting code cells) and error.</summary>
    public string Message => $"{NotebookPath}: cell {CellNumber} (code cell {CodeCellNumber}) {(TimedOut ? "timed out" : "failed")}: {EName}: {EValue}";
}
