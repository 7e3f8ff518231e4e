namespace Backprop.Notebooks.Model;

/// <summary>Text written to "stdout" or "stderr".</summary>
public sealed record StreamOutput(string Name, string Text) : NotebookOutput
{
    /// <inheritdoc />
    public override string OutputType => "stream";
}
