using System.Text.Json.Nodes;

namespace Backprop.Notebooks.Model;

/// <summary>
/// One cell: "code", "markdown" or "raw". Source is held as one string (on disk it is a list of
/// lines); metadata, attachments and unknown keys are kept as they were read.
/// </summary>
public sealed class NotebookCell
{
    /// <summary>Creates a cell of <paramref name="cellType"/> with <paramref name="source"/>.</summary>
    public NotebookCell(string cellType, string source)
    {
        CellType = cellType;
        Source = source;
    }

    /// <summary>"code", "markdown" or "raw".</summary>
    public string CellType { get; }

    /// <summary>The nbformat 4.5 cell id, when the notebook has them.</summary>
    public string? Id { get; set; }

    /// <summary>The cell's text.</summary>
    public string Source { get; set; }

    /// <summary>Cell metadata (Polyglot's <c>polyglot_notebook.kernelName</c> lives here).</summary>
    public JsonObject Metadata { get; set; } = new();

    /// <summary>The execution count of a code cell; null when it has not run.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>Outputs of a code cell, in order.</summary>
    public List<NotebookOutput> Outputs { get; } = new();

    /// <summary>Attachments of a markdown cell, exactly as read (null when absent).</summary>
    public JsonObject? Attachments { get; set; }

    /// <summary>Keys of the cell object this model does not know.</summary>
    public JsonObject Extra { get; set; } = new();

    /// <summary>Whether this is a code cell.</summary>
    public bool IsCode => CellType == "code";
}
