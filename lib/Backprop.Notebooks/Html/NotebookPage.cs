using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Backprop.Notebooks.Model;

namespace Backprop.Notebooks.Html;

/// <summary>
/// One exported page: markdown cells rendered, code cells highlighted with their execution count,
/// outputs below them. Links to other notebooks point at their pages; local images and cell
/// attachments are inlined so the page stands alone.
/// </summary>
internal sealed partial class NotebookPage
{
    private readonly NotebookDocument notebook;
    private readonly string notebookFolder;
    private readonly OutputRenderer outputs = new();

    public NotebookPage(NotebookDocument notebook, string notebookFolder)
    {
        this.notebook = notebook;
        this.notebookFolder = notebookFolder;
    }

    /// <summary>Plotly charts on the page (known after <see cref="Render"/>).</summary>
    public int Charts => outputs.Charts;

    /// <summary>Formulas on the page (known after <see cref="Render"/>).</summary>
    public int Formulas { get; private set; }

    /// <summary>The page's HTML, in <paramref name="language"/> ("en" or "ko": the navigation's and footer's words follow it).</summary>
    public string Render(string title, string sourceName, string language, PageLinks links)
    {
        var body = new StringBuilder();
        var cellNumber = 0;
        foreach (var cell in notebook.Cells)
        {
            cellNumber++;
            switch (cell.CellType)
            {
                case "markdown":
                    body.Append($"<section class=\"cell markdown-cell\" id=\"cell-{cellNumber}\">")
                        .Append(Markdown(cell)).Append("</section>\n");
                    break;
                case "code":
                    body.Append(Code(cell, cellNumber));
                    break;
                default:
                    body.Append($"<section class=\"cell raw-cell\" id=\"cell-{cellNumber}\"><pre>{Encode(cell.Source)}</pre></section>\n");
                    break;
            }
        }
        var html = body.ToString();
        Formulas = MathElement().Count(html);
        return PageLayout.Page(title, language, links, html, Charts > 0, language == "ko" ? $"{sourceName}에서 내보냄" : $"Exported from {sourceName}");
    }

    /// <summary>"ko" when the notebook's prose contains Hangul, otherwise "en".</summary>
    public static string LanguageOf(NotebookDocument notebook) =>
        notebook.Cells.Any(c => c.CellType == "markdown" && c.Source.Any(ch => ch is >= '\uAC00' and <= '\uD7A3')) ? "ko" : "en";

    private string Markdown(NotebookCell cell)
    {
        var html = MarkdownRenderer.ToHtml(cell.Source);
        html = NotebookLink().Replace(html, m => $"href=\"{m.Groups["path"].Value}.html{m.Groups["anchor"].Value}\"");
        return ImageSource().Replace(html, m => $"src=\"{Inline(cell, WebUtility.HtmlDecode(m.Groups["src"].Value)) ?? m.Groups["src"].Value}\"");
    }

    private string Code(NotebookCell cell, int number)
    {
        var html = new StringBuilder($"<section class=\"cell code-cell\" id=\"cell-{number}\">");
        var count = cell.ExecutionCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? " ";
        html.Append($"<div class=\"input\"><div class=\"prompt\" aria-label=\"execution count\">[{count}]</div>")
            .Append("<pre class=\"code\"><code class=\"language-csharp\">")
            .Append(CSharpHighlighter.Highlight(cell.Source))
            .Append("</code></pre></div>");
        if (cell.Outputs.Count > 0)
        {
            html.Append("<div class=\"outputs\">");
            foreach (var output in cell.Outputs)
            {
                html.Append(outputs.Render(output));
            }
            html.Append("</div>");
        }
        return html.Append("</section>\n").ToString();
    }

    /// <summary>A data URI for an attachment or a local image file, or null to leave the source as it is.</summary>
    private string? Inline(NotebookCell cell, string source)
    {
        if (source.StartsWith("attachment:", StringComparison.Ordinal))
        {
            var name = Uri.UnescapeDataString(source["attachment:".Length..]);
            if (cell.Attachments?[name] is JsonObject bundle && bundle.FirstOrDefault() is var (mime, value) && value is not null)
            {
                var data = NotebookReaderText(value);
                return mime == MimeTypes.Svg
                    ? $"data:{mime};base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(data))}"
                    : $"data:{mime};base64,{string.Concat(data.Where(c => !char.IsWhiteSpace(c)))}";
            }
            return null;
        }
        if (source.Contains(':', StringComparison.Ordinal) || source.StartsWith('/') || source.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }
        var path = Path.GetFullPath(Path.Combine(notebookFolder, Uri.UnescapeDataString(source.Split('#', '?')[0])));
        var type = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => MimeTypes.Png,
            ".jpg" or ".jpeg" => MimeTypes.Jpeg,
            ".gif" => MimeTypes.Gif,
            ".svg" => MimeTypes.Svg,
            _ => null,
        };
        return type is not null && File.Exists(path) ? $"data:{type};base64,{Convert.ToBase64String(File.ReadAllBytes(path))}" : null;
    }

    private static string NotebookReaderText(JsonNode value) =>
        value is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)value ?? "";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex("class=\"math( math-display)?\"")]
    private static partial Regex MathElement();

    [GeneratedRegex("href=\"(?<path>(?![a-zA-Z][a-zA-Z0-9+.-]*:)[^\"#?]+)\\.ipynb(?<anchor>#[^\"]*)?\"")]
    private static partial Regex NotebookLink();

    [GeneratedRegex("src=\"(?<src>[^\"]+)\"")]
    private static partial Regex ImageSource();
}
