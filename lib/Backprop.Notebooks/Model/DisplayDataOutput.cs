using System.Text.Json.Nodes;

namespace Backprop.Notebooks.Model;

/// <summary>A display_data output: a mime bundle (text values joined into one string) and its metadata.</summary>
public sealed record DisplayDataOutput(JsonObject Data, JsonObject Metadata) : NotebookOutput
{
    /// <inheritdoc />
    public override string OutputType => "display_data";
}
