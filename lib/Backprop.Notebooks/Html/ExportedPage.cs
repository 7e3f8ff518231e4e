namespace Backprop.Notebooks.Html;

/// <summary>One exported page: its notebook, file name (in the output folder), title, and what it carries.</summary>
public sealed record ExportedPage(string NotebookPath, string FileName, string Title, int Charts, int Formulas, TimeSpan Elapsed);
