using Backprop.Notebooks.Model;
using Markdig.Syntax;

namespace Backprop.Notebooks.Html;

/// <summary>What the index shows of a notebook: the title (its first <c># </c> heading) and its first paragraph.</summary>
internal sealed record NotebookSummary(string Title, string SummaryHtml)
{
    public static NotebookSummary Of(NotebookDocument notebook, string fallbackTitle)
    {
        string? title = null;
        string? summary = null;
        foreach (var cell in notebook.Cells.Where(c => c.CellType == "markdown"))
        {
            foreach (var block in MarkdownRenderer.Parse(cell.Source))
            {
                if (title is null && block is HeadingBlock { Level: 1 } heading && heading.Inline is not null)
                {
                    title = PlainText(cell.Source, heading);
                }
                else if (summary is null && block is ParagraphBlock paragraph && !StartsWithHtml(cell.Source, paragraph))
                {
                    summary = MarkdownRenderer.RenderInline(paragraph);
                }
                if (title is not null && summary is not null)
                {
                    return new NotebookSummary(title, summary);
                }
            }
        }
        return new NotebookSummary(title ?? fallbackTitle, summary ?? "");
    }

    private static string PlainText(string source, HeadingBlock heading)
    {
        var text = source.Substring(heading.Span.Start, heading.Span.Length).TrimStart('#', ' ').Trim();
        return Markdig.Markdown.ToPlainText(text).Trim();
    }

    private static bool StartsWithHtml(string source, ParagraphBlock paragraph) =>
        paragraph.Span.Start < source.Length && source[paragraph.Span.Start] == '<';
}
