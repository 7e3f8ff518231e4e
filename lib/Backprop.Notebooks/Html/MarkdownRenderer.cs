using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Syntax;

namespace Backprop.Notebooks.Html;

/// <summary>
/// Markdown to HTML with Markdig: pipe and grid tables, math, footnotes, task lists and the other
/// advanced extensions except media links (they embed remote players); raw HTML and SVG pass through.
/// Inline math may be closed right before Hangul (<c>$x$는</c>), as in Korean prose.
/// </summary>
internal static partial class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAbbreviations()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UseCitations()
        .UseCustomContainers()
        .UseDefinitionLists()
        .UseEmphasisExtras()
        .UseFigures()
        .UseFooters()
        .UseFootnotes()
        .UseGridTables()
        .UseMathematics()
        .Use<MathBeforeHangulExtension>()
        .UsePipeTables()
        .UseListExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .UseGenericAttributes()
        .Build();

    public static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, Pipeline);

    public static string ToHtml(string markdown) => Render(Parse(markdown));

    public static string Render(MarkdownObject node)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HtmlMathInlineRenderer>(new DisplayAwareMathInlineRenderer());
        renderer.Render(node);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>The inline HTML of one paragraph (no surrounding &lt;p&gt;).</summary>
    public static string RenderInline(ParagraphBlock paragraph)
    {
        var html = Render(paragraph).Trim();
        return ParagraphTag().Replace(html, "");
    }

    [GeneratedRegex("^<p>|</p>$")]
    private static partial Regex ParagraphTag();
}
