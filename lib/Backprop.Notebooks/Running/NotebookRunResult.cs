using Backprop.Notebooks.Model;

namespace Backprop.Notebooks.Running;

/// <summary>
/// The outcome of running one notebook: the executed document (outputs filled in), each code
/// cell's result, the first failure if any, and whether the file on disk was rewritten.
/// </summary>
public sealed record NotebookRunResult(
    string NotebookPath,
    NotebookDocument Notebook,
    IReadOnlyList<CellRunResult> Cells,
    NotebookRunFailure? Failure,
    bool Written,
    TimeSpan Elapsed)
{
    /// <summary>Whether every code cell ran without error.</summary>
    public bool Succeeded => Failure is null;
}
