namespace Backprop.Notebooks.Html;

/// <summary>
/// Navigation of a page: <see cref="Root"/> ("" or "../", the way from the page to the export's top folder),
/// the index, the previous and next pages of its edition in reading order (links, titles), and the same
/// notebook in the other edition.
/// </summary>
internal sealed record PageLinks(string Root, string IndexFile, (string File, string Title)? Previous, (string File, string Title)? Next, string? Counterpart);
