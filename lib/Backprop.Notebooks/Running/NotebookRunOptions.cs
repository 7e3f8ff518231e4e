using Backprop.Interactive;

namespace Backprop.Notebooks.Running;

/// <summary>How the headless runner runs notebooks.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>The default per-cell time limit: 10 minutes.</summary>
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromMinutes(10);

    /// <summary>How long one cell may run before its token is cancelled.</summary>
    public TimeSpan CellTimeout { get; init; } = DefaultCellTimeout;

    /// <summary>How long to wait for a cancelled cell to stop before giving up on it.</summary>
    public TimeSpan CancelGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Execute only; never write the notebook back (<c>--check</c>).</summary>
    public bool Check { get; init; }

    /// <summary>Creates a fresh interpreter whose working directory is the notebook's folder.</summary>
    public Func<string, IInterpreter> CreateInterpreter { get; init; } = CSharpEngine.Create;

    /// <summary>Called before a code cell runs, with its 1-based cell number and code cell number.</summary>
    public Action<int, int>? CellStarting { get; init; }

    /// <summary>Called after each code cell, successful or not.</summary>
    public Action<CellRunResult>? CellFinished { get; init; }
}
