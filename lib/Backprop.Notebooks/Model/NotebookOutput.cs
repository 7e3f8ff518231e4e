using System.Text.Json.Nodes;

namespace Backprop.Notebooks.Model;

/// <summary>
/// One output of a code cell as nbformat 4 stores it: <see cref="StreamOutput"/>,
/// <see cref="DisplayDataOutput"/>, <see cref="ExecuteResultOutput"/> or <see cref="ErrorOutput"/>.
/// <see cref="Extra"/> keeps keys this model does not know, so nothing is lost on a round trip.
/// </summary>
public abstract record NotebookOutput
{
    /// <summary>The nbformat <c>output_type</c>.</summary>
    public abstract string OutputType { get; }

    /// <summary>Keys of the output object other than the ones the subtype models.</summary>
    public JsonObject Extra { get; init; } = new();
}
