using Backprop.Notebooks.Model;

namespace Backprop.Notebooks.Running;

/// <summary>
/// One cell of a run: <see cref="CellNumber"/> counts all cells from 1 (markdown included),
/// <see cref="CodeCellNumber"/> counts code cells only.
/// </summary>
public sealed record CellRunResult(
    int CellNumber,
    int CodeCellNumber,
    CellRunStatus Status,
    int? ExecutionCount,
    IReadOnlyList<NotebookOutput> Outputs,
    TimeSpan Elapsed,
    ErrorOutput? Error);
