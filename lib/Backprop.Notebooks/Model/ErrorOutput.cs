namespace Backprop.Notebooks.Model;

/// <summary>An error: exception name, message and traceback lines (which may carry ANSI colour codes).</summary>
public sealed record ErrorOutput(string EName, string EValue, IReadOnlyList<string> Traceback) : NotebookOutput
{
    /// <inheritdoc />
    public override string OutputType => "error";
}
