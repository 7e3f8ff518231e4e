namespace Backprop.Notebooks.Html;

/// <summary>The exported folder, its pages in reading order, and how long the export took.</summary>
public sealed record HtmlExportResult(string OutputDirectory, IReadOnlyList<ExportedPage> Pages, TimeSpan Elapsed);
