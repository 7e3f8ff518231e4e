using Backprop.Notebooks.Running;

namespace Backprop.Notebooks.Html;

/// <summary>How <see cref="HtmlExporter"/> exports notebooks.</summary>
public sealed record HtmlExportOptions(string OutputDirectory)
{
    /// <summary>Run each notebook first (in memory; the .ipynb files are not changed) instead of requiring executed notebooks.</summary>
    public bool Execute { get; init; }

    /// <summary>How notebooks are run when <see cref="Execute"/> is set (<see cref="NotebookRunOptions.Check"/> is forced on).</summary>
    public NotebookRunOptions RunOptions { get; init; } = new();

    /// <summary>
    /// Called before each notebook is run (with <see cref="Execute"/>), so that the host can put back settings a
    /// notebook may have changed for the whole process — the library's language, which the Korean edition switches.
    /// </summary>
    public Action? BeforeRun { get; init; }

    /// <summary>Called after each page is built.</summary>
    public Action<ExportedPage>? PageExported { get; init; }
}
