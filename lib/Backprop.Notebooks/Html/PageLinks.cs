namespace Backprop.Notebooks.Html;

/// <summary>Navigation of a page: the index, and the previous and next pages in reading order (file names, titles).</summary>
internal sealed record PageLinks(string IndexFile, (string File, string Title)? Previous, (string File, string Title)? Next);
