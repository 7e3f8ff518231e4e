using System.Net;
using System.Text;

namespace Backprop.Notebooks.Html;

/// <summary>The HTML around a page's content: head (viewport, styles), navigation, scripts.</summary>
internal static class PageLayout
{
    public static string Page(string title, string language, PageLinks? links, string content, bool charts, string footer)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n")
            .Append($"<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append($"<title>{Encode(title)}</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"assets/katex/katex.min.css\">\n")
            .Append("<link rel=\"stylesheet\" href=\"assets/notebook.css\">\n")
            .Append("</head>\n<body>\n");
        if (links is not null)
        {
            html.Append("<nav class=\"page-nav\">")
                .Append($"<a href=\"{Encode(links.IndexFile)}\">Contents</a>");
            if (links.Previous is { } previous)
            {
                html.Append($"<a href=\"{Encode(previous.File)}\" rel=\"prev\">← {Encode(previous.Title)}</a>");
            }
            if (links.Next is { } next)
            {
                html.Append($"<a href=\"{Encode(next.File)}\" rel=\"next\">{Encode(next.Title)} →</a>");
            }
            html.Append("</nav>\n");
        }
        html.Append("<main>\n").Append(content).Append("</main>\n")
            .Append($"<footer>{Encode(footer)}</footer>\n")
            .Append("<script src=\"assets/katex/katex.min.js\"></script>\n");
        if (charts)
        {
            html.Append($"<script src=\"assets/plotly/{ExportAssets.PlotlyFile}\"></script>\n");
        }
        html.Append("<script src=\"assets/notebook.js\"></script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
