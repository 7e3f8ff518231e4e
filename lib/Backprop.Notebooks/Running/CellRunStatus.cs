namespace Backprop.Notebooks.Running;

/// <summary>What happened to one cell in a headless run.</summary>
public enum CellRunStatus
{
    /// <summary>The cell ran to the end.</summary>
    Ok,
    /// <summary>The cell failed to compile, threw, or was interrupted.</summary>
    Failed,
    /// <summary>The cell ran longer than the per-cell timeout and was cancelled.</summary>
    TimedOut,
    /// <summary>The cell was not run: it is markdown or raw, or its source is blank.</summary>
    Skipped,
}
