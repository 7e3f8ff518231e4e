using System.Net;
using System.Text;

namespace Backprop.Notebooks.Html;

/// <summary>The HTML around a page's content: head (viewport, styles), navigation (in the page's language, with the link to the other edition), scripts.</summary>
internal static class PageLayout
{
    public static string Page(string title, string language, PageLinks? links, string content, bool charts, string footer)
    {
        var root = links?.Root ?? "";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n")
            .Append($"<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append($"<title>{Encode(title)}</title>\n")
            .Append($"<link rel=\"stylesheet\" href=\"{root}assets/katex/katex.min.css\">\n")
            .Append($"<link rel=\"stylesheet\" href=\"{root}assets/notebook.css\">\n")
            .Append("</head>\n<body>\n");
        if (links is not null)
        {
            html.Append("<nav class=\"page-nav\">")
                .Append($"<a href=\"{Encode(links.IndexFile)}\">{(language == "ko" ? "목차" : "Contents")}</a>");
            if (links.Previous is { } previous)
            {
                html.Append($"<a href=\"{Encode(previous.File)}\" rel=\"prev\">← {Encode(previous.Title)}</a>");
            }
            if (links.Next is { } next)
            {
                html.Append($"<a href=\"{Encode(next.File)}\" rel=\"next\">{Encode(next.Title)} →</a>");
            }
            if (links.Counterpart is { } counterpart)
            {
                html.Append(language == "ko"
                    ? $"<a href=\"{Encode(counterpart)}\" class=\"counterpart\" hreflang=\"en\" lang=\"en\" rel=\"alternate\">English</a>"
                    : $"<a href=\"{Encode(counterpart)}\" class=\"counterpart\" hreflang=\"ko\" lang=\"ko\" rel=\"alternate\">한국어</a>");
            }
            html.Append("</nav>\n");
        }
        html.Append("<main>\n").Append(content).Append("</main>\n")
            .Append($"<footer>{Encode(footer)}</footer>\n")
            .Append($"<script src=\"{root}assets/katex/katex.min.js\"></script>\n");
        if (charts)
        {
            html.Append($"<script src=\"{root}assets/plotly/{ExportAssets.PlotlyFile}\"></script>\n");
        }
        html.Append($"<script src=\"{root}assets/notebook.js\"></script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
