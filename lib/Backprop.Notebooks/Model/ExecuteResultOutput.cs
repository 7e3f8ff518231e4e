using System.Text.Json.Nodes;

namespace Backprop.Notebooks.Model;

/// <summary>The value of a cell's trailing expression, with the cell's execution count.</summary>
public sealed record ExecuteResultOutput(int? ExecutionCount, JsonObject Data, JsonObject Metadata) : NotebookOutput
{
    /// <inheritdoc />
    public override string OutputType => "execute_result";
}
